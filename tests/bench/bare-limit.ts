/**
 * The bare limit policy-lint is measured against: what a minimal crawler does with the same
 * libraries and concurrency (bare-crawl.mjs). `fetchAndParse` is its crawl, run in the
 * measuring process after a warm-up (the strict limit: no start-up, JIT already warm);
 * `fetchOnly` downloads a known URL list without parsing. The same crawl run as a cold
 * process of its own is timed by run-bench.ts.
 *
 * Runs in the measuring process; the site must be served from another process.
 */
import { crawlAndParse, downloadAll, type CrawlCounts } from './bare-crawl.mjs';

export interface BareRun {
  pages: number;
  bytes: number;
  ms: number;
  pagesPerSecond: number;
  errors: number;
  /** CPU time (user + system) this process spent, ms: robust when the machine is shared. */
  cpuMs: number;
}

async function timed(work: () => Promise<CrawlCounts>): Promise<BareRun> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const ms = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  return { ...result, ms, pagesPerSecond: result.pages / (ms / 1000), cpuMs: (used.user + used.system) / 1000 };
}

/** BFS crawl: fetch each page, parse it once with htmlparser2, follow same-origin links. */
export function fetchAndParse(startUrl: string, concurrency: number, maxPages: number): Promise<BareRun> {
  return timed(() => crawlAndParse(startUrl, concurrency, maxPages));
}

/** Downloads every URL in `urls` (no parsing): the network-and-server ceiling. */
export function fetchOnly(urls: string[], concurrency: number): Promise<BareRun> {
  return timed(() => downloadAll(urls, concurrency));
}
