/**
 * robots.txt per origin, read with robots-parser for the `policy-lint` product token.
 * Its fetch has the same time bound as a page and a smaller byte cap. RFC 9309 §2.3.1:
 * a 4xx answer means everything is allowed; a 5xx or no answer means nothing is.
 * It must not decide what to do when nothing is allowed; the crawler reports that.
 */
import { requireCjs } from '../require-cjs.js';
import { CRAWL_DELAY_CAP_MS } from './politeness.js';
import type { FetchResult } from './fetch-page.js';
import { ROBOTS_AGENT } from './user-agent.js';

/** RFC 9309 asks parsers to read at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 512 * 1024;
const MAX_SITEMAPS_LISTED = 20;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}

// The package is CommonJS exporting a bare function; its typings describe an ES default.
const robotsParser = requireCjs('robots-parser') as (url: string, text: string) => Robot;

export interface RobotsRules {
  robotsUrl: string;
  /** How the answer was read, for messages: "200", "404 (allow all)", "503 (disallow all)". */
  outcome: string;
  disallowAll: boolean;
  /** Network failure reading robots.txt (timeout, refused), when that is why nothing is allowed. */
  failure?: string;
  isAllowed(url: string): boolean;
  crawlDelayMs?: number;
  sitemaps: string[];
}

export function robotsUrlFor(pageUrl: string): string | undefined {
  try {
    const url = new URL(pageUrl);
    return `${url.protocol}//${url.host}/robots.txt`;
  } catch {
    return undefined;
  }
}

/** Builds rules from a robots.txt fetch result. */
export function rulesFromFetch(robotsUrl: string, result: FetchResult): RobotsRules {
  if (!result.ok) {
    return { robotsUrl, outcome: `unreachable: ${result.error}`, failure: result.error, disallowAll: true, isAllowed: () => false, sitemaps: [] };
  }
  if (result.status >= 500 || result.stoppedAtRedirect) {
    return { robotsUrl, outcome: `answered ${result.status}`, disallowAll: true, isAllowed: () => false, sitemaps: [] };
  }
  if (result.status >= 400 || result.status < 200 || result.status >= 300) {
    return { robotsUrl, outcome: `answered ${result.status} (all allowed)`, disallowAll: false, isAllowed: () => true, sitemaps: [] };
  }
  const text = (result.raw ?? Buffer.alloc(0)).toString('utf8');
  return parseRobots(robotsUrl, text, `answered ${result.status}`);
}

export function parseRobots(robotsUrl: string, text: string, outcome = 'answered 200'): RobotsRules {
  let robots: Robot;
  try {
    robots = robotsParser(robotsUrl, text);
  } catch {
    return { robotsUrl, outcome: `${outcome} (unparseable, all allowed)`, disallowAll: false, isAllowed: () => true, sitemaps: [] };
  }
  const isAllowed = (url: string): boolean => {
    try {
      return robots.isAllowed(url, ROBOTS_AGENT) !== false;
    } catch {
      return true;
    }
  };
  const delay = robots.getCrawlDelay(ROBOTS_AGENT);
  const crawlDelayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.min(delay * 1000, CRAWL_DELAY_CAP_MS) : undefined;
  const origin = new URL(robotsUrl).origin;
  return {
    robotsUrl,
    outcome,
    disallowAll: !isAllowed(`${origin}/`) && !isAllowed(`${origin}/index.html`),
    isAllowed,
    ...(crawlDelayMs !== undefined ? { crawlDelayMs } : {}),
    sitemaps: robots.getSitemaps().slice(0, MAX_SITEMAPS_LISTED),
  };
}

export const ALLOW_ALL: RobotsRules = { robotsUrl: '', outcome: 'ignored', disallowAll: false, isAllowed: () => true, sitemaps: [] };
