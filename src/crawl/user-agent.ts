/**
 * The crawler's User-Agent: names the tool and its version so site owners can identify
 * and configure it (robots.txt group `policy-lint`). The version is read once from the
 * package's own package.json, wherever the code runs from (src via tsx, or dist).
 * It must not fail: an unreadable package.json yields version "0.0.0".
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Product token used for robots.txt matching. */
export const ROBOTS_AGENT = 'policy-lint';

let cachedVersion: string | undefined;

export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policy-lint' && typeof pkg.version === 'string') return (cachedVersion = pkg.version);
    } catch {
      // keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cachedVersion = '0.0.0');
}

export const USER_AGENT = `${ROBOTS_AGENT}/${toolVersion()} (+https://www.npmjs.com/package/policy-lint)`;
