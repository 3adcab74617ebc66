/**
 * One cookie jar per pass, as a browser keeps one, so cookie-check redirects (set a cookie,
 * redirect, expect it back) work. Cookies the user passed with --cookie are added to the
 * Cookie header for the start site only and never enter the jar, so they can never be
 * reported as cookies the site set. It must not throw on malformed Set-Cookie lines.
 *
 * The Cookie header for a URL depends only on its scheme and host and on which of the stored
 * cookies' paths match its path; headers are remembered by exactly that until the jar changes
 * or a stored cookie expires, so a crawl asks tough-cookie once per site section, not per page.
 */
import type * as ToughCookie from 'tough-cookie';
import { requireCjs } from '../require-cjs.js';

const { CookieJar } = requireCjs('tough-cookie') as typeof ToughCookie;

const MAX_COOKIE_HEADER = 8192;
/** Set-Cookie lines a pass stores; past this a site cannot grow the jar (the lines stay as evidence). */
const MAX_STORED = 2000;
/** Remembered Cookie headers; past this the memo starts over. */
const MAX_REMEMBERED_HEADERS = 1000;

/** RFC 6265 5.1.4: does the request path fall under the cookie path? */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

export class PassCookieJar {
  private readonly jar = new CookieJar(undefined, { looseMode: true, allowSpecialUseDomain: true, rejectPublicSuffixes: true });

  constructor(
    private readonly userCookies: string[],
    private readonly isStartSite: (url: string) => boolean,
  ) {}

  /** Stores every Set-Cookie line of a response; bad lines are ignored here (kept raw elsewhere). */
  private stored = 0;

  /** Cookie headers by scheme, host and matching cookie paths; reset when the jar changes. */
  private readonly headers = new Map<string, string>();
  /** Distinct paths of the stored cookies, and when the first of them expires; undefined after a change. */
  private shape: { paths: string[]; validUntil: number } | undefined;
  /** Bumped by every change to the jar: a header read across a change is not remembered. */
  private generation = 0;

  async store(lines: string[], url: string): Promise<void> {
    for (const line of lines.slice(0, 100)) {
      if (this.stored >= MAX_STORED) return;
      this.stored += 1;
      this.changed();
      try {
        await this.jar.setCookie(line.slice(0, 8192), url, { ignoreError: true });
      } catch {
        // malformed or rejected: the raw line is still in the hop record
      }
      this.changed();
    }
  }

  /** Cookie header value for a request to `url`, or undefined. */
  async headerFor(url: string): Promise<string | undefined> {
    const generation = this.generation;
    const key = await this.headerKey(url);
    let fromJar = key === undefined ? undefined : this.headers.get(key);
    if (fromJar === undefined) {
      try {
        fromJar = await this.jar.getCookieString(url);
      } catch {
        fromJar = '';
      }
      if (key !== undefined && generation === this.generation) {
        if (this.headers.size >= MAX_REMEMBERED_HEADERS) this.headers.clear();
        this.headers.set(key, fromJar);
      }
    }
    const parts = [fromJar, ...(this.isStartSite(url) ? this.userCookies : [])].filter((p) => p.trim() !== '');
    if (parts.length === 0) return undefined;
    return parts.join('; ').slice(0, MAX_COOKIE_HEADER);
  }

  private changed(): void {
    this.generation += 1;
    this.shape = undefined;
    this.headers.clear();
  }

  /** What the Cookie header for `url` depends on, or undefined when that cannot be told (then it is not remembered). */
  private async headerKey(url: string): Promise<string | undefined> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return undefined;
    }
    const now = Date.now();
    if (!this.shape || now >= this.shape.validUntil) {
      this.headers.clear();
      const generation = this.generation;
      try {
        const all = await this.jar.store.getAllCookies();
        let validUntil = Number.POSITIVE_INFINITY;
        for (const cookie of all) {
          // Already expired: tough-cookie leaves it out of every header, now and later.
          const expiry = cookie.expiryTime();
          if (expiry !== undefined && expiry > now) validUntil = Math.min(validUntil, expiry);
        }
        // A change while the cookies were listed leaves the shape unknown: work it out next time.
        if (generation !== this.generation) return undefined;
        this.shape = { paths: [...new Set(all.map((cookie) => cookie.path ?? '/'))], validUntil };
      } catch {
        return undefined;
      }
    }
    const paths = this.shape.paths.filter((path) => pathMatches(target.pathname, path));
    return `${target.protocol}//${target.host}\n${paths.join('\n')}`;
  }
}
