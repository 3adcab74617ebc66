import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBody, prescanMetaCharset } from '../../src/crawl/decode.js';
import { HostPacer, parseRetryAfter, realClock, retryDelay, RETRY_AFTER_CAP_MS } from '../../src/crawl/politeness.js';
import { parseRobots } from '../../src/crawl/robots.js';
import { Scope, siteKey } from '../../src/crawl/scope.js';
import { parseSitemap } from '../../src/crawl/sitemap.js';
import { createUrlFilter, normalizeUrl, QueryVariantLimiter, trapReason } from '../../src/crawl/url.js';
import { parseContentEncoding } from '../../src/crawl/body.js';
import { USER_AGENT, toolVersion } from '../../src/crawl/user-agent.js';
import { createRequire } from 'node:module';

describe('normalizeUrl', () => {
  it('resolves, drops fragments, credentials and session ids', () => {
    expect(normalizeUrl('../b?x=1#top', 'https://ex.com/a/c')).toBe('https://ex.com/b?x=1');
    expect(normalizeUrl('https://user:pw@ex.com/')).toBe('https://ex.com/');
    expect(normalizeUrl('/p;jsessionid=ABC123?q=1&PHPSESSID=zz', 'https://ex.com/')).toBe('https://ex.com/p?q=1');
    expect(normalizeUrl('/s?q=a%20b', 'https://ex.com/')).toBe('https://ex.com/s?q=a%20b');
  });
  it('rejects non-http schemes, junk and absurd lengths', () => {
    for (const raw of ['javascript:alert(1)', 'mailto:a@b.c', 'tel:1', 'data:text/html,x', 'ftp://ex.com/', 'http://[bad', '']) {
      expect(normalizeUrl(raw, 'https://ex.com/')).toBeUndefined();
    }
    expect(normalizeUrl(`/${'a'.repeat(3000)}`, 'https://ex.com/')).toBeUndefined();
  });
});

describe('trap bounds', () => {
  it('flags repeating segments, deep paths and query explosions', () => {
    expect(trapReason('https://ex.com/a/b/a/b/a/b/a/b')).toBe('repeating path segments');
    expect(trapReason(`https://ex.com/${Array.from({ length: 30 }, (_, i) => `s${i}`).join('/')}`)).toBe('path too deep');
    expect(trapReason(`https://ex.com/?${Array.from({ length: 20 }, (_, i) => `p${i}=1`).join('&')}`)).toBe('too many query parameters');
    expect(trapReason('https://ex.com/blog/2024/05/post')).toBeUndefined();
  });
  it('admits a bounded number of query variants per path', () => {
    const limiter = new QueryVariantLimiter();
    const admitted = Array.from({ length: 100 }, (_, i) => limiter.admit(`https://ex.com/cal?d=${i}`)).filter(Boolean);
    expect(admitted).toHaveLength(20);
    expect(limiter.admit('https://ex.com/other')).toBe(true);
  });
});

describe('include/exclude patterns', () => {
  it('matches paths for leading-slash patterns and whole URLs otherwise', () => {
    const filter = createUrlFilter(['/docs/*'], ['*.pdf', 'https://ex.com/docs/old*']);
    expect(filter('https://ex.com/docs/a')).toBe(true);
    expect(filter('https://ex.com/blog/a')).toBe(false);
    expect(filter('https://ex.com/docs/a.pdf')).toBe(false);
    expect(filter('https://ex.com/docs/old/x')).toBe(false);
    expect(createUrlFilter([], [])('https://ex.com/anything')).toBe(true);
  });
});

describe('scope', () => {
  it('treats www and apex as one site but separate github.io sites as two', () => {
    expect(siteKey('https://www.example.co.uk/x')).toBe('example.co.uk');
    expect(siteKey('https://alice.github.io/')).toBe('alice.github.io');
    const scope = new Scope();
    scope.add('https://alice.github.io/');
    expect(scope.contains('http://alice.github.io/about')).toBe(true);
    expect(scope.contains('https://bob.github.io/')).toBe(false);
  });
  it('uses the exact host for IPs and localhost', () => {
    const scope = new Scope();
    scope.add('http://127.0.0.1:3000/');
    expect(scope.contains('http://127.0.0.1:4000/x')).toBe(true);
    expect(scope.contains('http://127.0.0.2/')).toBe(false);
    expect(siteKey('http://localhost:3000/')).toBe('localhost');
    expect(siteKey('http://[::1]:3000/')).toBe('[::1]');
    expect(scope.contains('mailto:x@127.0.0.1')).toBe(false);
  });
});

