/**
 * The crawler's User-Agent: names the tool and its version so site owners can identify
 * and configure it (robots.txt group `policy-lint`). The version is read once from the
 * package's own package.json, wherever the code runs from (src via tsx, or dist).
 * It must not fail: an unreadable package.json yields version "0.0.0".
 */
import { packageVersion } from '../package-info.js';

/** Product token used for robots.txt matching. */
export const ROBOTS_AGENT = 'policy-lint';

export function toolVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

export const USER_AGENT = `${ROBOTS_AGENT}/${toolVersion()} (+https://www.npmjs.com/package/policy-lint)`;
