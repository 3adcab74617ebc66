import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import type { Crawler, CrawlOptions } from '../../src/crawl/api.js';
import { startHttpServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function crawler(url: string, overrides: Partial<CrawlOptions> = {}, env?: NodeJS.ProcessEnv): Crawler {
  const c = createCrawler({ ...defaultCrawlOptions(url), ignoreRobots: true, ...overrides }, env ? { env } : {});
  cleanups.push(() => c.close());
  return c;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

let certDir: string | undefined;
let tlsOptions: { key: Buffer; cert: Buffer } | undefined;
beforeAll(() => {
  try {
    certDir = mkdtempSync(join(tmpdir(), 'policy-lint-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
    tlsOptions = { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) };
  } catch {
    tlsOptions = undefined;
  }
});
afterAll(() => {
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('refuses a self-signed certificate unless --insecure', async (ctx) => {
    if (!tlsOptions) return ctx.skip();
    const server = https.createServer(tlsOptions, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>secure</p>');
    });
    const port = await listen(server);
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    server.on('secureConnection', (s) => cleanups.push(() => void s.destroy()));
    const url = `https://127.0.0.1:${port}/`;
    await expect(crawler(url).crawl(fakeExtract())).rejects.toThrow(/--insecure/);
    const result = await crawler(url, { insecure: true }).crawl(fakeExtract());
    expect(result.pages.map((p) => p.status)).toEqual([200]);
  });
});

describe('proxy', () => {
  it('goes through HTTP_PROXY (CONNECT) and still applies the address guard to the target', async () => {
    const site = await startHttpServer((req, res) => {
      res.writeHead(req.url === '/meta' ? 302 : 200, { 'content-type': 'text/html', ...(req.url === '/meta' ? { location: 'http://169.254.169.254/' } : {}) });
      res.end('<p>via proxy</p>');
    });
    cleanups.push(() => site.close());
    const tunnels: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      tunnels.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const upstream = net.connect(Number(port), host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      cleanups.push(() => void upstream.destroy());
      cleanups.push(() => void client.destroy());
    });
    const proxyPort = await listen(proxy);
    cleanups.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const env = { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` };
    const c = crawler(site.url, {}, env);
    const doc = await c.fetchDocument(site.url);
    expect('body' in doc ? doc.body : doc).toBe('<p>via proxy</p>');
    expect(tunnels).toEqual([`127.0.0.1:${site.port}`]);
    const refused = await c.fetchDocument(`${site.origin}/meta`);
    expect('error' in refused ? refused.error : 'fetched').toMatch(/refused to connect to link-local/);
    expect(tunnels.filter((t) => !t.startsWith('127.0.0.1:'))).toEqual([]);
  });
});

describe('scope across the start redirect', () => {
  it('adds the site the start URL redirects to', async () => {
    const target = await startHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url === '/' ? '<a href="/inner">in</a><a href="http://127.0.0.1:1/x">other host</a>' : 'inner');
    });
    cleanups.push(() => target.close());
    const start = await startHttpServer((_req, res) => {
      res.writeHead(301, { location: `http://localhost:${target.port}/` });
      res.end();
    });
    cleanups.push(() => start.close());
    const result = await crawler(start.url).crawl(fakeExtract());
    expect(result.homeUrl).toBe(`http://localhost:${target.port}/`);
    expect(result.pages.map((p) => p.finalUrl)).toEqual([`http://localhost:${target.port}/`, `http://localhost:${target.port}/inner`]);
  });
});
