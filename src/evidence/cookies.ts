/**
 * Cookie evidence from the three places a page itself sets cookies: `Set-Cookie` on every
 * response hop, `<meta http-equiv="set-cookie">`, and `document.cookie = ...` writes in
 * inline script. A deletion (Max-Age <= 0, or Expires at or before the response's Date)
 * is not a set and is skipped. Malformed header lines are kept, flagged, never thrown on.
 * This module does not parse HTML and does not know about trackers (see third-party.ts).
 */
import { parseSetCookie, type Cookie } from 'set-cookie-parser';
import type { HopRecord } from '../crawl/types.js';
import type { CookieEvidence } from './types.js';
import { collapse } from './url.js';

export const MAX_COOKIES_PER_PAGE = 400;
const MAX_RAW = 1000;
const MAX_NAME = 200;
/**
 * Used when no response carries a Date header: only dates before it count as deletions.
 * Fixed (not the clock) so the same site gives the same evidence on every run.
 */
export const FALLBACK_REFERENCE_MS = Date.UTC(2001, 0, 1);

// RFC 6265 token characters: no controls, spaces or separators.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The response's Date header in ms, or undefined. */
export function hopDate(hop: HopRecord): number | undefined {
  const raw = headerValues(hop.headers?.date)[0];
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Reference time for a page: the final hop's Date, else any hop's, else the fixed fallback. */
export function referenceTime(hops: readonly HopRecord[]): number {
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    const ms = hop ? hopDate(hop) : undefined;
    if (ms !== undefined) return ms;
  }
  return FALLBACK_REFERENCE_MS;
}

interface ParsedLine {
  name: string;
  malformed: boolean;
  deletion: boolean;
  persistent: boolean;
  domain?: string;
}

/** Parses one Set-Cookie line (or meta content) tolerantly. */
export function parseCookieLine(line: string, reference: number): ParsedLine {
  const fallbackName = collapse(line.split(';', 1)[0]?.split('=', 1)[0] ?? '', MAX_NAME);
  let parsed: Cookie | undefined;
  try {
    parsed = parseSetCookie(line, { split: false, silent: true, decodeValues: false, map: false })[0];
  } catch {
    parsed = undefined;
  }
  const pair = line.split(';', 1)[0] ?? '';
  if (!parsed || !pair.includes('=') || !TOKEN.test(parsed.name.trim())) {
    return { name: fallbackName, malformed: true, deletion: false, persistent: false };
  }
  const maxAge = parsed.maxAge;
  const expires = parsed.expires?.getTime();
  let deletion = false;
  let persistent = false;
  // Max-Age wins over Expires (RFC 6265 5.3 step 3).
  if (maxAge !== undefined) {
    deletion = maxAge <= 0;
    persistent = maxAge > 0;
  } else if (expires !== undefined && !Number.isNaN(expires)) {
    deletion = expires <= reference;
    persistent = !deletion;
  }
  const out: ParsedLine = { name: parsed.name.trim().slice(0, MAX_NAME), malformed: false, deletion, persistent };
  if (parsed.domain) out.domain = parsed.domain.slice(0, 255);
  return out;
}

/** Cookies set by `Set-Cookie` on every hop; deletions skipped, malformed kept. */
export function headerCookies(hops: readonly HopRecord[]): CookieEvidence[] {
  const out: CookieEvidence[] = [];
  for (const hop of hops) {
    const lines = hop.setCookie?.length ? hop.setCookie : headerValues(hop.headers?.['set-cookie']);
    const reference = hopDate(hop) ?? referenceTime(hops);
    const seen = new Set<string>();
    for (const line of lines) {
      if (out.length >= MAX_COOKIES_PER_PAGE) return out;
      if (typeof line !== 'string' || !line.trim() || seen.has(line)) continue;
      seen.add(line);
      const parsed = parseCookieLine(line, reference);
      if (parsed.deletion) continue;
      const cookie: CookieEvidence = {
        name: parsed.name,
        source: 'header',
        raw: line.slice(0, MAX_RAW),
        responseUrl: hop.url,
        responseStatus: hop.status,
      };
      if (parsed.domain) cookie.domain = parsed.domain;
      if (parsed.persistent) cookie.persistent = true;
      if (parsed.malformed) cookie.malformed = true;
      out.push(cookie);
    }
  }
  return out;
}

