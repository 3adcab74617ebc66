// The HTML report in a real headless Chromium (Debian's /usr/bin/chromium through
// playwright-core): it renders, logs no console errors (a CSP hash mismatch would),
// the severity filter works, and site text stays text.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../../src/report/formatters/html.js';
import { hostileReport, sampleContext, sampleReport, PAYLOAD } from './sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

describe('html formatter (static checks)', () => {
  const out = html(sampleReport(), sampleContext());
  it('is self-contained: no external scripts, styles, images or fonts', () => {
    expect(out).not.toMatch(/<script[^>]+src=/i);
    expect(out).not.toMatch(/<link[^>]+stylesheet/i);
    expect(out).not.toMatch(/@import|url\(/i);
    expect(out).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);
  });
  it('links each rule to its docs', () => {
    expect(out).toContain('<a href="https://docs.example/policy-lint/rules/cookies/undisclosed-cookies.md" rel="noopener noreferrer">docs</a>');
  });
  it('lists fetch errors', () => {
    expect(out).toContain('<details><summary>1 fetch error</summary><ul><li><a href="https://allsmart.example/broken" rel="noopener noreferrer">https://allsmart.example/broken</a>: HTTP 500</li></ul></details>');
  });
  it('never links a non-http URL', () => {
    const report = sampleReport();
    report.findings[0]!.url = 'javascript:alert(1)';
    expect(html(report, sampleContext())).not.toContain('href="javascript:');
  });
});

const SKIP_MESSAGE = `${CHROMIUM} not found: install Debian's chromium package (.ci/run does) to run the browser test`;

describe('html formatter in headless Chromium', () => {
  let context: BrowserContext;
  let dir: string;

  beforeAll(async () => {
    if (!hasChromium) return;
    dir = mkdtempSync(join(tmpdir(), 'policy-lint-html-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(content: string): Promise<{ page: Page; problems: string[] }> {
    const file = join(dir, `report-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, content);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, problems };
  }

  const visibleFindings = (page: Page) => page.locator('article.finding:visible').count();

  it('renders the summary and findings with no console errors', async (ctx) => {
    if (!hasChromium) return ctx.skip(SKIP_MESSAGE);
    const { page, problems } = await open(html(sampleReport(), sampleContext()));
    await expect.poll(() => page.locator('h1').textContent()).toBe('policy-lint report');
    expect(await page.locator('.count.error strong').textContent()).toBe('1');
    expect(await page.locator('section.rule h2').count()).toBe(3);
    expect(await page.locator('blockquote').first().textContent()).toBe('We do not use cookies.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the severity filter shows and hides findings (the inline script ran under the CSP)', async (ctx) => {
    if (!hasChromium) return ctx.skip(SKIP_MESSAGE);
    const { page, problems } = await open(html(sampleReport(), sampleContext()));
    // active: one error, one warning; baselined and suppressed are hidden by default
    expect(await visibleFindings(page)).toBe(2);
    expect(await page.locator('#visible-count').textContent()).toBe('2');
    await page.locator('input[data-filter="error"]').uncheck();
    expect(await visibleFindings(page)).toBe(1);
    expect(await page.locator('article.finding:visible').getAttribute('data-severity')).toBe('warning');
    await page.locator('input[data-filter="warning"]').uncheck();
    expect(await visibleFindings(page)).toBe(0);
    expect(await page.locator('section.rule:visible').count()).toBe(0);
    await page.locator('input[data-filter="error"]').check();
    await page.locator('input[data-filter="warning"]').check();
    await page.locator('input[data-filter="baselined"]').check();
    await page.locator('input[data-filter="suppressed"]').check();
    expect(await visibleFindings(page)).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a payload in a page title and everywhere else stays text: no script runs, no img is created', async (ctx) => {
    if (!hasChromium) return ctx.skip(SKIP_MESSAGE);
    const report = hostileReport();
    const { page, problems } = await open(html(report, sampleContext()));
    expect(await page.evaluate('document.querySelectorAll("img").length')).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('script').count()).toBe(2);
    const evidence = await page.locator('article.finding dd').nth(1).textContent();
    expect(evidence).toContain('title: ARED click');
    expect(evidence).toContain('</script><img src=x onerror="window.__pwned=1"> ]]>');
    expect(await page.title()).toContain('<img src=x onerror=');
    // the embedded data block parses back to the report
    const embedded = await page.evaluate('JSON.parse(document.getElementById("policy-lint-report").textContent)');
    expect(embedded).toEqual(JSON.parse(JSON.stringify(report)));
    expect(PAYLOAD).toContain('<img');
    expect(problems).toEqual([]);
    await page.close();
  });
});

