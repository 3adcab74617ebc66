import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import { collectSitemapUrls, type SitemapFetch } from '../../src/crawl/sitemap.js';
import { startHttpServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const URLSET = (...locs: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;
const ok = (body: string | Buffer, truncated = false): SitemapFetch => ({ ok: true, status: 200, raw: Buffer.isBuffer(body) ? body : Buffer.from(body), truncated });

async function collect(answers: Record<string, SitemapFetch | undefined>, urls: string[], probe?: string) {
  const problems: string[] = [];
  const pages = await collectSitemapUrls(urls, async (url) => answers[url], 1024 * 1024, {
    ...(probe ? { probe } : {}),
    onProblem: (url, reason) => problems.push(`${url} ${reason}`),
  });
  return { pages, problems };
}

describe('sitemap problems', () => {
  const P = 'https://ex.com/sitemap.xml';
  const R = 'https://ex.com/named.xml';

  it('reports each failure of a named sitemap with its URL and a short reason', async () => {
    const cases: Array<[SitemapFetch, string]> = [
      [{ ok: true, status: 404, truncated: false }, 'HTTP 404'],
      [{ ok: true, status: 503, truncated: false }, 'HTTP 503'],
      [{ ok: false, error: 'timeout after 3000 ms' }, 'timeout after 3000 ms'],
      [{ ok: false, error: 'aborted', aborted: true }, 'not read: reading sitemaps took longer than --timeout'],
      [ok('hello, not xml'), 'not a sitemap (no <urlset> or <sitemapindex>)'],
      [ok('<!doctype html><title>Not found</title>'), 'an HTML page, not a sitemap'],
      [ok(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7])), 'corrupt gzip'],
      [{ ok: true, status: 301, truncated: false }, 'HTTP 301'],
    ];
    for (const [answer, reason] of cases) {
      expect((await collect({ [R]: answer }, [R])).problems, reason).toEqual([`${R} ${reason}`]);
    }
  });

  it('keeps the URLs of a sitemap cut at the byte cap and says it was cut', async () => {
    const { pages, problems } = await collect({ [R]: ok(URLSET('https://ex.com/a', 'https://ex.com/b'), true) }, [R]);
    expect(pages).toEqual(['https://ex.com/a', 'https://ex.com/b']);
    expect(problems).toEqual([`${R} too big; only the start was read`]);
  });

  it('reports a gzip bomb as too big', async () => {
    const bomb = gzipSync(Buffer.alloc(3 * 1024 * 1024));
    expect((await collect({ [R]: ok(bomb) }, [R])).problems).toEqual([`${R} too big, and not a sitemap (no <urlset> or <sitemapindex>)`]);
  });

  it('stays quiet when the unasked-for /sitemap.xml is missing or not a sitemap, but not when it fails on the server or is cut', async () => {
    const quietAnswers: SitemapFetch[] = [
      { ok: true, status: 404, truncated: false },
      { ok: true, status: 410, truncated: false },
      { ok: true, status: 302, truncated: false },
      { ok: false, error: 'aborted', aborted: true },
      ok('<!DOCTYPE html><p>home'),
      ok('<a href="/x">a soft 404 without a doctype</a>'),
      ok('{"error": "not found"}'),
      ok(''),
    ];
    for (const quiet of quietAnswers) {
      expect((await collect({ [P]: quiet }, [P], P)).problems).toEqual([]);
    }
    expect((await collect({ [P]: { ok: true, status: 500, truncated: false } }, [P], P)).problems).toEqual([`${P} HTTP 500`]);
    expect((await collect({ [P]: { ok: false, error: 'connection closed by server' } }, [P], P)).problems).toEqual([`${P} connection closed by server`]);
    expect((await collect({ [P]: ok(URLSET('https://ex.com/a'), true) }, [P], P)).problems).toEqual([`${P} too big; only the start was read`]);
  });

  it('reports a broken child of a sitemap index', async () => {
    const index = `<sitemapindex><sitemap><loc>https://ex.com/a.xml</loc></sitemap><sitemap><loc>https://ex.com/b.xml</loc></sitemap></sitemapindex>`;
    const { pages, problems } = await collect({ [P]: ok(index), 'https://ex.com/a.xml': { ok: true, status: 500, truncated: false }, 'https://ex.com/b.xml': ok(URLSET('https://ex.com/b')) }, [P], P);
    expect(pages).toEqual(['https://ex.com/b']);
    expect(problems).toEqual(['https://ex.com/a.xml HTTP 500']);
  });

  it('says nothing for a fetch skipped because the run stopped', async () => {
    expect((await collect({}, [R])).problems).toEqual([]);
  });
});

describe('sitemap problems in a crawl', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  it('puts a failing robots.txt sitemap in errors, and a missing /sitemap.xml nowhere', async () => {
    const s = await startHttpServer((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end(`Sitemap: http://${req.headers.host}/gone.xml\nSitemap: http://${req.headers.host}/broken.xml.gz\n`);
      if (req.url === '/broken.xml.gz') return res.writeHead(200, { 'content-type': 'application/gzip' }).end(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]));
      if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/a">a</a>');
      if (req.url === '/a') return res.writeHead(200, { 'content-type': 'text/html' }).end('leaf');
      res.writeHead(404).end();
    });
    cleanups.push(() => s.close());
    const events: string[] = [];
    const c = createCrawler({ ...defaultCrawlOptions(s.url), onEvent: (e) => void (e.type === 'error' && events.push(e.message)) });
    cleanups.push(() => c.close());
    const result = await c.crawl(fakeExtract());
    // --verbose and the progress bar's error count see them too.
    expect(events).toEqual(['sitemap: HTTP 404', 'sitemap: corrupt gzip']);
    expect(result.errors).toEqual([
      { url: `${s.origin}/gone.xml`, message: 'sitemap: HTTP 404' },
      { url: `${s.origin}/broken.xml.gz`, message: 'sitemap: corrupt gzip' },
    ]);
    expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/a']);
  });

  it('reports a sitemap named in robots.txt that never answers as not read within the timeout', async () => {
    const raw = await startHttpServer((req, res) => {
      if (req.url === '/named.xml') return; // never answers
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end(`Sitemap: http://${req.headers.host}/named.xml\n`);
      if (req.url === '/sitemap.xml') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/' ? '<a href="/a">a</a>' : 'x');
    });
    cleanups.push(() => raw.close());
    const c = createCrawler({ ...defaultCrawlOptions(raw.url), timeoutMs: 500 });
    cleanups.push(() => c.close());
    const result = await c.crawl(fakeExtract());
    expect(result.errors.map((e) => e.url)).toEqual([`${raw.origin}/named.xml`]);
    expect(result.errors[0]?.message).toMatch(/^sitemap: (timeout after 500 ms|not read: reading sitemaps took longer than --timeout)$/);
  });
});
