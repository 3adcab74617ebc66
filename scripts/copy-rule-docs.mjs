// Copies rule docs beside the compiled rules so `docs` paths resolve from dist/ too.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.md')) {
      const target = join('dist', path);
      mkdirSync(join(target, '..'), { recursive: true });
      cpSync(path, target);
    }
  }
}
walk('rules');
