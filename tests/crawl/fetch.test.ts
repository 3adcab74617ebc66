import { gzipSync, brotliCompressSync, deflateSync, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import type { Crawler, CrawlOptions } from '../../src/crawl/api.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import { startHttpServer, startRawServer, type LocalServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function serve(server: Promise<LocalServer>): Promise<LocalServer> {
  const s = await server;
  cleanups.push(() => s.close());
  return s;
}

function crawler(url: string, overrides: Partial<CrawlOptions> = {}): Crawler {
  const c = createCrawler({ ...defaultCrawlOptions(url), ignoreRobots: true, ...overrides });
  cleanups.push(() => c.close());
  return c;
}

async function fetchDoc(url: string, overrides: Partial<CrawlOptions> = {}): Promise<PageSnapshot | { url: string; error: string }> {
  return crawler(url, overrides).fetchDocument(url);
}

function expectError(result: PageSnapshot | { error: string }, pattern: RegExp): void {
  expect('error' in result ? result.error : `no error, status ${(result as PageSnapshot).status}`).toMatch(pattern);
}

function expectPage(result: PageSnapshot | { error: string }): PageSnapshot {
  if ('error' in result) throw new Error(`expected a page, got error: ${result.error}`);
  return result;
}

describe('redirects', () => {
  it('keeps a Set-Cookie carried on a 302 hop, and sends the cookie back on the next hop', async () => {
    const seenCookies: string[] = [];
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/') {
          res.writeHead(302, { location: '/check', 'set-cookie': 'consent_check=1; Path=/' });
          return res.end();
        }
        if (req.url === '/check') seenCookies.push(req.headers.cookie ?? '');
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>ok</p>');
      }),
    );
    const extract = fakeExtract();
    const result = await crawler(s.url).crawl(extract);
    const page = result.pages[0];
    expect(page?.finalUrl).toBe(`${s.origin}/check`);
    expect(page?.hops.map((h) => h.status)).toEqual([302, 200]);
    expect(page?.hops[0]?.setCookie).toEqual(['consent_check=1; Path=/']);
    expect(page?.hops[0]?.location).toBe(`${s.origin}/check`);
    expect(seenCookies).toEqual(['consent_check=1']);
  });

  it('detects a redirect loop as a page error', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
        res.end();
      }),
    );
    expectError(await fetchDoc(`${s.origin}/a`), /redirect loop/);
  });

  it('gives up on a 50-hop chain after 20 redirects', async () => {
    let hits = 0;
    const s = await serve(
      startHttpServer((req, res) => {
        hits += 1;
        const n = Number(req.url?.slice(1)) || 0;
        if (n >= 50) {
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('end');
        }
        res.writeHead(301, { location: `/${n + 1}` });
        res.end();
      }),
    );
    expectError(await fetchDoc(`${s.origin}/0`), /too many redirects/);
    expect(hits).toBe(21);
  });

  it('reports a 3xx without Location and an unparseable Location', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/none') res.writeHead(302);
        else res.writeHead(302, { location: 'http://[broken' });
        res.end();
      }),
    );
    expectError(await fetchDoc(`${s.origin}/none`), /302 without Location/);
    expectError(await fetchDoc(`${s.origin}/bad`), /invalid Location/);
  });

  it('refuses a redirect to 169.254.169.254 without connecting, as a page error', async () => {
    const resolved: string[] = [];
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/meta') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        else if (req.url === '/meta-mapped') res.writeHead(302, { location: 'http://[::ffff:a9fe:a9fe]/' });
        else if (req.url === '/meta-name') res.writeHead(302, { location: 'http://metadata.test/' });
        else res.writeHead(302, { location: 'http://2852039166/' });
        res.end();
      }),
    );
    const resolve = async (host: string): Promise<Array<{ address: string; family: 4 | 6 }>> => {
      resolved.push(host);
      return [{ address: host === 'metadata.test' ? '169.254.169.254' : '127.0.0.1', family: 4 }];
    };
    const c = crawler(s.url, { resolve });
    for (const path of ['/meta', '/meta-mapped', '/meta-name', '/meta-decimal']) {
      expectError(await c.fetchDocument(`${s.origin}${path}`), /refused to connect to link-local address (169\.254\.169\.254|::ffff:a9fe:a9fe)/);
    }
    // Literal addresses never reach the resolver; the name does, and is refused on its answer.
    expect(resolved).toEqual(['metadata.test']);
  });
});

describe('deadlines', () => {
  it('gives up on a server that trickles its body', async () => {
    const s = await serve(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('a'), 50);
        res.on('close', () => clearInterval(timer));
      }),
    );
    expectError(await fetchDoc(s.url, { timeoutMs: 400 }), /timeout after 400 ms/);
  });

  it('gives up on a server that accepts and never answers', async () => {
    const s = await serve(startRawServer(() => {}));
    expectError(await fetchDoc(s.url, { timeoutMs: 300 }), /timeout after 300 ms/);
    expect(s.connections()).toBe(1);
  });

  it('a stalled start page is a StartPageError naming the timeout', async () => {
    const s = await serve(startRawServer(() => {}));
    await expect(crawler(s.url, { timeoutMs: 300 }).crawl(fakeExtract())).rejects.toThrow(/timeout after 300 ms.*--timeout/);
  });
});

