import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import { listedError, listedUrl, MAX_LISTED, MAX_LISTED_URL, pushListed, unlistedCount } from '../../src/crawl/listing.js';
import { startHttpServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

describe('listing', () => {
  it('keeps short URLs as they are and cuts long ones with an ellipsis', () => {
    expect(listedUrl('https://ex.com/a')).toBe('https://ex.com/a');
    const long = `https://ex.com/${'x'.repeat(5000)}`;
    expect(listedUrl(long)).toHaveLength(MAX_LISTED_URL);
    expect(listedUrl(long).endsWith('\u2026')).toBe(true);
    expect(listedUrl(long).startsWith('https://ex.com/xxx')).toBe(true);
  });

  it('lists at most MAX_LISTED URLs and counts the rest per list', () => {
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < MAX_LISTED + 7; i++) pushListed(a, `https://ex.com/${i}`);
    pushListed(b, 'https://ex.com/b');
    expect(a).toHaveLength(MAX_LISTED);
    expect(a[0]).toBe('https://ex.com/0');
    expect(unlistedCount(a)).toBe(7);
    expect(unlistedCount(b)).toBe(0);
  });

  it('bounds an error URL and message', () => {
    const e = listedError({ url: `https://ex.com/${'u'.repeat(3000)}`, message: 'm'.repeat(3000) });
    expect(e.url).toHaveLength(MAX_LISTED_URL);
    expect(e.message.length).toBeLessThanOrEqual(300);
    expect(listedError({ url: 'https://ex.com/', message: 'timeout' })).toEqual({ url: 'https://ex.com/', message: 'timeout' });
  });
});

describe('listing in a crawl', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  it('a page of 600 links and one 1,500-character link leaves a bounded leftOver list with a count', async () => {
    const long = `/long/${'q'.repeat(1500)}`;
    const s = await startHttpServer((req, res) => {
      if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
      const links = req.url === '/' ? [long, ...Array.from({ length: 600 }, (_, i) => `/p/${i}`)].map((h) => `<a href="${h}">x</a>`).join('') : '';
      res.writeHead(200, { 'content-type': 'text/html' }).end(links);
    });
    cleanups.push(() => s.close());
    const c = createCrawler({ ...defaultCrawlOptions(s.url), maxPages: 1 });
    cleanups.push(() => c.close());
    const result = await c.crawl(fakeExtract());
    expect(result.leftOver).toHaveLength(MAX_LISTED);
    expect(result.unlisted).toEqual({ blockedByRobots: 0, truncated: 0, leftOver: 601 - MAX_LISTED });
    expect(result.leftOver[0]).toHaveLength(MAX_LISTED_URL);
    expect(result.leftOver[0]?.startsWith(`${s.origin}/long/qqq`)).toBe(true);
    expect(Math.max(...result.leftOver.map((u) => u.length))).toBeLessThanOrEqual(MAX_LISTED_URL);
  });

  it('says nothing of unlisted URLs when every one fits', async () => {
    const s = await startHttpServer((req, res) => {
      if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/' ? '<a href="/a">a</a><a href="/b">b</a>' : '');
    });
    cleanups.push(() => s.close());
    const c = createCrawler({ ...defaultCrawlOptions(s.url), maxPages: 1 });
    cleanups.push(() => c.close());
    const result = await c.crawl(fakeExtract());
    expect(result.leftOver).toHaveLength(2);
    expect(result.unlisted).toBeUndefined();
  });
});
