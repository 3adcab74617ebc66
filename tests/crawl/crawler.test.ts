import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions, StartPageError } from '../../src/crawl/index.js';
import type { Crawler, CrawlEvent, CrawlOptions } from '../../src/crawl/api.js';
import { startHttpServer, type Handler, type LocalServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function site(handler: Handler): Promise<LocalServer> {
  const s = await startHttpServer(handler);
  cleanups.push(() => s.close());
  return s;
}

function crawler(url: string, overrides: Partial<CrawlOptions> = {}): Crawler {
  const c = createCrawler({ ...defaultCrawlOptions(url), ...overrides });
  cleanups.push(() => c.close());
  return c;
}

function html(res: Parameters<Handler>[1], body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

const links = (...paths: string[]): string => paths.map((p) => `<a href="${p}">${p}</a>`).join('');
const paths = (urls: string[]): string[] => urls.map((u) => new URL(u).pathname + new URL(u).search);

/** A binary tree site: /n links to /2n+1 and /2n+2, up to `size` pages. */
function treeSite(size: number, extra: (req: Parameters<Handler>[0], res: Parameters<Handler>[1]) => boolean = () => false): Handler {
  return (req, res) => {
    if (extra(req, res)) return;
    if (req.url === '/robots.txt' || req.url === '/sitemap.xml') {
      res.writeHead(404);
      return res.end();
    }
    const n = Number(req.url?.slice(1)) || 0;
    const kids = [2 * n + 1, 2 * n + 2].filter((k) => k < size).map((k) => `/${k}`);
    html(res, links(...kids));
  };
}

describe('robots.txt', () => {
  it('skips disallowed pages (with * and $ patterns) and lists them', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('User-agent: *\nDisallow: /private\nDisallow: /*.pdf$\n\nUser-agent: policy-lint\nDisallow: /no-lint\nDisallow: /*.pdf$\n');
      }
      if (req.url === '/') return html(res, links('/ok', '/private/x', '/no-lint', '/doc.pdf', '/doc.pdf?x=1'));
      html(res, 'leaf');
    });
    const result = await crawler(s.url).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/ok', '/private/x', '/doc.pdf?x=1']);
    expect(paths(result.blockedByRobots)).toEqual(['/no-lint', '/doc.pdf']);
  });

  it('throws StartPageError naming --ignore-robots when robots.txt says Disallow: /', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nDisallow: /\n');
      html(res, 'home');
    });
    const err = await crawler(s.url)
      .crawl(fakeExtract())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartPageError);
    expect((err as Error).message).toMatch(/disallows everything.*--ignore-robots/);
    const ignored = await crawler(s.url, { ignoreRobots: true }).crawl(fakeExtract());
    expect(ignored.pages).toHaveLength(1);
  });

  it('treats a robots.txt 5xx as disallow-all and a 4xx as allow-all', async () => {
    let robotsStatus = 503;
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(robotsStatus, { 'retry-after': '0' });
        return res.end();
      }
      html(res, links('/a'));
    });
    await expect(crawler(s.url).crawl(fakeExtract())).rejects.toThrow(/robots\.txt.*answered 503.*--ignore-robots/);
    robotsStatus = 410;
    const result = await crawler(s.url).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/a']);
  });
});

describe('start page', () => {
  it.each([
    [401, /HTTP 401.*--header/],
    [403, /HTTP 403.*--cookie/],
    [500, /HTTP 500/],
  ])('a %i start page is a StartPageError', async (status, pattern) => {
    const s = await site((req, res) => {
      res.writeHead(req.url === '/robots.txt' ? 404 : status);
      res.end();
    });
    await expect(crawler(s.url).crawl(fakeExtract())).rejects.toThrow(pattern);
  });

  it('a bot challenge page is a StartPageError', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      html(res, '<html><head><title>Just a moment...</title></head><body>checking</body></html>');
    });
    await expect(crawler(s.url).crawl(fakeExtract())).rejects.toThrow(/bot challenge/);
  });

  it('an unreachable start page is a StartPageError', async () => {
    const s = await site(() => {});
    const url = s.url;
    await s.close();
    await expect(crawler(url).crawl(fakeExtract())).rejects.toThrow(/cannot fetch the start page.*connection refused/);
  });
});