describe('decodeBody (WHATWG order)', () => {
  const cp1252 = Buffer.from([0x93, 0x68, 0x69, 0x94]);
  it('prefers a BOM over everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é')]);
    expect(decodeBody(bytes, 'text/html; charset=windows-1252')).toMatchObject({ text: 'é', source: 'bom' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]);
    expect(decodeBody(utf16, undefined)).toMatchObject({ text: 'hi', encoding: 'utf-16le' });
  });
  it('then the Content-Type charset, then <meta>, then a UTF-8 sniff, then windows-1252', () => {
    expect(decodeBody(cp1252, 'text/html; charset="Windows-1252"')).toMatchObject({ text: '“hi”', source: 'header' });
    const meta = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), cp1252]);
    expect(decodeBody(meta, 'text/html').source).toBe('meta');
    expect(decodeBody(Buffer.from('héllo'), 'text/html')).toMatchObject({ text: 'héllo', source: 'sniff' });
    expect(decodeBody(cp1252, 'text/html')).toMatchObject({ text: '“hi”', source: 'default' });
  });
  it('decodes other legacy encodings and falls back on unknown labels', () => {
    expect(decodeBody(Buffer.from([0x82, 0xa0]), 'text/html; charset=shift_jis').text).toBe('あ');
    expect(decodeBody(Buffer.from('ok'), 'text/html; charset=x-made-up').text).toBe('ok');
    expect(prescanMetaCharset(Buffer.from('<!-- <meta charset="koi8-r"> --><meta charset=iso-8859-2>'))).toBe('iso-8859-2');
    // A meta that claims UTF-16 on ASCII-compatible bytes means UTF-8; a header means UTF-16.
    expect(prescanMetaCharset(Buffer.from('<meta charset="utf-16">'))).toBe('utf-8');
    expect(decodeBody(Buffer.from('<p>hi</p>', 'utf16le'), 'text/html; charset=utf-16')).toMatchObject({ text: '<p>hi</p>', encoding: 'utf-16le' });
  });
});

describe('content-encoding parsing', () => {
  it('undoes stacked codings last-applied first and ignores identity', () => {
    expect(parseContentEncoding('gzip, br')).toEqual(['br', 'gzip']);
    expect(parseContentEncoding(['identity', 'GZIP'])).toEqual(['gzip']);
    expect(parseContentEncoding(undefined)).toEqual([]);
  });
});

describe('Retry-After and retries', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('parses seconds and HTTP dates', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('retries only 429/503, at most twice, and never past the cap', () => {
    expect(retryDelay(429, '2', 0, now)).toBe(2000);
    expect(retryDelay(503, undefined, 1, now)).toBe(2000);
    expect(retryDelay(503, '1', 2, now)).toBeUndefined();
    expect(retryDelay(500, '1', 0, now)).toBeUndefined();
    expect(retryDelay(429, String(RETRY_AFTER_CAP_MS / 1000 + 1), 0, now)).toBeUndefined();
  });
});

describe('HostPacer (fake timers)', () => {
  afterEach(() => vi.useRealTimers());
  it('spaces request starts per host and applies a back-off to the whole host', async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new HostPacer(realClock, 500);
    const started: Array<[string, number]> = [];
    const go = (host: string): Promise<void> => pacer.acquire(host).then(() => void started.push([host, Date.now()]));
    const all = Promise.all([go('a'), go('a'), go('b'), go('a')]);
    await vi.advanceTimersByTimeAsync(2000);
    await all;
    expect(started.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 500],
      ['a', 1000],
    ]);
    pacer.backOff('b', 3000);
    const late = go('b');
    await vi.advanceTimersByTimeAsync(2999);
    expect(started).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    await late;
    expect(started[4]).toEqual(['b', 5000]);
  });
});

describe('robots rules', () => {
  it('matches the policy-lint group, * and $ patterns, and caps Crawl-delay', () => {
    const rules = parseRobots('https://ex.com/robots.txt', 'User-agent: *\nDisallow: /\n\nUser-agent: policy-lint\nDisallow: /*.json$\nCrawl-delay: 30\nSitemap: https://ex.com/s.xml\n');
    expect(rules.isAllowed('https://ex.com/page')).toBe(true);
    expect(rules.isAllowed('https://ex.com/data.json')).toBe(false);
    expect(rules.isAllowed('https://ex.com/data.json?x')).toBe(true);
    expect(rules.disallowAll).toBe(false);
    expect(rules.crawlDelayMs).toBe(1000);
    expect(rules.sitemaps).toEqual(['https://ex.com/s.xml']);
    expect(parseRobots('https://ex.com/robots.txt', 'User-agent: *\nDisallow: /\n').disallowAll).toBe(true);
  });
});

describe('sitemap parsing', () => {
  it('reads loc entries with entities and CDATA, capped', () => {
    const xml = `<urlset>${Array.from({ length: 10 }, (_, i) => `<url><loc> https://ex.com/${i}?a=1&amp;b=2 </loc></url>`).join('')}<url><loc><![CDATA[https://ex.com/c]]></loc></url></urlset>`;
    expect(parseSitemap(xml, 3)).toEqual({ isIndex: false, locs: ['https://ex.com/0?a=1&b=2', 'https://ex.com/1?a=1&b=2', 'https://ex.com/2?a=1&b=2'] });
    expect(parseSitemap(xml).locs.at(-1)).toBe('https://ex.com/c');
    expect(parseSitemap('<sm:sitemapindex><sm:sitemap><sm:loc>https://ex.com/a.xml</sm:loc></sm:sitemap></sm:sitemapindex>')).toEqual({ isIndex: true, locs: ['https://ex.com/a.xml'] });
  });
});

describe('User-Agent', () => {
  it('names the tool and the package version', () => {
    const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
    expect(toolVersion()).toBe(pkg.version);
    expect(USER_AGENT.startsWith(`policy-lint/${pkg.version} `)).toBe(true);
  });
});
