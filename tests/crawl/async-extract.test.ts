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

/** Home links to 30 sections; each section links to its own two leaves. */
async function site(): Promise<LocalServer> {
  const server = await startHttpServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt' || path === '/sitemap.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' });
    if (path === '/') return void res.end(Array.from({ length: 30 }, (_, i) => `<a href="/s${i}">s${i}</a>`).join(''));
    if (/^\/s\d+$/.test(path)) return void res.end(`<a href="${path}/a">a</a><a href="${path}/b">b</a>`);
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
});
