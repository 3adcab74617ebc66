/**
 * --max-time through the built CLI (issue 4: "a run that hits it reports what it has, says
 * so, and still exits by the normal rules"): a site whose pages answer slowly is linted with
 * a whole-run budget far shorter than the crawl would take. The report must be complete JSON
 * with `budgetExhausted: "max-time"` and the unfetched pages listed, the exit must follow the
 * findings (0/1), and --fail-on-incomplete must turn it into exit 1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { homePage, policyPage } from './payloads.js';
import { html, respond, startRawSite, type HostileSite, type Route } from './raw-http.js';
import { runJudged } from './run.js';

const slowPage: Route = (req, socket) => {
  const timer = setTimeout(() => respond(socket, 200, [['Content-Type', 'text/html']], `<p>${req.pathname}</p><a href="${req.pathname}/x">deeper</a>`), 400);
  socket.on('close', () => clearTimeout(timer));
};

const links = Array.from({ length: 60 }, (_, i) => `/slow/${i}`);
const sites: HostileSite[] = [];
afterEach(async () => {
  while (sites.length) await sites.pop()?.close();
});

async function slowSite(): Promise<HostileSite> {
  const site = await startRawSite({ '/': html(homePage(links)), '/privacy': html(policyPage()), '/slow/*': slowPage });
  sites.push(site);
  return site;
}

describe('--max-time through the CLI', () => {
  it('reports what it has, says max-time, lists what was left, and exits by the findings', async () => {
    const site = await slowSite();
    const run = await runJudged([site.url, '-f', 'json', '--max-pages', '50', '--timeout', '3000', '--max-time', '1500', '--concurrency', '2'], { hangMs: 60_000 });
    expect(run.killed).toBe(false);
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as { crawl: { pages: number }; coverage: { budgetExhausted?: string; leftOver: string[]; pages: number } };
    expect(report.coverage.budgetExhausted).toBe('max-time');
    expect(report.coverage.pages).toBeGreaterThanOrEqual(1);
    expect(report.coverage.pages).toBeLessThan(50);
    expect(report.coverage.leftOver.length).toBeGreaterThan(0);
    expect(report.coverage.leftOver.every((u) => u.startsWith(`${site.origin}/slow/`))).toBe(true);
  }, 90_000);

  it('exits 0 when nothing is found, and --fail-on-incomplete turns the cut run into exit 1', async () => {
    // The test policy lacks CalOPPA disclosures; with that rule off, nothing else is found.
    const args = ['-f', 'json', '--max-time', '1500', '--concurrency', '2', '--rule', 'caloppa/policy-disclosures=off'];
    const plain = await runJudged([(await slowSite()).url, ...args], { hangMs: 60_000 });
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout).coverage.budgetExhausted).toBe('max-time');
    const strict = await runJudged([(await slowSite()).url, ...args, '--fail-on-incomplete'], { hangMs: 60_000 });
    expect(strict.code, strict.stderr).toBe(1);
    expect(JSON.parse(strict.stdout).coverage.budgetExhausted).toBe('max-time');
  }, 90_000);
});
