/**
 * Micro-benchmark of page reduction alone (no network): cheerio/htmlparser2 parse vs the
 * full extractPageEvidence, per page of the generated bench site, warm, in this thread.
 * Usage: node --import tsx tests/bench/extract-micro.ts [parse|extract] [pages]
 * Prints ms/page for 4 rounds; not part of `npm test`.
 */
import { load } from 'cheerio/slim';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import { generateSite } from './generate-site.js';

const mode = process.argv[2] === 'parse' ? 'parse' : 'extract';
const count = Number(process.argv[3] ?? 1000);
const origin = 'http://127.0.0.1:4000';
const site = generateSite({ pages: count, origin });
const snapshots: PageSnapshot[] = site.htmlPaths.map((path) => {
  const body = site.responses.get(path)?.body.toString('utf8') ?? '';
  const url = `${origin}${path}`;
  return { url, finalUrl: url, status: 200, hops: [], contentType: 'text/html', depth: 1, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false, body };
});

for (let round = 0; round < 4; round += 1) {
  const started = performance.now();
  let items = 0;
  for (const snapshot of snapshots) {
    if (mode === 'parse') items += load(snapshot.body ?? '')('a').length;
    else items += extractPageEvidence({ ...snapshot }).links.length;
  }
  console.log(`${mode}: ${((performance.now() - started) / snapshots.length).toFixed(3)} ms/page (${items} links)`);
}
