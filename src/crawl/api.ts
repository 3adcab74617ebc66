/**
 * The crawler's public surface, used by the pipeline (src/lint.ts). Implementations live
 * beside this file; the pipeline depends only on these types.
 */
import type { LinkEvidence, PageEvidence, SignalsEvidence } from '../evidence/types.js';
import type { Shard } from './shard.js';
import type { CrawlError, PageSnapshot } from './types.js';

export interface CrawlOptions {
  startUrl: string;
  /** Page budget for the normal pass (default 200). */
  maxPages: number;
  /** Link depth from the start page (default unlimited = Infinity). */
  maxDepth: number;
  /** Per-fetch total deadline in ms: connect, headers and whole body (default 10000). */
  timeoutMs: number;
  /** Whole-run budget in ms (default unlimited = Infinity). */
  maxTimeMs: number;
  /** Decompressed body cap in bytes (default 5 MB). */
  maxBytes: number;
  /** Concurrent requests (default 8). */
  concurrency: number;
  /** URL patterns (glob-like: `*` any run of characters) a page must match / must not match. */
  include: string[];
  exclude: string[];
  ignoreRobots: boolean;
  userAgent: string;
  /** Extra request headers and cookies, sent only to the start URL's site. */
  headers: Record<string, string>;
  cookies: string[];
  insecure: boolean;
  /** Minimum delay between requests to one host, ms (default 0). */
  delayMs: number;
  /**
   * `--shard i/n`: this job crawls only its part of the first level (home-page links and
   * sitemap URLs, split by shard.ts); the home page is crawled by every shard.
   */
  shard?: Shard;
  /**
   * Once the frontier has a page's links, only links this accepts stay in the page's evidence
   * (the start page keeps all): a long crawl then holds a few links per page, not hundreds.
   */
  keepLink?: (link: LinkEvidence) => boolean;
  /** Host resolver, injectable for tests. Returns addresses for a hostname. */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;
  /** Called for progress and verbose logging. */
  onEvent?: (event: CrawlEvent) => void;
}

export type CrawlEvent =
  | { type: 'request'; url: string; pass: string }
  | { type: 'page'; url: string; status: number; done: number; queued: number; errors: number }
  | { type: 'retry'; url: string; attempt: number; delayMs: number }
  | { type: 'skip'; url: string; reason: string }
  | { type: 'error'; url: string; message: string }
  /** The run is over: a progress display should clear itself. */
  | { type: 'done' };

/** Reduces a snapshot to evidence; the crawler follows `links` of the result. */
export type ExtractEvidence = (snapshot: PageSnapshot) => PageEvidence | Promise<PageEvidence>;

export interface CrawlPassResult {
  /** Pages in crawl order (deterministic for a given site). */
  pages: PageEvidence[];
  /** Final URL of the start page after redirects. */
  homeUrl: string;
  errors: CrawlError[];
  blockedByRobots: string[];
  truncated: string[];
  leftOver: string[];
  /** URLs the lists above had no room for (each list keeps at most 250, see listing.ts); absent when none. */
  unlisted?: { blockedByRobots: number; truncated: number; leftOver: number };
  /** First-level URLs left to other shards (`--shard`). */
  shardSkipped?: number;
  budgetExhausted?: 'max-pages' | 'max-time' | 'max-depth';
  durationMs: number;
}

export interface Crawler {
  /** Normal breadth-first crawl of the site. Throws StartPageError if the start page cannot be read. */
  crawl(extract: ExtractEvidence): Promise<CrawlPassResult>;
  /** Fetch one document (policy page, policy link check), off-site allowed, same bounds. Never throws for HTTP errors. */
  fetchDocument(url: string): Promise<PageSnapshot | { url: string; error: string }>;
  /** Re-fetch `urls` with DNT: 1 and with Sec-GPC: 1 (fresh cookie jar each), plus well-known files. */
  signalsPass(urls: string[], extract: ExtractEvidence): Promise<SignalsEvidence>;
  close(): Promise<void>;
}

/** The start page could not be read: the CLI turns this into exit 2 with `message`. */
export class StartPageError extends Error {
  override name = 'StartPageError';
}
