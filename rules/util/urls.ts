/**
 * URL helpers for rules: host-free keys for fingerprints (a finding must keep its
 * identity on a preview host or another port) and a tolerant "same document" test.
 * Never throws on a malformed URL from a crawled site: it falls back to the raw string.
 */

/** Path and query without scheme, host or port: the stable part of a URL. */
export function pathKey(url: string): string {
  if (typeof url !== 'string') return '';
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Comparable form: host lower-cased without `www.`, default port, fragment and trailing slash dropped. */
export function comparableUrl(url: string): string {
  if (typeof url !== 'string') return '';
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const port = u.port ? `:${u.port}` : '';
    const path = u.pathname.replace(/\/+$/, '') || '/';
    return `${host}${port}${path}${u.search}`;
  } catch {
    return url.trim();
  }
}

export function sameDocument(a: string, b: string): boolean {
  return comparableUrl(a) === comparableUrl(b);
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
