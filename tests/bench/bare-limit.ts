/**
 * The bare limit policy-lint is measured against: what a minimal crawler does with the same
 * libraries and concurrency. `fetchAndParse` is a breadth-first crawl from the start URL
 * with undici and cheerio/slim (htmlparser2), reading only same-origin `<a href>` links;
 * `fetchOnly` downloads a known URL list without parsing. Neither checks robots.txt, scope,
 * redirects or anything else policy-lint must do: this is the floor, not a competitor.
 *
 * Runs in the measuring process; the site must be served from another process.
 */
import { Agent, request } from 'undici';
import { load } from 'cheerio/slim';

export interface BareRun {
  pages: number;
  bytes: number;
  ms: number;
  pagesPerSecond: number;
  errors: number;
  /** CPU time (user + system) this process spent, ms: robust when the machine is shared. */
  cpuMs: number;
}

type Counts = Omit<BareRun, 'ms' | 'pagesPerSecond' | 'cpuMs'>;

type Task = (url: string, enqueue: (url: string) => void) => Promise<number>;

/** Runs `task` over a growing queue with at most `concurrency` in flight. */
async function drain(start: string[], concurrency: number, maxPages: number, task: Task): Promise<Counts> {
  const queue = [...start];
  const seen = new Set(queue);
  let head = 0;
  let active = 0;
  let pages = 0;
  let bytes = 0;
  let errors = 0;
  let wake: Array<() => void> = [];
  const enqueue = (url: string): void => {
    if (seen.size >= maxPages || seen.has(url)) return;
    seen.add(url);
    queue.push(url);
  };
  const wakeAll = (): void => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      if (head < queue.length) {
        const url = queue[head++] as string;
        active += 1;
        try {
          // Read `bytes` only after the await: `bytes += await ...` would add to a stale total.
          const read = await task(url, enqueue);
          bytes += read;
          pages += 1;
        } catch {
          errors += 1;
        } finally {
          active -= 1;
          wakeAll();
        }
      } else if (active > 0) {
        await new Promise<void>((resolve) => wake.push(resolve));
      } else {
        wakeAll();
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages, bytes, errors };
}

interface Clock {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

function startClock(): Clock {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function finish(result: Counts, clock: Clock): BareRun {
  const ms = performance.now() - clock.wall;
  const cpu = process.cpuUsage(clock.cpu);
  return { ...result, ms, pagesPerSecond: result.pages / (ms / 1000), cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** BFS crawl: fetch each page, parse it once with htmlparser2, follow same-origin links. */
export async function fetchAndParse(startUrl: string, concurrency: number, maxPages: number): Promise<BareRun> {
  const origin = new URL(startUrl).origin;
  const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const clock = startClock();
  try {
    const result = await drain([startUrl], concurrency, maxPages, async (url, enqueue) => {
      const response = await request(url, { dispatcher });
      const html = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      const $ = load(html);
      for (const el of $('a[href]')) {
        const href = el.attribs.href;
        if (!href) continue;
        let next: URL;
        try {
          next = new URL(href, url);
        } catch {
          continue;
        }
        if (next.origin !== origin) continue;
        next.hash = '';
        enqueue(next.href);
      }
      return Buffer.byteLength(html);
    });
    return finish(result, clock);
  } finally {
    await dispatcher.close();
  }
}

/** Downloads every URL in `urls` (no parsing): the network-and-server ceiling. */
export async function fetchOnly(urls: string[], concurrency: number): Promise<BareRun> {
  const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const clock = startClock();
  try {
    const result = await drain(urls, concurrency, urls.length, async (url) => {
      const response = await request(url, { dispatcher });
      const body = await response.body.arrayBuffer();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      return body.byteLength;
    });
    return finish(result, clock);
  } finally {
    await dispatcher.close();
  }
}
