/**
 * Decides whether the start page was really read. A blocked answer (401/403/429/503 and
 * other errors), a bot-challenge or block interstitial (whatever its status), or a fetch
 * failure means the report would be about a wall, not the site, so the run ends with one
 * line naming the status, what it means and the flag or step that helps. It must not throw
 * anything but StartPageError and must not echo site text (only numbers and our own words).
 */
import { StartPageError } from './api.js';
import type { FetchResult } from './fetch-page.js';
import { parseRetryAfter } from './politeness.js';

/** Interstitials, by who serves them; the first match names the wall in the message. */
const CHALLENGE_MARKERS: Array<[RegExp, string]> = [
  [/<title>\s*just a moment\.\.\.\s*<\/title>/i, 'a Cloudflare bot challenge'],
  [/\/cdn-cgi\/challenge-platform\//i, 'a Cloudflare bot challenge'],
  [/<title>\s*attention required! \| cloudflare\s*<\/title>/i, 'a Cloudflare block page'],
  [/_Incapsula_Resource/i, 'an Imperva (Incapsula) bot challenge'],
  [/<title>\s*ddos-guard\s*<\/title>/i, 'a DDoS-Guard bot challenge'],
  [/id=["']px-captcha["']/i, 'a HUMAN (PerimeterX) captcha'],
  [/captcha-delivery\.com/i, 'a DataDome captcha'],
  [/\.awswaf\.com\//i, 'an AWS WAF bot challenge'],
  [/<title>\s*vercel security checkpoint\s*<\/title>/i, 'a Vercel bot challenge'],
  [/<title>[^<]{0,40}sucuri website firewall/i, 'a Sucuri firewall block page'],
  [/<title>[^<]{0,60}(?:captcha|verify you are (?:a )?human|human verification|are you a robot|bot verification|checking your browser|security check|one more step)[^<]{0,60}<\/title>/i, 'a captcha page'],
  [/<title>\s*access denied\s*<\/title>/i, 'an "access denied" page'],
];

const CHALLENGE_SCAN_CHARS = 64 * 1024;

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();
}

/** What kind of bot wall the page is, or undefined when it is the site. */
export function challengeKind(headers: Record<string, string | string[]>, text: string | undefined): string | undefined {
  if (headerText(headers['cf-mitigated']).includes('challenge')) return 'a Cloudflare bot challenge';
  const vercel = headerText(headers['x-vercel-mitigated']);
  if (vercel.includes('challenge') || vercel.includes('deny')) return 'a Vercel bot challenge';
  if (!text) return undefined;
  const head = text.slice(0, CHALLENGE_SCAN_CHARS);
  return CHALLENGE_MARKERS.find(([marker]) => marker.test(head))?.[1];
}

/** True when the page is a bot-challenge interstitial rather than the site. */
export function looksLikeChallenge(headers: Record<string, string | string[]>, text: string | undefined): boolean {
  return challengeKind(headers, text) !== undefined;
}

const ALLOWLIST = 'ask the site to allowlist the policy-lint User-Agent';

function waitHint(headers: Record<string, string | string[]>): string {
  const ms = parseRetryAfter(headers['retry-after'], Date.now());
  if (ms === undefined) return '';
  const seconds = Math.round(ms / 1000);
  if (seconds >= 86_400) return ' (it asks to wait more than a day)';
  return seconds >= 120 ? ` (it asks to wait ${Math.round(seconds / 60)} min)` : ` (it asks to wait ${seconds} s)`;
}

/** The status in words and what to do about it. */
export function statusAdvice(status: number, headers: Record<string, string | string[]> = {}): string {
  switch (status) {
    case 401:
      return 'login required: pass credentials with --header "Authorization: Bearer <token>" or a session cookie with --cookie "name=value"';
    case 407:
      return 'the proxy wants credentials: put them in HTTPS_PROXY / HTTP_PROXY (http://user:password@host:port)';
    case 403:
      return `forbidden, the site refuses the crawler: ${ALLOWLIST}, pass a logged-in session with --cookie or --header, or try --user-agent`;
    case 404:
    case 410:
      return 'not found: check the URL';
    case 429:
      return `rate limited${waitHint(headers)}: try again later, slow down with --delay <ms> and --concurrency 1, or ${ALLOWLIST}`;
    case 503:
      return `service unavailable${waitHint(headers)}, the site is down, in maintenance or shedding bots: try again later, or ${ALLOWLIST}`;
    default:
      if (status >= 500 && status < 600) return 'server error: the site failed; try again later';
      if (status >= 400 && status < 500) return 'client error: check the URL, or pass what the site expects with --header / --cookie';
      return `a non-standard status, which sites use to refuse automated clients: ${ALLOWLIST}, or pass a session with --cookie`;
  }
}

/** Throws StartPageError unless `result` is a readable start page. */
export function assertStartPageReadable(startUrl: string, result: FetchResult, maxTimeHit: boolean): void {
  const url = JSON.stringify(startUrl.slice(0, 200));
  if (!result.ok) {
    if (maxTimeHit) throw new StartPageError(`max-time ran out before the start page ${url} answered; raise --max-time`);
    const extra = /timeout/.test(result.error) ? '; raise --timeout if the site is slow' : '';
    throw new StartPageError(`cannot fetch the start page ${url}: ${result.error}${extra}`);
  }
  if (result.stoppedAtRedirect) throw new StartPageError(`the start page ${url} redirects somewhere the crawler may not follow`);
  const headers = result.hops[result.hops.length - 1]?.headers ?? {};
  // A wall is named as one whatever its status: a 403 or 503 challenge needs a session, not a retry.
  const wall = challengeKind(headers, result.text);
  if (wall) {
    throw new StartPageError(
      `the start page ${url} answered with ${wall} (HTTP ${result.status}) instead of the site: ${ALLOWLIST} in its bot protection, or pass a browser session with --cookie (and that browser's --user-agent)`,
    );
  }
  if (result.status >= 400 || result.status < 200) {
    throw new StartPageError(`the start page ${url} answered HTTP ${result.status}: ${statusAdvice(result.status, headers)}`);
  }
}
