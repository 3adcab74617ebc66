/**
 * Sitemaps: reads `<loc>` entries from /sitemap.xml and sitemaps named in robots.txt,
 * following sitemap indexes one level, gunzipping `.xml.gz` bodies under the same byte cap,
 * and capping files and URLs. It must not fetch on its own (the crawler passes a bounded
 * fetcher) nor decide scope; it only lists candidate URLs in document order.
 */
import { Readable } from 'node:stream';
import { readBody } from './body.js';

export const MAX_SITEMAP_FILES = 10;
export const MAX_SITEMAP_URLS = 5000;

export type FetchBytes = (url: string) => Promise<{ status: number; bytes: Buffer } | undefined>;

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

async function gunzipIfNeeded(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return (await readBody(Readable.from([bytes]), 'gzip', maxBytes)).bytes;
}

/** Collects page URLs from the given sitemaps (and the indexes they point to). */
export async function collectSitemapUrls(sitemapUrls: string[], fetchBytes: FetchBytes, maxBytes: number, limit = MAX_SITEMAP_URLS): Promise<string[]> {
  const pages: string[] = [];
  const queue = [...new Set(sitemapUrls)];
  const seen = new Set<string>();
  let files = 0;
  while (queue.length && files < MAX_SITEMAP_FILES && pages.length < limit) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    files += 1;
    const got = await fetchBytes(url);
    if (!got || got.status < 200 || got.status >= 300) continue;
    let xml: string;
    try {
      xml = (await gunzipIfNeeded(got.bytes, maxBytes)).toString('utf8');
    } catch {
      continue;
    }
    const { isIndex, locs } = parseSitemap(xml, limit - pages.length);
    // Depth-first, so an index's sitemaps keep their place before later listed ones.
    if (isIndex) queue.unshift(...locs.slice(0, MAX_SITEMAP_FILES));
    else pages.push(...locs);
  }
  return pages.slice(0, limit);
}