describe('order and budgets', () => {
  it('gives the same pages in the same BFS order whatever the response timing', async () => {
    const s = await site((req, res) => {
      const delay = Math.floor(Math.random() * 15);
      setTimeout(() => treeSite(40)(req, res), delay);
    });
    const runs: string[][] = [];
    for (let i = 0; i < 3; i += 1) {
      const result = await crawler(s.url, { maxPages: 25 }).crawl(fakeExtract());
      runs.push(paths(result.pages.map((p) => p.url)));
    }
    const expected = ['/', ...Array.from({ length: 24 }, (_, i) => `/${i + 1}`)];
    expect(runs).toEqual([expected, expected, expected]);
  });

  it('stops at max-pages and lists what was left over', async () => {
    const s = await site(treeSite(100));
    const result = await crawler(s.url, { maxPages: 5 }).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/1', '/2', '/3', '/4']);
    expect(result.budgetExhausted).toBe('max-pages');
    expect(paths(result.leftOver)).toEqual(['/5', '/6', '/7', '/8', '/9', '/10']);
  });

  it('stops at max-depth', async () => {
    const s = await site(treeSite(100));
    const result = await crawler(s.url, { maxDepth: 2 }).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/1', '/2', '/3', '/4', '/5', '/6']);
    expect(result.pages.map((p) => p.depth)).toEqual([0, 1, 1, 2, 2, 2, 2]);
    expect(result.budgetExhausted).toBe('max-depth');
    expect(result.leftOver).toHaveLength(8);
  });

  it('stops at max-time, keeps what it has and says so', async () => {
    const s = await site((req, res) => {
      if (req.url === '/' || req.url === '/robots.txt' || req.url === '/sitemap.xml') return treeSite(100)(req, res);
      // Every other page hangs: only max-time can end this crawl.
    });
    const c = crawler(s.url, { maxTimeMs: 400, timeoutMs: 60_000 });
    const result = await c.crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/']);
    expect(result.budgetExhausted).toBe('max-time');
    expect(paths(result.leftOver)).toEqual(['/1', '/2']);
    expect(result.errors).toEqual([]);
    // The policy can still be fetched once the crawl budget is spent.
    const doc = await c.fetchDocument(s.url);
    expect('status' in doc ? doc.status : doc).toBe(200);
  });

  it('applies include and exclude patterns to discovered links', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      if (req.url === '/') return html(res, links('/blog/a', '/blog/b?print=1', '/shop/x', '/blog/drafts/c'));
      html(res, 'leaf');
    });
    const result = await crawler(s.url, { include: ['/blog/*'], exclude: ['*/drafts/*', '*print=1'] }).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/blog/a']);
  });

  it('stays in scope, skips non-http links and bounds traps', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/calendar') {
        const day = Number(url.searchParams.get('day') ?? 0);
        return html(res, links(`/calendar?day=${day + 1}`));
      }
      if (url.pathname.startsWith('/loop')) return html(res, links(`${url.pathname}/loop`));
      html(
        res,
        links('https://tracker.example/x', 'mailto:a@b.c', 'javascript:void(0)', 'tel:123', 'data:text/html,hi', 'http://[bad', '/calendar', '/loop', '/a#frag', '/a', `/${'x'.repeat(5000)}`),
      );
    });
    const result = await crawler(s.url, { maxPages: 200 }).crawl(fakeExtract());
    const crawled = paths(result.pages.map((p) => p.url));
    expect(crawled.filter((p) => p.startsWith('/calendar')).length).toBeLessThanOrEqual(21);
    expect(crawled.filter((p) => p.startsWith('/loop')).length).toBeLessThanOrEqual(3);
    expect(crawled.filter((p) => p === '/a')).toHaveLength(1);
    expect(crawled.some((p) => p.includes('xxxx'))).toBe(false);
    expect(result.pages.every((p) => p.url.startsWith(s.origin))).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('crawls pages listed in sitemap.xml, a gzipped sitemap from robots.txt and a sitemap index', async () => {
    const s = await site((req, res) => {
      const origin = `http://${req.headers.host}`;
      if (req.url === '/robots.txt') return res.end(`Sitemap: ${origin}/extra.xml.gz\n`);
      if (req.url === '/sitemap.xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(`<?xml version="1.0"?><sitemapindex><sitemap><loc>${origin}/pages.xml</loc></sitemap></sitemapindex>`);
      }
      if (req.url === '/pages.xml') {
        return res.end(`<urlset><url><loc>${origin}/from-sitemap?a=1&amp;b=2</loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>`);
      }
      if (req.url === '/extra.xml.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        return res.end(gzipSync(`<urlset><url><loc><![CDATA[${origin}/from-gz]]></loc></url></urlset>`));
      }
      if (req.url === '/') return html(res, links('/linked'));
      html(res, 'leaf');
    });
    const result = await crawler(s.url).crawl(fakeExtract());
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/linked', '/from-sitemap?a=1&b=2', '/from-gz']);
  });
});

describe('deadlines and slow extraction', () => {
  it('does not count time spent in a slow extractor against other fetches', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      html(res, req.url === '/' ? links('/a', '/b', '/c', '/d') : 'leaf');
    });
    const inner = fakeExtract();
    const slowExtract = Object.assign(
      (snapshot: Parameters<typeof inner>[0]) => {
        const until = Date.now() + 400;
        while (Date.now() < until) {
          // the event loop is ours for 400 ms, longer than the fetch timeout
        }
        return inner(snapshot);
      },
      { snapshots: inner.snapshots },
    );
    const result = await crawler(s.url, { timeoutMs: 300 }).crawl(slowExtract);
    expect(result.errors).toEqual([]);
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/a', '/b', '/c', '/d']);
  });
});

