/**
 * Public entry of the crawl stage: the crawler factory, its defaults and the User-Agent.
 * It must not contain crawl logic; see crawler.ts and the modules it wires.
 */
import type { CrawlOptions } from './api.js';
import { USER_AGENT } from './user-agent.js';

export { createCrawler } from './crawler.js';
export { USER_AGENT } from './user-agent.js';
export { StartPageError } from './api.js';
export type { Crawler, CrawlEvent, CrawlOptions, CrawlPassResult, ExtractEvidence } from './api.js';
export type { CrawlError, CrawlPass, HopRecord, PageSnapshot } from './types.js';
export { siteKey } from './scope.js';
export { classifyAddress, type AddressClass } from './address-guard.js';

export function defaultCrawlOptions(startUrl: string): CrawlOptions {
  return {
    startUrl,
    maxPages: 200,
    maxDepth: Infinity,
    timeoutMs: 10_000,
    maxTimeMs: Infinity,
    maxBytes: 5 * 1024 * 1024,
    concurrency: 8,
    include: [],
    exclude: [],
    ignoreRobots: false,
    userAgent: USER_AGENT,
    headers: {},
    cookies: [],
    insecure: false,
    delayMs: 0,
  };
}
