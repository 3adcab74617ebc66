/**
 * Decides whether the start page was really read. A blocked answer (401/403/429 and other
 * errors), a bot-challenge interstitial, or a fetch failure means the report would be about
 * a wall, not the site, so the run ends with one clear line naming the status and the flag
 * that helps. It must not throw anything but StartPageError and must not echo site text raw.
 */
import { StartPageError } from './api.js';
import type { FetchResult } from './fetch-page.js';

const CHALLENGE_MARKERS: RegExp[] = [
  /<title>\s*just a moment\.\.\.\s*<\/title>/i,
  /<title>\s*attention required! \| cloudflare\s*<\/title>/i,
  /\/cdn-cgi\/challenge-platform\//i,
  /_Incapsula_Resource/i,
  /<title>\s*ddos-guard\s*<\/title>/i,
  /id=["']px-captcha["']/i,
  /<title>\s*(?:access denied|are you a robot\??|human verification|security check)\s*<\/title>/i,
];

const CHALLENGE_SCAN_CHARS = 64 * 1024;

/** True when the page is a bot-challenge interstitial rather than the site. */
export function looksLikeChallenge(headers: Record<string, string | string[]>, text: string | undefined): boolean {
  const mitigated = headers['cf-mitigated'];
  if ((Array.isArray(mitigated) ? mitigated.join(',') : (mitigated ?? '')).toLowerCase().includes('challenge')) return true;
  if (!text) return false;
  const head = text.slice(0, CHALLENGE_SCAN_CHARS);
  return CHALLENGE_MARKERS.some((marker) => marker.test(head));
}

function hint(status: number): string {
  if (status === 401 || status === 407) return 'pass credentials with --header "Authorization: ..." or --cookie';
  if (status === 403) return 'the site refuses the crawler; pass a session with --cookie or --header, or try --user-agent';
  if (status === 429) return 'the site is rate limiting; try again later or raise --delay';
  return 'check the URL';
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
  const last = result.hops[result.hops.length - 1];
  if (result.status >= 400) {
    throw new StartPageError(`the start page ${url} answered HTTP ${result.status}: ${hint(result.status)}`);
  }
  if (looksLikeChallenge(last?.headers ?? {}, result.text)) {
    throw new StartPageError(`the start page ${url} answered with a bot challenge page (HTTP ${result.status}); pass a session with --cookie or --header`);
  }
}
