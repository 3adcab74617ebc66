/**
 * Locates policy-lint's own package root and version at run time, from either the source
 * tree (src/) or the compiled tree (dist/src/). Reads package.json once; no other I/O.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;
let cachedVersion: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === 'policy-lint') return (cachedRoot = dir);
      } catch {
        // An unreadable package.json on the way up is not ours; keep climbing.
      }
    }
    dir = dirname(dir);
  }
  throw new Error('policy-lint: cannot locate its package.json');
}

export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return (cachedVersion = pkg.version);
}

/** Where rule docs are published for links in reports. */
export const DOCS_BASE_URL = 'https://github.com/policy-lint/policy-lint/blob/main';
