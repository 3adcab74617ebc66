/**
 * undici-parts.ts loads only the undici files the crawler calls. The request it builds must
 * be the one undici's own request(url) would send, and the fast path must really be taken
 * (a moved file would silently fall back to the whole package: this test says so).
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { undiciParts } from '../../src/crawl/undici-parts.js';
import { startHttpServer, type LocalServer } from '../helpers/local-server.js';

const servers: LocalServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

describe('undici parts', () => {
  it('sends the method, path with query, and headers a request(url) would', async () => {
    const seen: string[] = [];
    const server = await startHttpServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['x-probe']}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    servers.push(server);
    const agent = new undiciParts.Agent();
    try {
      const res = await undiciParts.request(agent, `${server.origin}/a/b?q=1&r=2#frag`, { method: 'GET', headers: { 'x-probe': 'yes' } });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('ok');
      const plain = await undiciParts.request(agent, `${server.origin}/`, { headers: {} });
      await plain.body.dump();
    } finally {
      await agent.close();
    }
    expect(seen).toEqual(['GET /a/b?q=1&r=2 yes', 'GET / undefined']);
  });

  it('leaves the undici package entry unloaded (the crawler takes the per-file path)', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(new URL('../../dist/src/crawl/fetch-page.js', import.meta.url).href)});
      await import(${JSON.stringify(new URL('../../dist/src/crawl/dispatcher.js', import.meta.url).href)});
      const cache = createRequire(import.meta.url).cache;
      console.log(JSON.stringify(Object.keys(cache).filter((k) => /[\\\\/]undici[\\\\/]/.test(k)).map((k) => k.replace(/.*[\\\\/]undici[\\\\/]/, ''))));
    `;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(loaded).toContain('lib/dispatcher/agent.js');
    expect(loaded).not.toContain('index.js');
  });
});
