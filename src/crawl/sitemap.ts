/**
 * Sitemaps: reads `<loc>` entries from /sitemap.xml and sitemaps named in robots.txt,
 * following sitemap indexes one level, gunzipping `.xml.gz` bodies under the same byte cap,
 * and capping files and URLs. A sitemap that fails (HTTP error, timeout, too big, corrupt,
 * not a sitemap) is reported with a short reason, except the unasked-for /sitemap.xml probe
 * answering "not found", a redirect or any page that is not a sitemap, which is how most
 * sites say they have none (only its 5xx, transport failures and oversize count). It
 * must not fetch on its own (the crawler passes a bounded fetcher) nor decide scope; it
 * only lists candidate URLs in document order.
 */
import { Readable } from 'node:stream';
import { readBody } from './body.js';

export const MAX_SITEMAP_FILES = 10;
export const MAX_SITEMAP_URLS = 5000;

/** What the crawler's fetcher gives back; `undefined` when the run or phase stopped before it was asked. */
export type SitemapFetch =
  | { ok: true; status: number; raw?: Buffer; truncated: boolean }
  | { ok: false; error: string; aborted?: boolean };
export type FetchBytes = (url: string) => Promise<SitemapFetch | undefined>;

export interface SitemapOptions {
  limit?: number;
  /** The speculative /sitemap.xml (not named by robots.txt): "none here" answers are not problems. */
  probe?: string;
  /** Called once per sitemap that could not be read in full. */
  onProblem?: (url: string, reason: string) => void;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** `<loc>` values of a sitemap or sitemap index, in order, capped. */
export function parseSitemap(xml: string, limit = MAX_SITEMAP_URLS): { isIndex: boolean; locs: string[] } {
  const isIndex = /<(?:\w+:)?sitemapindex[\s>]/i.test(xml.slice(0, 4096));
  const locs: string[] = [];
  const re = /<(?:\w+:)?loc\s*>([\s\S]{0,4096}?)<\/(?:\w+:)?loc\s*>/gi;
  for (let m = re.exec(xml); m && locs.length < limit; m = re.exec(xml)) {
    const raw = (m[1] ?? '').replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1');
    const loc = decodeEntities(raw.trim());
    if (loc) locs.push(loc);
  }
  return { isIndex, locs };
}

async function gunzipIfNeeded(bytes: Buffer, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { bytes, truncated: false };
  const body = await readBody(Readable.from([bytes]), 'gzip', maxBytes);
  return { bytes: body.bytes, truncated: body.truncated };
}

const SITEMAP_ROOT = /<(?:\w+:)?(?:urlset|sitemapindex)[\s>]/i;
const LOOKS_HTML = /^\s*(?:<!doctype html|<html|<head|<body)/i;

/** Collects page URLs from the given sitemaps (and the indexes they point to). */
export async function collectSitemapUrls(sitemapUrls: string[], fetchBytes: FetchBytes, maxBytes: number, options: SitemapOptions = {}): Promise<string[]> {
  const limit = options.limit ?? MAX_SITEMAP_URLS;
  const report = (url: string, reason: string): void => options.onProblem?.(url, reason);
  const pages: string[] = [];
  const queue = [...new Set(sitemapUrls)];
  const seen = new Set<string>();
  let files = 0;
  while (queue.length && files < MAX_SITEMAP_FILES && pages.length < limit) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    files += 1;
    const probe = url === options.probe;
    const got = await fetchBytes(url);
    if (!got) continue;
    if (!got.ok) {
      // The phase deadline also runs while pages are parsed, so it proves nothing about a probe.
      if (!(probe && got.aborted)) report(url, got.aborted ? 'not read: reading sitemaps took longer than --timeout' : got.error);
      continue;
    }
    if (got.status < 200 || got.status >= 300) {
      if (!(probe && (got.status === 404 || got.status === 410 || (got.status >= 300 && got.status < 400)))) report(url, `HTTP ${got.status}`);
      continue;
    }
    let xml: string;
    let cut = got.truncated;
    try {
      const body = await gunzipIfNeeded(got.raw ?? Buffer.alloc(0), maxBytes);
      cut ||= body.truncated;
      xml = body.bytes.toString('utf8');
    } catch {
      report(url, 'corrupt gzip');
      continue;
    }
    if (!SITEMAP_ROOT.test(xml.slice(0, 4096))) {
      const html = LOOKS_HTML.test(xml.slice(0, 512));
      const why = html ? 'an HTML page, not a sitemap' : 'not a sitemap (no <urlset> or <sitemapindex>)';
      if (cut) report(url, `too big, and ${why}`);
      else if (!probe) report(url, why);
      continue;
    }
    if (cut) report(url, 'too big; only the start was read');
    const { isIndex, locs } = parseSitemap(xml, limit - pages.length);
    // Depth-first, so an index's sitemaps keep their place before later listed ones.
    if (isIndex) queue.unshift(...locs.slice(0, MAX_SITEMAP_FILES));
    else pages.push(...locs);
  }
  return pages.slice(0, limit);
}
