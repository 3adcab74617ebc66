/**
 * Coverage lists are bounded; what does not fit is counted in coverage.unlisted, so a
 * reader still knows how much was left over. Merged shard reports add the counts up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { mergeReports } from '../../src/report/merge.js';
import { startHttpServer, type LocalServer } from '../helpers/local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' });
    if (req.url === '/') return void res.end(Array.from({ length: 400 }, (_, i) => `<a href="/p${i}">p${i}</a>`).join(''));
    res.end('<p>leaf</p>');
  });
});
afterAll(() => server.close());

describe('coverage lists', () => {
  it('list a bounded number of left-over URLs and count the rest', async () => {
    const { report } = await lint({ url: server.url, signals: false, crawl: { maxPages: 5 } });
    const listed = report.coverage.leftOver.length;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(396);
    expect(listed + (report.coverage.unlisted?.leftOver ?? 0)).toBe(396);
    expect(report.coverage.budgetExhausted).toBe('max-pages');

    const merged = mergeReports([report, report]);
    expect(merged.coverage.unlisted?.leftOver).toBe(2 * (report.coverage.unlisted?.leftOver ?? 0));
  });
});
