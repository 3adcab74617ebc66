/**
 * Serves a generated benchmark site from memory on 127.0.0.1, in its own process so the
 * server's work does not share an event loop with whatever is being measured. Responses
 * are pre-rendered Buffers looked up by path; connections are kept alive.
 *
 * Two ways to run it:
 * - forked by run-bench.ts (IPC): receives { type: 'start', pages, seed }, answers
 *   { type: 'ready', origin, ... }; answers { type: 'stats' } with request counts; exits
 *   on { type: 'stop' } or when the parent goes away;
 * - by hand, for profiling: `node --import tsx tests/bench/site-server.ts --pages 1000`
 *   prints the origin and serves until interrupted.
 * Never listens on anything but 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSite, type GeneratedSite } from './generate-site.js';

export type ServerRequest = { type: 'start'; pages: number; seed?: number } | { type: 'stats' } | { type: 'reset' } | { type: 'stop' };

export type ServerReply =
  | { type: 'ready'; origin: string; pages: number; htmlBytes: number; policyPath: string; generateMs: number }
  | { type: 'stats'; requests: number; htmlRequests: number; distinctHtml: number; notFound: number };

const NOT_FOUND = Buffer.from('<!DOCTYPE html><title>Not found</title><h1>Not found</h1>\n');

interface Counters {
  requests: number;
  htmlRequests: number;
  notFound: number;
  seenHtml: Set<string>;
}

function resetCounters(counters: Counters): void {
  counters.requests = 0;
  counters.htmlRequests = 0;
  counters.notFound = 0;
  counters.seenHtml.clear();
}

async function serve(pages: number, seed: number | undefined): Promise<{ server: Server; site: GeneratedSite; origin: string; counters: Counters; generateMs: number }> {
  // Filled in once the port is known (the sitemap needs the origin); requests before that get 404.
  const live: { site?: GeneratedSite } = {};
  const counters: Counters = { requests: 0, htmlRequests: 0, notFound: 0, seenHtml: new Set() };
  const server = createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const hit = live.site?.responses.get(path);
    counters.requests += 1;
    if (!hit) {
      counters.notFound += 1;
      res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8', 'content-length': String(NOT_FOUND.length) });
      res.end(req.method === 'HEAD' ? undefined : NOT_FOUND);
      return;
    }
    if (hit.headers['content-type']?.toString().startsWith('text/html')) {
      counters.htmlRequests += 1;
      counters.seenHtml.add(path);
    }
    res.writeHead(hit.status, hit.headers);
    res.end(req.method === 'HEAD' ? undefined : hit.body);
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const site = generateSite({ pages, origin, seed });
  live.site = site;
  const generateMs = performance.now() - started;
  return { server, site, origin, counters, generateMs };
}

async function runForked(): Promise<void> {
  let running: Awaited<ReturnType<typeof serve>> | undefined;
  const send = (reply: ServerReply): void => {
    process.send?.(reply);
  };
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ServerRequest) => {
    void (async () => {
      if (message.type === 'start' && !running) {
        running = await serve(message.pages, message.seed);
        send({
          type: 'ready',
          origin: running.origin,
          pages: running.site.htmlPaths.length,
          htmlBytes: running.site.htmlBytes,
          policyPath: running.site.policyPath,
          generateMs: Math.round(running.generateMs),
        });
      } else if (message.type === 'stats' && running) {
        const c = running.counters;
        send({ type: 'stats', requests: c.requests, htmlRequests: c.htmlRequests, distinctHtml: c.seenHtml.size, notFound: c.notFound });
      } else if (message.type === 'reset' && running) {
        resetCounters(running.counters);
      } else if (message.type === 'stop') {
        running?.server.closeAllConnections();
        running?.server.close();
        process.exit(0);
      }
    })();
  });
}

async function runStandalone(argv: string[]): Promise<void> {
  const at = argv.indexOf('--pages');
  const pages = at === -1 ? 1000 : Number(argv[at + 1]);
  if (!Number.isInteger(pages) || pages < 16) {
    process.stderr.write('usage: site-server.ts --pages N (N >= 16)\n');
    process.exitCode = 2;
    return;
  }
  const running = await serve(pages, undefined);
  process.stdout.write(`${running.origin}/\n`);
  process.stderr.write(`serving ${running.site.htmlPaths.length} pages (${(running.site.htmlBytes / 1e6).toFixed(1)} MB HTML); Ctrl-C to stop\n`);
}

if (process.send) {
  void runForked();
} else {
  void runStandalone(process.argv.slice(2));
}
