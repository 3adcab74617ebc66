/**
 * Crawler measurements (a script, not a test): pages/s on a generated 1,000-page local site
 * with a trivial extract at several concurrency levels, peak RSS on a site of 5 MB pages,
 * and the time to give up on a stalled server. Run: npx tsx tests/crawl/measure.ts [mode]
 * where mode is speed | huge | stalled (default: all, each in its own process for RSS).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createCrawler, defaultCrawlOptions } from '../../src/crawl/index.js';
import { startHttpServer, startRawServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

async function speed(): Promise<void> {
  const size = 1000;
  const server = await startHttpServer((req, res) => {
    if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
    const n = Number(req.url?.slice(1)) || 0;
    // Each page links to the next ten, so the site is wide enough to keep workers busy.
    const links = Array.from({ length: 10 }, (_, i) => n * 10 + i + 1)
      .filter((k) => k < size)
      .map((k) => `<a href="/${k}">page ${k}</a>`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>${n}</title><p>${'lorem ipsum '.repeat(200)}</p>${links}`);
  });
  for (const concurrency of [1, 4, 8, 16, 32]) {
    const crawler = createCrawler({ ...defaultCrawlOptions(server.url), maxPages: size, concurrency });
    const started = performance.now();
    const result = await crawler.crawl(fakeExtract());
    const seconds = (performance.now() - started) / 1000;
    await crawler.close();
    console.log(`speed concurrency=${concurrency}: ${result.pages.length} pages in ${seconds.toFixed(2)} s = ${(result.pages.length / seconds).toFixed(0)} pages/s`);
  }
  console.log(`speed peak RSS ${mb(peakRss())}`);
  await server.close();
}

/** Serves 5 MB tag-soup pages from a child process, so its memory is not counted here. */
const HUGE_SERVER = `
const http = require('node:http');
const page = Buffer.from('<html><body>' + '<p>soup <b>x</b> <i>y</i> and more</p>'.repeat(150000) + '</body></html>');
http.createServer((req, res) => {
  if (req.url === '/robots.txt' || req.url === '/sitemap.xml') { res.writeHead(404); return res.end(); }
  const n = Number(req.url.slice(1)) || 0;
  res.writeHead(200, { 'content-type': 'text/html' });
  res.write('<a href="/' + (n * 3 + 1) + '">a</a><a href="/' + (n * 3 + 2) + '">b</a><a href="/' + (n * 3 + 3) + '">c</a>');
  res.end(page);
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

async function huge(): Promise<void> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', HUGE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const url = `http://127.0.0.1:${port}/`;
  // The crawler's own cost: a trivial extract, so parser memory is not counted here.
  const extract = fakeExtract();
  const crawler = createCrawler({ ...defaultCrawlOptions(url), maxPages: 50, timeoutMs: 3000 });
  const started = performance.now();
  const result = await crawler.crawl(extract);
  await crawler.close();
  console.log(
    `huge: ${result.pages.length} pages of 5 MB (${result.truncated.length} truncated, ${result.errors.length} errors) in ${((performance.now() - started) / 1000).toFixed(2)} s, peak RSS ${mb(peakRss())}`,
  );
  child.kill();
}

async function stalled(): Promise<void> {
  const server = await startRawServer(() => {});
  for (const ignoreRobots of [false, true]) {
    const crawler = createCrawler({ ...defaultCrawlOptions(server.url), timeoutMs: 3000, ignoreRobots });
    const started = performance.now();
    const message = await crawler.crawl(fakeExtract()).then(
      () => 'no error?',
      (err: Error) => err.message,
    );
    await crawler.close();
    console.log(`stalled (ignoreRobots=${ignoreRobots}): gave up after ${((performance.now() - started) / 1000).toFixed(2)} s: ${message}`);
  }
  await server.close();
}

const mode = process.argv[2];
if (mode === 'speed') await speed();
else if (mode === 'huge') await huge();
else if (mode === 'stalled') await stalled();
else {
  for (const m of ['speed', 'huge', 'stalled']) {
    spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), m], { stdio: 'inherit' });
  }
}
