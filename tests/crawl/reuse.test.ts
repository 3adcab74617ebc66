import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import { EvidenceMemo } from '../../src/crawl/reuse.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { startHttpServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const BODY = `<!doctype html><html lang="en"><head><title>Home</title><base href="https://example.com/sub/">
<meta http-equiv="set-cookie" content="metacookie=1; max-age=3600">
<script src="https://www.google-analytics.com/analytics.js"></script>
<script>document.cookie = "inline=1; max-age=60"; if (navigator.doNotTrack === "1") {}</script></head>
<body><nav><a href="privacy">Privacy</a></nav><form action="/subscribe"><input type="email" name="email"></form>
<img src="https://pixel.example.net/p.gif"></body></html>`;

function snapshot(pass: PageSnapshot['pass'], setCookie: string[], body = BODY, finalUrl = 'https://example.com/'): PageSnapshot {
  return {
    url: 'https://example.com/',
    finalUrl,
    status: 200,
    hops: [{ url: finalUrl, status: 200, headers: { date: 'Tue, 01 Jan 2030 00:00:00 GMT', 'content-type': 'text/html' }, setCookie }],
    contentType: 'text/html',
    depth: 0,
    pass,
    durationMs: 1,
    bytes: body.length,
    truncated: false,
    body,
  };
}

function counting(): { extract: (s: PageSnapshot) => ReturnType<typeof extractPageEvidence>; parsed: () => number } {
  let parsed = 0;
  return {
    extract: (s) => {
      if (s.body) parsed += 1;
      return extractPageEvidence(s);
    },
    parsed: () => parsed,
  };
}

describe('EvidenceMemo', () => {
  it('gives a byte-identical page in a signals pass the evidence a fresh parse would, without parsing', async () => {
    const memo = new EvidenceMemo();
    const { extract, parsed } = counting();
    await memo.recording(extract)(snapshot('crawl', ['crawlcookie=1']));
    const reused = await memo.reusing(extract)(snapshot('dnt', ['dntcookie=1; Max-Age=60']));
    expect(parsed()).toBe(1);
    expect(memo.reused).toBe(1);
    const fresh = extractPageEvidence(snapshot('dnt', ['dntcookie=1; Max-Age=60']));
    expect(reused).toEqual(fresh);
    // The pass's own headers, not the crawl's.
    expect(reused.cookies.map((c) => `${c.source}:${c.name}`)).toContain('header:dntcookie');
    expect(reused.cookies.map((c) => c.name)).not.toContain('crawlcookie');
    expect(reused.links.length).toBeGreaterThan(0);
  });

  it('parses again when a byte, the final URL or the content type differs', async () => {
    const memo = new EvidenceMemo();
    const { extract, parsed } = counting();
    await memo.recording(extract)(snapshot('crawl', []));
    const reusing = memo.reusing(extract);
    await reusing(snapshot('dnt', [], `${BODY} `));
    await reusing(snapshot('dnt', [], BODY, 'https://example.com/other'));
    await reusing({ ...snapshot('dnt', []), contentType: 'application/xhtml+xml' });
    expect(parsed()).toBe(4);
    expect(memo.reused).toBe(0);
  });

  it('tells bodies apart across hashing slices, a surrogate pair on the slice boundary included', async () => {
    const memo = new EvidenceMemo();
    const { extract, parsed } = counting();
    const big = `${'x'.repeat(64 * 1024 - 1)}\u{1F600}${BODY}${'y'.repeat(200_000)}`;
    await memo.recording(extract)(snapshot('crawl', [], big));
    await memo.reusing(extract)(snapshot('dnt', [], big));
    expect(memo.reused).toBe(1);
    await memo.reusing(extract)(snapshot('gpc', [], `${big.slice(0, -1)}z`));
    await memo.reusing(extract)(snapshot('gpc', [], big.replace('\u{1F600}', '\u{1F601}')));
    expect(memo.reused).toBe(1);
    expect(parsed()).toBe(3);
  });

  it('hands out copies: classifying one pass in place leaves the crawl evidence alone', async () => {
    const memo = new EvidenceMemo();
    const { extract } = counting();
    const crawled = await memo.recording(extract)(snapshot('crawl', []));
    crawled.cookies.push({ name: '_ga', source: 'known-tracker', raw: 'inferred' });
    const reused = await memo.reusing(extract)(snapshot('gpc', []));
    expect(reused.cookies.map((c) => c.source)).not.toContain('known-tracker');
    const before = JSON.stringify(crawled.resources);
    for (const r of reused.resources) r.thirdParty = { domain: 'changed', categories: [], tracker: true };
    reused.links.length = 0;
    expect(JSON.stringify(crawled.resources)).toBe(before);
    expect(crawled.links.length).toBeGreaterThan(0);
  });

  it('drops the body from the snapshot it was handed, parsed or reused', async () => {
    const memo = new EvidenceMemo();
    const first = snapshot('crawl', []);
    await memo.recording(extractPageEvidence)(first);
    const second = snapshot('dnt', []);
    await memo.reusing(extractPageEvidence)(second);
    expect(first.body).toBeUndefined();
    expect(second.body).toBeUndefined();
  });
});

describe('signals pass reuse through the crawler', async () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  it('parses an unchanged page once across the crawl, DNT and GPC passes, and a changed one each time', async () => {
    let hits = 0;
    const s = await startHttpServer((req, res) => {
      if (req.url === '/robots.txt' || req.url === '/sitemap.xml' || req.url?.startsWith('/.well-known/')) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': `pass=${req.headers.dnt ? 'dnt' : req.headers['sec-gpc'] ? 'gpc' : 'crawl'}` });
      hits += 1;
      // /static is the same on every request; /nonce carries a new token each time.
      res.end(req.url === '/nonce' ? `<a href="/static">s</a><meta name="t" content="${hits}">` : '<a href="/nonce">n</a><a href="/static">s</a>');
    });
    cleanups.push(() => s.close());
    const c = createCrawler({ ...defaultCrawlOptions(s.url), ignoreRobots: true });
    cleanups.push(() => c.close());
    const extract = fakeExtract();
    const pass = await c.crawl(extract);
    expect(pass.pages).toHaveLength(3);
    const targets = [s.url, `${s.origin}/nonce`, `${s.origin}/static`];
    const signals = await c.signalsPass(targets, extract);
    const parsedBodies = (pass: string, path: string) =>
      extract.snapshots.filter((x) => x.pass === pass && new URL(x.url).pathname === path && x.bodyLength !== undefined).length;
    for (const p of ['dnt', 'gpc']) {
      expect(parsedBodies(p, '/'), `${p} /`).toBe(0);
      expect(parsedBodies(p, '/static'), `${p} /static`).toBe(0);
      expect(parsedBodies(p, '/nonce'), `${p} /nonce`).toBe(1);
    }
    // Reused evidence still carries the pass's own response and the crawl's links.
    const dntHome = signals.dnt?.find((p) => new URL(p.url).pathname === '/');
    expect(dntHome?.pass).toBe('dnt');
    expect(dntHome?.hops[0]?.setCookie).toEqual(['pass=dnt']);
    expect(dntHome?.links.map((l) => new URL(l.href).pathname)).toEqual(['/nonce', '/static']);
  });
});

describe('collectAfterBigBody', async () => {
  it('asks the engine for a full collection after a big body only', async () => {
    vi.resetModules();
    const gc = vi.fn();
    const holder = globalThis as { gc?: () => void };
    const before = holder.gc;
    holder.gc = gc;
    try {
      const { collectAfterBigBody, BIG_BODY_CHARS } = await import('../../src/crawl/memory.js');
      collectAfterBigBody(BIG_BODY_CHARS - 1);
      expect(gc).not.toHaveBeenCalled();
      collectAfterBigBody(BIG_BODY_CHARS);
      expect(gc).toHaveBeenCalledTimes(1);
    } finally {
      if (before) holder.gc = before;
      else delete holder.gc;
    }
  });

  it('also collects after small pages once the heap has grown enough since the last collection', async () => {
    vi.resetModules();
    const gc = vi.fn();
    const holder = globalThis as { gc?: () => void };
    const before = holder.gc;
    holder.gc = gc;
    try {
      const { collectAfterBigBody, HEAP_GROWTH_BYTES } = await import('../../src/crawl/memory.js');
      collectAfterBigBody(10);
      expect(gc).not.toHaveBeenCalled();
      // Keep enough live objects to grow the heap past the threshold.
      const held: Array<{ i: number; s: string }> = [];
      for (let i = 0; i < (HEAP_GROWTH_BYTES / 40) * 1.5; i++) held.push({ i, s: `v${i}` });
      collectAfterBigBody(10);
      expect(gc).toHaveBeenCalledTimes(1);
      expect(held.length).toBeGreaterThan(0);
    } finally {
      if (before) holder.gc = before;
      else delete holder.gc;
    }
  });

  it('decides: always after a big body, after a large heap growth, after a small one only near the memory budget', async () => {
    const { shouldCollect, BIG_BODY_CHARS, HEAP_GROWTH_BYTES, PRESSED_GROWTH_BYTES, SOFT_RSS_BYTES } = await import('../../src/crawl/memory.js');
    const calm = SOFT_RSS_BYTES - 1;
    expect(shouldCollect(BIG_BODY_CHARS, 0, 0)).toBe(true);
    expect(shouldCollect(100, HEAP_GROWTH_BYTES, calm)).toBe(true);
    expect(shouldCollect(100, HEAP_GROWTH_BYTES - 1, calm)).toBe(false);
    expect(shouldCollect(100, PRESSED_GROWTH_BYTES, calm)).toBe(false);
    expect(shouldCollect(100, PRESSED_GROWTH_BYTES, SOFT_RSS_BYTES)).toBe(true);
    expect(shouldCollect(100, PRESSED_GROWTH_BYTES - 1, SOFT_RSS_BYTES)).toBe(false);
    expect(SOFT_RSS_BYTES).toBeLessThan(300 * 1024 * 1024);
  });

  it('reaches the collector without a command-line flag', async () => {
    vi.resetModules();
    const holder = globalThis as { gc?: () => void };
    const before = holder.gc;
    delete holder.gc;
    try {
      const { collectAfterBigBody, BIG_BODY_CHARS } = await import('../../src/crawl/memory.js');
      expect(() => collectAfterBigBody(BIG_BODY_CHARS)).not.toThrow();
      const { runInNewContext } = await import('node:vm');
      const major = Number(process.versions.node.split('.')[0]);
      // Node 21-23 cannot install V8's gc extension at run time; the module must not try there.
      if (major > 20 && major < 24) expect(runInNewContext('typeof gc')).toBe('undefined');
      else expect(runInNewContext('typeof gc')).toBe('function');
    } finally {
      if (before) holder.gc = before;
    }
  });
});