describe('politeness', () => {
  it('honours Retry-After on 429 and retries at most twice', async () => {
    let flakyHits = 0;
    let deadHits = 0;
    const s = await site((req, res) => {
      if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
      if (req.url === '/') return html(res, links('/flaky', '/dead'));
      if (req.url === '/flaky') {
        flakyHits += 1;
        if (flakyHits === 1) return res.writeHead(429, { 'retry-after': '0' }).end();
        return html(res, 'ok');
      }
      if (req.url === '/dead') deadHits += 1;
      res.writeHead(503, { 'retry-after': '0' }).end();
    });
    const events: CrawlEvent[] = [];
    const result = await crawler(s.url, { onEvent: (e) => events.push(e) }).crawl(fakeExtract());
    expect(flakyHits).toBe(2);
    expect(deadHits).toBe(3);
    expect(paths(result.pages.map((p) => p.url))).toEqual(['/', '/flaky']);
    expect(result.errors).toEqual([{ url: `${s.origin}/dead`, message: 'HTTP 503 after retries' }]);
    const retried = events.flatMap((e) => (e.type === 'retry' && !e.url.endsWith('/sitemap.xml') ? [`${new URL(e.url).pathname}#${e.attempt}`] : []));
    expect(retried.sort()).toEqual(['/dead#1', '/dead#2', '/flaky#1']);
  });

  it('does not retry when Retry-After asks for longer than the cap', async () => {
    let hits = 0;
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      if (req.url === '/') return html(res, links('/slow-down'));
      if (req.url === '/slow-down') hits += 1;
      res.writeHead(429, { 'retry-after': '3600' }).end();
    });
    await crawler(s.url).crawl(fakeExtract());
    expect(hits).toBe(1);
  });

  it('sends a User-Agent naming the tool and version', async () => {
    let ua = '';
    const s = await site((req, res) => {
      ua = String(req.headers['user-agent']);
      html(res, 'x');
    });
    await crawler(s.url, { ignoreRobots: true }).crawl(fakeExtract());
    expect(ua).toMatch(/^policy-lint\/\d+\.\d+\.\d+/);
  });
});

describe('credentials and cookies', () => {
  it('sends --header and --cookie to the start site only and keeps them out of Set-Cookie evidence', async () => {
    const other = await site((req, res) => {
      html(res, `auth=${req.headers.authorization ?? ''};cookie=${req.headers.cookie ?? ''}`);
    });
    const seen: string[] = [];
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      seen.push(`${req.url} ${req.headers.authorization ?? '-'} ${req.headers.cookie ?? '-'}`);
      html(res, links('/inner'));
    });
    const c = crawler(s.url, { headers: { Authorization: 'Bearer t', 'Accept-Encoding': 'zstd' }, cookies: ['session=abc'] });
    const result = await c.crawl(fakeExtract());
    expect(seen).toContain('/ Bearer t session=abc');
    expect(seen).toContain('/inner Bearer t session=abc');
    expect(result.pages.flatMap((p) => p.hops.flatMap((h) => h.setCookie))).toEqual([]);
    // A policy hosted on another site never sees the credentials (127.0.0.1 vs localhost).
    const doc = await c.fetchDocument(other.url.replace('127.0.0.1', 'localhost'));
    expect('body' in doc ? doc.body : doc).toBe('auth=;cookie=');
  });
});

describe('signals pass', () => {
  it('re-fetches with DNT: 1 and Sec-GPC: 1 using a fresh jar each, and reads well-known files', async () => {
    const log: string[] = [];
    const s = await site((req, res) => {
      if (req.url === '/.well-known/gpc.json') {
        res.writeHead(200, { 'content-type': 'application/json', tk: 'N' });
        return res.end('{"gpc": true, "lastUpdate": "2024-01-01"}');
      }
      if (req.url === '/.well-known/dnt-policy.txt') return res.writeHead(404).end();
      if (req.url === '/.well-known/dnt/') return res.writeHead(200, { tk: 'T' }).end();
      log.push(`${req.url} dnt=${req.headers.dnt ?? '-'} gpc=${req.headers['sec-gpc'] ?? '-'} cookie=${req.headers.cookie ?? '-'}`);
      html(res, 'home', { 'set-cookie': '_track=1' });
    });
    const c = crawler(s.url, { ignoreRobots: true });
    const extract = fakeExtract();
    const signals = await c.signalsPass([s.url, `${s.url}#x`], extract);
    expect(log).toEqual(['/ dnt=1 gpc=- cookie=-', '/ dnt=- gpc=1 cookie=-']);
    expect(signals.dnt?.map((p) => p.pass)).toEqual(['dnt']);
    expect(signals.gpc?.map((p) => p.pass)).toEqual(['gpc']);
    expect(signals.gpc?.[0]?.hops[0]?.setCookie).toEqual(['_track=1']);
    expect(signals.wellKnown).toEqual({ gpcJson: { gpc: true, lastUpdate: '2024-01-01' }, dntPolicy: false, tk: ['N', 'T'] });
  });
});
