/**
 * The bare limit's crawl, in plain JavaScript so it can also run as a cold process of its
 * own (no TypeScript loader in front of it): a breadth-first crawl from the start URL with
 * undici and cheerio/slim (htmlparser2), reading only same-origin `<a href>` links, at most
 * `concurrency` requests in flight. No robots.txt, scope, redirects or anything else
 * policy-lint must do: this is the floor, not a competitor.
 *
 * As a process: `node tests/bench/bare-crawl.mjs <start-url> <concurrency> <max-pages>`
 * prints `{"pages":N,"bytes":B,"errors":E}`. The bench times it from spawn to exit, as it
 * times policy-lint, so both pay Node's start-up, module loading and JIT warm-up.
 */
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { load } from 'cheerio/slim';

/** Runs `task` over a growing queue with at most `concurrency` in flight. */
async function drain(start, concurrency, maxPages, task) {
  const queue = [...start];
  const seen = new Set(queue);
  let head = 0;
  let active = 0;
  let pages = 0;
  let bytes = 0;
  let errors = 0;
  let wake = [];
  const enqueue = (url) => {
    if (seen.size >= maxPages || seen.has(url)) return;
    seen.add(url);
    queue.push(url);
  };
  const wakeAll = () => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  const worker = async () => {
    for (;;) {
      if (head < queue.length) {
        const url = queue[head++];
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
        await new Promise((resolve) => wake.push(resolve));
      } else {
        wakeAll();
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages, bytes, errors };
}

/** BFS crawl: fetch each page, parse it once with htmlparser2, follow same-origin links. */
export async function crawlAndParse(startUrl, concurrency, maxPages) {
  const origin = new URL(startUrl).origin;
  const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  try {
    return await drain([startUrl], concurrency, maxPages, async (url, enqueue) => {
      const response = await request(url, { dispatcher });
      const html = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      const $ = load(html);
      for (const el of $('a[href]')) {
        const href = el.attribs.href;
        if (!href) continue;
        let next;
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
  } finally {
    await dispatcher.close();
  }
}

/** Downloads every URL in `urls` (no parsing): the network-and-server ceiling. */
export async function downloadAll(urls, concurrency) {
  const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  try {
    return await drain(urls, concurrency, urls.length, async (url) => {
      const response = await request(url, { dispatcher });
      const body = await response.body.arrayBuffer();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      return body.byteLength;
    });
  } finally {
    await dispatcher.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [startUrl, concurrency, maxPages] = process.argv.slice(2);
  const result = await crawlAndParse(startUrl, Number(concurrency), Number(maxPages));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
