/**
 * Extraction may finish on a worker thread, out of order. The crawl must come out exactly as
 * with a synchronous extractor: same pages, same order, no link lost because a later page
 * finished first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import type { LinkEvidence, PageEvidence } from '../../src/evidence/types.js';
import { startHttpServer, type LocalServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Home links to 30 sections; each section links to its own two leaves (padded to `sectionChars`). */
async function site(sectionChars = 0, requests: string[] = []): Promise<LocalServer> {
  const server = await startHttpServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (path === '/robots.txt' || path === '/sitemap.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' });
    if (path === '/') return void res.end(Array.from({ length: 30 }, (_, i) => `<a href="/s${i}">s${i}</a>`).join(''));
    if (/^\/s\d+$/.test(path)) return void res.end(`<a href="${path}/a">a</a><a href="${path}/b">b</a>${' '.repeat(sectionChars)}`);
    res.end('leaf');
  });
  cleanups.push(() => server.close());
  return server;
}

async function crawlWith(url: string, delayed: boolean): Promise<string[]> {
  return (await crawlPages(url, delayed)).map((p) => new URL(p.url).pathname);
}

async function crawlPages(url: string, delayed: boolean, keepLink?: (link: LinkEvidence) => boolean): Promise<PageEvidence[]> {
  const crawler = createCrawler({ ...defaultCrawlOptions(url), concurrency: 8, ...(keepLink ? { keepLink } : {}) });
  cleanups.push(() => crawler.close());
  const inner = fakeExtract();
  let n = 0;
  const extract = delayed
    ? (snapshot: PageSnapshot) => {
        // Earlier pages take longer, so they finish after later ones.
        const wait = 40 - ((n += 1) % 8) * 5;
        const evidence = inner(snapshot);
        return new Promise<typeof evidence>((resolve) => setTimeout(() => resolve(evidence), wait));
      }
    : inner;
  const result = await crawler.crawl(extract);
  return result.pages;
}

describe('asynchronous extraction', () => {
  it('crawls the same pages in the same order as a synchronous extractor', async () => {
    const server = await site();
    const sync = await crawlWith(server.url, false);
    const async = await crawlWith(server.url, true);
    expect(sync).toHaveLength(1 + 30 + 60);
    expect(async).toEqual(sync);
  });

  it('keeps only the links keepLink accepts once the frontier has them (the start page keeps all)', async () => {
    const server = await site();
    const pages = await crawlPages(server.url, true, (link) => link.href.endsWith('/a'));
    expect(pages).toHaveLength(1 + 30 + 60);
    expect(pages[0]?.links).toHaveLength(30);
    const section = pages.find((p) => new URL(p.url).pathname === '/s3');
    expect(section?.links.map((l) => new URL(l.href).pathname)).toEqual(['/s3/a']);
  });

  it('fetches ahead while pages wait for extraction: one more page per slot when small, none beyond the slots when big', async () => {
    const heldWhileBlocked = async (sectionChars: number): Promise<{ held: number; pages: number }> => {
      const requests: string[] = [];
      const server = await site(sectionChars, requests);
      const crawler = createCrawler({ ...defaultCrawlOptions(server.url), concurrency: 4, maxBytes: 2 * 1024 * 1024 });
      cleanups.push(() => crawler.close());
      const inner = fakeExtract();
      const held: Array<() => void> = [];
      let blocked = true;
      const extract = (snapshot: PageSnapshot) => {
        const evidence = inner(snapshot);
        if (snapshot.depth === 0 || !blocked) return evidence;
        return new Promise<typeof evidence>((resolve) => held.push(() => resolve(evidence)));
      };
      const crawl = crawler.crawl(extract);
      // Let the crawl run until it stops for want of finished extractions.
      let last = -1;
      while (held.length !== last) {
        last = held.length;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const count = held.length;
      blocked = false;
      for (const release of held) release();
      const result = await crawl;
      return { held: count, pages: result.pages.length };
    };
    const small = await heldWhileBlocked(0);
    expect(small).toEqual({ held: 8, pages: 91 });
    // Over a million characters each: one such page fills the backlog's character budget, so
    // no fetch starts beyond the slots, and waiting pages hold at most `concurrency` bodies.
    const big = await heldWhileBlocked(1_100_000);
    expect(big).toEqual({ held: 4, pages: 91 });
  });
});
