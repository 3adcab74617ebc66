/**
 * URL helpers for evidence extraction: resolve what a page references into absolute
 * http(s) URLs without fragments, bounded in length. Site text is untrusted, so every
 * failure is a `null`, never a throw. No network, no parsing beyond WHATWG URL.
 */
import { boundedMemo } from '../bounded-memo.js';

/** Longest URL kept as evidence; longer references are cut (they still identify the host). */
export const MAX_URL_LENGTH = 2048;

/**
 * Resolutions remembered across pages. A site repeats the same navigation and footer on every
 * page, so most references were resolved before; WHATWG parsing is the costly part. The key
 * holds everything the result depends on: the reference alone when it is absolute, the base's
 * origin for a path-absolute one ("/about", and "//host" or "/\\host" which need only its
 * scheme), the whole base otherwise. Cleared when full, so memory stays bounded.
 */
const resolved = boundedMemo<string | null>(20_000);
const ABSOLUTE = /^https?:\/\//i;
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** Resolves `raw` against `base`; null for non-http(s) schemes or unparsable input. */
export function resolveHttpUrl(raw: string | undefined, base: string): string | null {
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > 16 * MAX_URL_LENGTH) return null;
  if (trimmed.length > 512) return resolveUncached(trimmed, base);
  const key = ABSOLUTE.test(trimmed) ? trimmed : `${trimmed.startsWith('/') ? (ORIGIN.exec(base)?.[0] ?? base) : base}\u0000${trimmed}`;
  return resolved(key, () => resolveUncached(trimmed, base));
}

function resolveUncached(trimmed: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  const href = url.href;
  return href.length > MAX_URL_LENGTH ? href.slice(0, MAX_URL_LENGTH) : href;
}

// Serialised WHATWG URLs (what the extractor stores) have a lower-case host right here.
const SERIALISED_HOST = /^https?:\/\/(?:[^@/?#]*@)?([a-z0-9.-]+)(?::\d+)?(?:[/?#]|$)/;

/** Host of an absolute URL, lower-cased, or '' when it does not parse. */
export function hostOf(url: string): string {
  const fast = SERIALISED_HOST.exec(url);
  if (fast?.[1]) return fast[1];
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Collapses whitespace and caps length, for link text, labels and snippets. */
export function collapse(text: string, max: number): string {
  const out = text.replace(/\s+/g, ' ').trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
