/**
 * Builders for evidence tests: a PageSnapshot around literal HTML and hop records.
 * Test-only; no network.
 */
import type { HopRecord, PageSnapshot } from '../../src/crawl/types.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import type { PageEvidence } from '../../src/evidence/types.js';

export const PAGE_URL = 'https://shop.example.com/';
export const DATE = 'Wed, 25 Nov 2026 10:00:00 GMT';

export function hop(url: string, status: number, setCookie: string[] = [], headers: HopRecord['headers'] = { date: DATE }): HopRecord {
  return { url, status, headers, setCookie };
}

export function snapshot(body: string | undefined, over: Partial<PageSnapshot> = {}): PageSnapshot {
  const url = over.finalUrl ?? PAGE_URL;
  return {
    url,
    finalUrl: url,
    status: 200,
    hops: [hop(url, 200)],
    contentType: body === undefined ? 'application/pdf' : 'text/html; charset=utf-8',
    depth: 0,
    pass: 'crawl',
    durationMs: 1,
    bytes: body?.length ?? 0,
    truncated: false,
    ...(body === undefined ? {} : { body }),
    ...over,
  };
}

export function page(html: string, over: Partial<PageSnapshot> = {}): PageEvidence {
  return extractPageEvidence(snapshot(html, over));
}