/** A cookie from `<meta http-equiv="set-cookie" content="...">`, unless it is a deletion. */
export function metaCookie(content: string, reference: number): CookieEvidence | null {
  if (!content.trim()) return null;
  const parsed = parseCookieLine(content, reference);
  if (parsed.deletion || !parsed.name) return null;
  const cookie: CookieEvidence = { name: parsed.name, source: 'meta', raw: content.slice(0, MAX_RAW) };
  if (parsed.domain) cookie.domain = parsed.domain;
  if (parsed.persistent) cookie.persistent = true;
  if (parsed.malformed) cookie.malformed = true;
  return cookie;
}

// `document.cookie =`, `window.document.cookie=`, `document["cookie"] =`; not `==`.
const COOKIE_WRITE = /\bdocument\s*(?:\.\s*cookie\b|\[\s*(['"])cookie\1\s*\])\s*(?:\+)?=(?!=)\s*/g;
const IDENT = /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*/;

/** The start of the assigned expression: its leading string literal, or a leading identifier. */
function leadingLiteral(src: string, at: number): { text: string; dynamicName?: string } | null {
  const quote = src[at];
  if (quote === '"' || quote === "'" || quote === '`') {
    let i = at + 1;
    let text = '';
    while (i < src.length && i - at < MAX_RAW) {
      const ch = src[i];
      if (ch === '\\') {
        text += src[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === quote) break;
      if (quote === '`' && ch === '$' && src[i + 1] === '{') {
        // Interpolation: keep a marker so a name built from it reads as dynamic.
        text += '\uE000';
        const close = src.indexOf('}', i);
        if (close === -1) break;
        i = close + 1;
        continue;
      }
      text += ch;
      i++;
    }
    return { text };
  }
  const ident = IDENT.exec(src.slice(at, at + 200));
  return ident ? { text: '', dynamicName: ident[0].replace(/\s+/g, '') } : null;
}

/** The assigned expression: up to `;`, a newline or a closing brace outside quotes and brackets. */
function statementAt(src: string, at: number): string {
  const limit = Math.min(src.length, at + MAX_RAW);
  let quote = '';
  let depth = 0;
  let i = at;
  for (; i < limit; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && --depth < 0) break;
    else if (ch === ';' || ch === '\n' || ch === '}') break;
    else if (ch === ',' && depth === 0) break;
  }
  return src.slice(at, i);
}

/** Cookie names written through `document.cookie` in one inline script. */
export function scriptCookieWrites(src: string, reference: number, limit = 50): CookieEvidence[] {
  const out: CookieEvidence[] = [];
  const seen = new Set<string>();
  COOKIE_WRITE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = COOKIE_WRITE.exec(src)) !== null && out.length < limit) {
    const valueAt = match.index + match[0].length;
    const lead = leadingLiteral(src, valueAt);
    if (!lead) continue;
    const statement = statementAt(src, valueAt);
    let name: string;
    let dynamic = false;
    if (lead.dynamicName !== undefined) {
      name = lead.dynamicName;
      dynamic = true;
    } else {
      const eq = lead.text.indexOf('=');
      const head = eq === -1 ? lead.text : lead.text.slice(0, eq);
      if (head.includes('\uE000') || (eq === -1 && !head.trim())) {
        name = collapse(head.replace(/\uE000/g, '${…}'), MAX_NAME) || '(dynamic)';
        dynamic = true;
      } else {
        name = head.trim().slice(0, MAX_NAME);
      }
      // The literal holds the attributes when it is the whole value: judge deletion on it.
      const attrs = lead.text.replace(/\uE000/g, 'x');
      if (attrs.includes('=') && parseCookieLine(attrs, reference).deletion) continue;
    }
    if (/max-age\s*=\s*(?:0|-\d)/i.test(statement) || /expires\s*=\s*[^;'"`]*\b19[0-9]{2}\b/i.test(statement)) continue;
    if (!name) continue;
    const key = `${name}\u0001${dynamic}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cookie: CookieEvidence = { name, source: 'inline-script', raw: collapse(`document.cookie = ${statement}`, 300) };
    if (dynamic) cookie.dynamicName = true;
    if (/max-age\s*=\s*[1-9]|expires\s*=/i.test(statement)) cookie.persistent = true;
    out.push(cookie);
  }
  return out;
}
