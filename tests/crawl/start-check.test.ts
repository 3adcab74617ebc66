import { afterEach, describe, expect, it } from 'vitest';
import { createCrawler, defaultCrawlOptions, StartPageError } from '../../src/crawl/index.js';
import { challengeKind, statusAdvice } from '../../src/crawl/start-check.js';
import { startHttpServer } from '../helpers/local-server.js';
import { fakeExtract } from './fake-extract.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The one line the run would end with, for a start page answering `status`, `headers`, `body`. */
async function startLine(status: number, headers: Record<string, string> = {}, body = ''): Promise<string> {
  const s = await startHttpServer((req, res) => {
    if (req.url === '/robots.txt' || req.url === '/sitemap.xml') return res.writeHead(404).end();
    res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(body);
  });
  cleanups.push(() => s.close());
  const c = createCrawler({ ...defaultCrawlOptions(s.url) });
  cleanups.push(() => c.close());
  try {
    await c.crawl(fakeExtract());
  } catch (err) {
    expect(err).toBeInstanceOf(StartPageError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the start page was read');
}

const page = (title: string, body = '') => `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;

describe('blocked start page messages', () => {
  it.each([
    [401, /HTTP 401: login required: pass credentials with --header "Authorization: Bearer <token>" or a session cookie with --cookie/],
    [403, /HTTP 403: forbidden, the site refuses the crawler: ask the site to allowlist the policy-lint User-Agent, pass a logged-in session with --cookie or --header, or try --user-agent/],
    [404, /HTTP 404: not found: check the URL/],
    [405, /HTTP 405: client error: check the URL/],
    [407, /HTTP 407: the proxy wants credentials: put them in HTTPS_PROXY/],
    [500, /HTTP 500: server error/],
    [999, /HTTP 999: a non-standard status, which sites use to refuse automated clients/],
  ])('HTTP %i names the status and what to do', async (status, pattern) => {
    expect(await startLine(status)).toMatch(pattern);
  });

  it('429 and 503 say how long the site asks to wait and how to slow down (no retry within the cap)', async () => {
    expect(await startLine(429, { 'retry-after': '3600' })).toMatch(/HTTP 429: rate limited \(it asks to wait 60 min\): try again later, slow down with --delay <ms> and --concurrency 1/);
    expect(await startLine(503, { 'retry-after': '99999999' })).toMatch(/HTTP 503: service unavailable \(it asks to wait more than a day\), the site is down, in maintenance or shedding bots/);
  });

  it.each([
    ['Cloudflare challenge header on a 403', 403, { 'cf-mitigated': 'challenge' }, page('Just a moment...'), /answered with a Cloudflare bot challenge \(HTTP 403\) instead of the site: ask the site to allowlist the policy-lint User-Agent in its bot protection, or pass a browser session with --cookie/],
    ['Cloudflare "Just a moment..." on a 503', 503, {}, page('Just a moment...'), /a Cloudflare bot challenge \(HTTP 503\)/],
    ['Cloudflare interstitial answered 200', 200, {}, page('Loading', '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>'), /a Cloudflare bot challenge \(HTTP 200\)/],
    ['Cloudflare "Attention Required!" block', 403, {}, page('Attention Required! | Cloudflare'), /a Cloudflare block page \(HTTP 403\)/],
    ['a captcha interstitial', 200, {}, page('Human Verification'), /a captcha page \(HTTP 200\)/],
    ['DataDome', 403, {}, page('example.com', '<script src="https://geo.captcha-delivery.com/captcha/?x=1"></script>'), /a DataDome captcha/],
    ['Vercel checkpoint header', 429, { 'x-vercel-mitigated': 'challenge' }, '', /a Vercel bot challenge \(HTTP 429\)/],
  ])('%s is named as a bot wall', async (_name, status, headers, body, pattern) => {
    expect(await startLine(status, headers as Record<string, string>, body)).toMatch(pattern);
  });

  it('never echoes site text', async () => {
    const line = await startLine(403, {}, page('\u001b[31mEVIL\u001b[0m'));
    expect(line).not.toContain('EVIL');
    expect(line).not.toContain('\u001b');
  });
});

describe('challengeKind', () => {
  it('does not take an ordinary page with a captcha on its contact form for a wall', () => {
    expect(challengeKind({}, page('Contact us', '<form><div class="g-recaptcha" data-sitekey="x"></div></form>'))).toBeUndefined();
    expect(challengeKind({ server: 'cloudflare' }, page('Home'))).toBeUndefined();
  });

  it('looks only at the head of a huge page', () => {
    expect(challengeKind({}, `${'x'.repeat(200_000)}<title>Just a moment...</title>`)).toBeUndefined();
  });

  it('statusAdvice ignores an unusable Retry-After', () => {
    expect(statusAdvice(429, { 'retry-after': 'soon' })).toMatch(/^rate limited: /);
  });
});
