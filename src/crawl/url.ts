/**
 * URL hygiene for the crawl frontier: normalises links to one canonical spelling, drops
 * fragments and session ids, rejects non-HTTP schemes and absurd URLs, and bounds the
 * classic crawler traps (endless calendars, repeating path segments, query explosions).
 * It must not fetch anything or know about scope; it only says what a URL is.
 */
import { boundedMemo } from '../bounded-memo.js';

export const MAX_URL_LENGTH = 2048;
const MAX_PATH_SEGMENTS = 24;
const MAX_QUERY_PARAMS = 16;
const MAX_SEGMENT_REPEATS = 3;
/** Distinct query strings kept per path: a calendar or faceted search adds nothing new after this. */
const MAX_QUERY_VARIANTS_PER_PATH = 20;

const SESSION_PARAMS = new Set(['jsessionid', 'phpsessid', 'sid', 'sessionid', 'session_id', 'aspsessionid', 'cfid', 'cftoken', 'zenid', 'oscsid']);

/**
 * Returns the canonical absolute form of `raw` (resolved against `base`), or undefined when
 * it is not a crawlable http(s) URL.
 */
export function normalizeUrl(raw: string, base?: string): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH * 2) return undefined;
  // Links reach the frontier already absolute, and the same navigation links come from every
  // page: an absolute URL's canonical form does not depend on the base, so it is remembered.
  if (raw.length > 512 || !ABSOLUTE.test(raw)) return normalizeUncached(raw, base);
  return normalized(raw, () => normalizeUncached(raw, base));
}

const ABSOLUTE = /^https?:\/\//i;
const normalized = boundedMemo<string | undefined>(20_000);

function normalizeUncached(raw: string, base: string | undefined): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
  }
  url.hash = '';
  // `;jsessionid=...` path parameters make every page look new.
  if (url.pathname.includes(';')) {
    url.pathname = url.pathname.replace(/;(?:jsessionid|phpsessid|sid|sessionid)=[^/]*/gi, '');
  }
  if (url.search) {
    const all = [...url.searchParams];
    const kept = all.filter(([name]) => !SESSION_PARAMS.has(name.toLowerCase()));
    // Re-serialising changes escapes, so only rewrite when a session id was really dropped.
    if (kept.length !== all.length) {
      const search = new URLSearchParams(kept).toString();
      url.search = search ? `?${search}` : '';
    }
  }
  const out = url.href;
  return out.length <= MAX_URL_LENGTH ? out : undefined;
}

/** A structural reason this URL looks like a crawler trap, or undefined. */
export function trapReason(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'invalid URL';
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length > MAX_PATH_SEGMENTS) return 'path too deep';
  const counts = new Map<string, number>();
  for (const segment of segments) {
    const n = (counts.get(segment) ?? 0) + 1;
    if (n > MAX_SEGMENT_REPEATS) return 'repeating path segments';
    counts.set(segment, n);
  }
  let params = 0;
  for (const _ of url.searchParams) {
    params += 1;
    if (params > MAX_QUERY_PARAMS) return 'too many query parameters';
  }
  return undefined;
}

/** Counts query variants per path so one path cannot absorb the page budget. */
export class QueryVariantLimiter {
  private readonly perPath = new Map<string, number>();

  /** True when this URL may still be queued. */
  admit(href: string): boolean {
    const queryAt = href.indexOf('?');
    if (queryAt === -1) return true;
    const path = href.slice(0, queryAt);
    const n = (this.perPath.get(path) ?? 0) + 1;
    this.perPath.set(path, n);
    return n <= MAX_QUERY_VARIANTS_PER_PATH;
  }
}

/** Compiles a glob-like pattern (`*` is any run of characters) into a matcher. */
export function compilePattern(pattern: string): (href: string) => boolean {
  const escaped = pattern
    .slice(0, 500)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  // Patterns that start with "/" match the path and query; others the whole URL.
  const regex = new RegExp(`^${escaped}$`, 'i');
  const pathOnly = pattern.startsWith('/');
  return (href) => {
    if (!pathOnly) return regex.test(href);
    try {
      const url = new URL(href);
      return regex.test(url.pathname + url.search) || regex.test(url.pathname);
    } catch {
      return false;
    }
  };
}

/** Include/exclude filter: a URL passes when it matches some include (if any) and no exclude. */
export function createUrlFilter(include: string[], exclude: string[]): (href: string) => boolean {
  const inc = include.map(compilePattern);
  const exc = exclude.map(compilePattern);
  return (href) => (inc.length === 0 || inc.some((m) => m(href))) && !exc.some((m) => m(href));
}
