/**
 * `--shard i/n` end to end: n runs of the real CLI on one local site each crawl their part
 * of the first level plus what hangs below it, together cover exactly the whole-site crawl,
 * overlap only on the home page, and `merge` of their reports gives the whole run's findings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type LocalServer } from '../helpers/local-server.js';
import { runCli } from '../helpers/run-cli.js';

const SECTIONS = 24;
const page = (title: string, body: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body>${body}<footer><a href="/privacy">Privacy Policy</a></footer></body></html>`;

function handler(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const html = (status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
  if (path === '/robots.txt') return void res.writeHead(404).end();
  if (path === '/sitemap.xml') {
    res.writeHead(200, { 'content-type': 'application/xml' });
    return void res.end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://${req.headers.host}/only-in-sitemap</loc></url></urlset>`);
  }
  if (path === '/') {
    const links = Array.from({ length: SECTIONS }, (_, i) => `<a href="/s/${i}">Section ${i}</a>`).join(' ');
    return html(200, page('Home', `<nav>${links}</nav>`));
  }
  if (path === '/privacy') return html(200, page('Privacy', '<main><h1>Privacy Policy</h1><p>We do not use cookies on this site.</p><p>We do not use any third-party tracking.</p></main>'));
  if (path === '/only-in-sitemap') return html(200, page('Sitemap only', '<p>x</p>'), { 'set-cookie': 'sm_seen=1; Path=/' });
  const section = /^\/s\/(\d+)(\/deep)?$/.exec(path);
  if (section) {
    const n = Number(section[1]);
    if (section[2]) {
      const tag = n % 3 === 0 ? '<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>' : '';
      return html(200, page(`Deep ${n}`, `<p>deep</p>${tag}`), n % 4 === 0 ? { 'set-cookie': `deep${n}=1; Path=/` } : {});
    }
    return html(200, page(`Section ${n}`, `<a href="/s/${n}/deep">More</a>`), n % 5 === 0 ? { 'set-cookie': `s${n}=1; Path=/` } : {});
  }
  html(404, page('Not found', ''));
}

interface Run {
  report: { findings: Array<{ fingerprint: string; ruleId: string; url?: string; urls?: string[] }>; coverage: Record<string, unknown> };
  pages: string[];
}

let server: LocalServer;
let dir: string;

async function lintRun(extra: string[], name: string): Promise<Run> {
  const evidence = join(dir, `${name}.evidence.json`);
  const out = join(dir, `${name}.json`);
  const result = await runCli([server.url, '-f', 'json', '-o', out, '--save-evidence', evidence, '--no-progress', ...extra]);
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
  const saved = JSON.parse(readFileSync(evidence, 'utf8')) as { site: { pages: Array<{ url: string }> } };
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Run['report'], pages: saved.site.pages.map((p) => new URL(p.url).pathname) };
}

beforeAll(async () => {
  server = await startHttpServer(handler);
  dir = mkdtempSync(join(tmpdir(), 'policy-lint-shard-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('--shard i/n', () => {
  it('splits the crawl into disjoint parts (home page in each) that merge into the whole run', async () => {
    const whole = await lintRun([], 'whole');
    const parts = await Promise.all([1, 2, 3].map((i) => lintRun(['--shard', `${i}/3`], `part${i}`)));

    // Every shard reads the home page; apart from it the parts are disjoint and cover the whole crawl.
    for (const part of parts) expect(part.pages).toContain('/');
    const rest = parts.flatMap((p) => p.pages.filter((u) => u !== '/'));
    expect(new Set(rest).size).toBe(rest.length);
    expect(new Set(['/', ...rest])).toEqual(new Set(whole.pages));
    expect(whole.pages).toContain('/only-in-sitemap');
    // Each shard really did only part of the work.
    for (const part of parts) expect(part.pages.length).toBeLessThan(whole.pages.length * 0.7);

    for (const [i, part] of parts.entries()) {
      expect(part.report.coverage.shard).toBe(`${i + 1}/3`);
      expect(part.report.coverage.shardSkipped).toBeGreaterThan(0);
      expect(part.report.coverage.leftOver).toEqual([]);
    }
    expect(whole.report.coverage.shard).toBeUndefined();

    const files = [1, 2, 3].map((i) => join(dir, `part${i}.json`));
    const merged = await runCli(['merge', ...files, '-f', 'json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(whole.report.findings.length > 0 ? 1 : 0);
    const mergedReport = JSON.parse(merged.stdout) as Run['report'] & { crawl: { pages: number } };
    expect(mergedReport.findings.map((f) => f.fingerprint).sort()).toEqual(whole.report.findings.map((f) => f.fingerprint).sort());
    expect(whole.report.findings.length).toBeGreaterThan(0);
    expect(mergedReport.crawl.pages).toBe(whole.pages.length);
  });

  it('rejects a malformed shard with exit 2 and one line', async () => {
    const results = await Promise.all(['0/3', '4/3', 'a/b', '1/0'].map((spec) => runCli([server.url, '--shard', spec])));
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/--shard/);
    }
  });
});
