/**
 * One cookie jar per pass, as a browser keeps one, so cookie-check redirects (set a cookie,
 * redirect, expect it back) work. Cookies the user passed with --cookie are added to the
 * Cookie header for the start site only and never enter the jar, so they can never be
 * reported as cookies the site set. It must not throw on malformed Set-Cookie lines.
 */
import type * as ToughCookie from 'tough-cookie';
import { requireCjs } from '../require-cjs.js';

const { CookieJar } = requireCjs('tough-cookie') as typeof ToughCookie;

const MAX_COOKIE_HEADER = 8192;
/** Set-Cookie lines a pass stores; past this a site cannot grow the jar (the lines stay as evidence). */
const MAX_STORED = 2000;

export class PassCookieJar {
  private readonly jar = new CookieJar(undefined, { looseMode: true, allowSpecialUseDomain: true, rejectPublicSuffixes: true });

  constructor(
    private readonly userCookies: string[],
    private readonly isStartSite: (url: string) => boolean,
  ) {}

  /** Stores every Set-Cookie line of a response; bad lines are ignored here (kept raw elsewhere). */
  private stored = 0;

  async store(lines: string[], url: string): Promise<void> {
    for (const line of lines.slice(0, 100)) {
      if (this.stored >= MAX_STORED) return;
      this.stored += 1;
      try {
        await this.jar.setCookie(line.slice(0, 8192), url, { ignoreError: true });
      } catch {
        // malformed or rejected: the raw line is still in the hop record
      }
    }
  }

  /** Cookie header value for a request to `url`, or undefined. */
  async headerFor(url: string): Promise<string | undefined> {
    let fromJar: string;
    try {
      fromJar = await this.jar.getCookieString(url);
    } catch {
      fromJar = '';
    }
    const parts = [fromJar, ...(this.isStartSite(url) ? this.userCookies : [])].filter((p) => p.trim() !== '');
    if (parts.length === 0) return undefined;
    return parts.join('; ').slice(0, MAX_COOKIE_HEADER);
  }
}