describe('bodies', () => {
  it('caps a gzip bomb after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    const s = await serve(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(bomb);
      }),
    );
    const page = expectPage(await fetchDoc(s.url, { maxBytes: 1024 * 1024 }));
    expect(page.truncated).toBe(true);
    expect(page.bytes).toBe(1024 * 1024);
    expect(page.body?.length).toBe(1024 * 1024);
  });

  it('truncates a huge page at the cap and keeps going', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        if (req.url === '/') return res.end('<a href="/big">big</a><a href="/small">small</a>');
        if (req.url === '/small') return res.end('small');
        res.end(`<a href="/small">s</a>${'x'.repeat(6 * 1024 * 1024)}`);
      }),
    );
    const result = await crawler(s.url).crawl(fakeExtract());
    expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/big', '/small']);
    expect(result.truncated).toEqual([`${s.origin}/big`]);
  });

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['deflate', (b: Buffer) => deflateSync(b)],
    ['deflate', (b: Buffer) => deflateRawSync(b)],
    ['br', (b: Buffer) => brotliCompressSync(b)],
    ['gzip, br', (b: Buffer) => brotliCompressSync(gzipSync(b))],
  ])('decodes content-encoding %s', async (encoding, encode) => {
    const s = await serve(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });
        res.end(encode(Buffer.from('<p>héllo</p>')));
      }),
    );
    expect(expectPage(await fetchDoc(s.url)).body).toBe('<p>héllo</p>');
  });

  it('advertises only the encodings it decodes', async () => {
    let accept = '';
    const s = await serve(
      startHttpServer((req, res) => {
        accept = String(req.headers['accept-encoding']);
        res.end('ok');
      }),
    );
    await fetchDoc(s.url);
    expect(accept).toBe('gzip, deflate, br');
  });

  it('reports an unsupported or corrupt encoding as an error', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': req.url === '/zstd' ? 'zstd' : 'gzip' });
        res.end(Buffer.from('this is not gzip at all'));
      }),
    );
    expectError(await fetchDoc(`${s.origin}/zstd`), /unsupported content-encoding "zstd"/);
    expectError(await fetchDoc(`${s.origin}/corrupt`), /corrupt compressed body|incorrect header/i);
  });

  it('decodes a windows-1252 page declared in the header and in <meta>', async () => {
    const bytes = Buffer.concat([Buffer.from('<p>'), Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80]), Buffer.from('</p>')]);
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/header') {
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
          return res.end(bytes);
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Buffer.concat([Buffer.from('<meta charset="iso-8859-1">'), bytes]));
      }),
    );
    expect(expectPage(await fetchDoc(`${s.origin}/header`)).body).toBe('<p>“café” €</p>');
    // WHATWG maps the iso-8859-1 label to windows-1252.
    expect(expectPage(await fetchDoc(`${s.origin}/meta`)).body).toBe('<meta charset="iso-8859-1"><p>“café” €</p>');
  });

  it('records non-HTML responses without a body', async () => {
    const s = await serve(
      startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end(Buffer.alloc(1000));
      }),
    );
    const extract = fakeExtract();
    await crawler(s.url).crawl(extract);
    expect(extract.snapshots[0]?.contentType).toBe('application/pdf');
    expect(extract.snapshots[0]?.bodyLength).toBeUndefined();
  });
});

describe('broken responses', () => {
  it('keeps a malformed Set-Cookie line raw', async () => {
    const s = await serve(
      startRawServer((socket) => {
        socket.once('data', () => {
          socket.end(
            'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: =novalue; ;;; Expires=never\r\nSet-Cookie: \u00e9t\u00e9=1\r\nSet-Cookie: good=1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
            'latin1',
          );
        });
      }),
    );
    const page = expectPage(await fetchDoc(s.url));
    expect(page.hops[0]?.setCookie).toHaveLength(3);
    expect(page.hops[0]?.setCookie[0]).toBe('=novalue; ;;; Expires=never');
    expect(page.hops[0]?.setCookie[2]).toBe('good=1');
  });

  it.each([
    ['a non-HTTP answer', 'SSH-2.0-OpenSSH_9.6\r\n', /malformed HTTP response/],
    ['a truncated transfer', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\nshort', /truncated transfer|connection closed/],
    ['oversized headers', `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`, /headers too large|malformed HTTP response/],
    ['broken chunked framing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n', /malformed HTTP response/],
  ])('turns %s into an error entry', async (_name, raw, pattern) => {
    const s = await serve(
      startRawServer((socket) => {
        socket.once('data', () => socket.end(raw));
      }),
    );
    expectError(await fetchDoc(s.url, { timeoutMs: 2000 }), pattern);
  });
});
