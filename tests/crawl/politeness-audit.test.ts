/**
 * Issue 4 audit: behaviours the issue asks for that had no end-to-end test through the
 * crawler (Crawl-delay and --delay pacing, the per-host retry budget, a --user-agent
 * override, NO_PROXY, http and https as one site). Waits run on a fake clock: nothing here
 * sleeps for real.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import type { CrawlOptions } from '../../src/crawl/api.js';
import { CRAWL_DELAY_CAP_MS } from '../../src/crawl/politeness.js';
import type { Clock } from '../../src/crawl/politeness.js';
import { Scope } from '../../src/crawl/scope.js';
import type { SessionInternals } from '../../src/crawl/session.js';
import { startHttpServer, type Handler } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A clock whose sleeps return at once and move virtual time forward; it records each wait. */
function fakeClock(): Clock & { waits: number[] } {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      if (ms > 0) {
        waits.push(ms);
        now = Math.max(now, now + ms);
      }
    },
  };
}

async function crawlWith(handler: Handler, overrides: Partial<CrawlOptions> = {}, internals: SessionInternals = {}) {
  const s = await startHttpServer(handler);
  cleanups.push(() => s.close());
  const c = createCrawler({ ...defaultCrawlOptions(s.url), ...overrides }, internals);
  cleanups.push(() => c.close());
  return { site: s, result: await c.crawl(fakeExtract()) };
}

const tree: Handler = (req, res) => {
  if (req.url === '/sitemap.xml') return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/' ? '<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>' : 'leaf');
};

describe('pacing', () => {
  it('honours robots.txt Crawl-delay only up to the cap', async () => {
    const clock = fakeClock();
    const { result } = await crawlWith((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 30\n');
      tree(req, res);
    }, {}, { clock });
    expect(result.pages).toHaveLength(4);
    expect(clock.waits.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(CRAWL_DELAY_CAP_MS * 4);
    // Each page waits its turn one capped gap after the previous one, not 30 s.
    expect(clock.waits.every((w) => w % CRAWL_DELAY_CAP_MS === 0)).toBe(true);
    expect(clock.waits).toContain(CRAWL_DELAY_CAP_MS);
  });

  it('spaces requests to one host by --delay', async () => {
    const clock = fakeClock();
    const { result } = await crawlWith((req, res) => (req.url === '/robots.txt' ? res.writeHead(404).end() : tree(req, res)), { delayMs: 250 }, { clock });
    expect(result.pages).toHaveLength(4);
    expect(clock.waits.length).toBeGreaterThanOrEqual(3);
    expect(clock.waits.every((w) => w % 250 === 0)).toBe(true);
  });
});

describe('retries', () => {
  it('spends at most 10 retries on one host in a whole run (no retry storm)', async () => {
    let hits = 0;
    const clock = fakeClock();
    const { result } = await crawlWith((req, res) => {
      if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
      if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">p</a>`).join(''));
      hits += 1;
      res.writeHead(429).end();
    }, { concurrency: 1 }, { clock });
    expect(result.errors).toHaveLength(30);
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThanOrEqual(30 + 10);
  });
});

describe('identity and transport', () => {
  it('sends an overriding --user-agent on every request, robots.txt included', async () => {
    const agents = new Set<string>();
    await crawlWith((req, res) => {
      agents.add(String(req.headers['user-agent']));
      tree(req, res);
    }, { userAgent: 'AcmeAudit/2.0 (+https://acme.example/bot)' });
    expect([...agents]).toEqual(['AcmeAudit/2.0 (+https://acme.example/bot)']);
  });

  it('goes direct for a NO_PROXY host, and through HTTP_PROXY otherwise', async () => {
    const deadProxy = 'http://127.0.0.1:9';
    const direct = await crawlWith(tree, { ignoreRobots: true }, { env: { HTTP_PROXY: deadProxy, NO_PROXY: '127.0.0.1' } });
    expect(direct.result.pages).toHaveLength(4);
    const s = await startHttpServer(tree);
    cleanups.push(() => s.close());
    const proxied = createCrawler({ ...defaultCrawlOptions(s.url), ignoreRobots: true }, { env: { HTTP_PROXY: deadProxy } });
    cleanups.push(() => proxied.close());
    await expect(proxied.crawl(fakeExtract())).rejects.toThrow(/cannot fetch the start page/);
  });

  it('treats http and https, www and other subdomains of one registrable domain as one site', () => {
    const scope = new Scope();
    scope.add('http://www.example.com/');
    expect(scope.contains('https://example.com/privacy')).toBe(true);
    expect(scope.contains('https://shop.example.com/')).toBe(true);
    expect(scope.contains('https://example.org/')).toBe(false);
  });
});
