/**
 * Types at the crawl boundary: what the crawler hands to evidence extraction.
 * A PageSnapshot is a fetched response with every redirect hop; its body lives only
 * until the evidence extractor has reduced it. Nothing here parses HTML.
 */

/** One HTTP response on the way to a page: a redirect hop or the final answer. */
export interface HopRecord {
  url: string;
  status: number;
  /** Response headers, names lower-cased; repeated headers keep every value. */
  headers: Record<string, string | string[]>;
  /** Raw `Set-Cookie` lines of this response, in order. */
  setCookie: string[];
  /** Resolved `Location` for redirects. */
  location?: string;
}

export interface PageSnapshot {
  /** URL as requested (normalised, fragment dropped). */
  url: string;
  /** URL after following redirects. */
  finalUrl: string;
  status: number;
  /** Every response in order; the last one is the final response. */
  hops: HopRecord[];
  contentType: string;
  /** BFS depth from the start URL (0 for the start page). */
  depth: number;
  /** Which pass fetched it: the normal crawl or a signals pass. */
  pass: CrawlPass;
  durationMs: number;
  /** Decompressed body size in bytes (as read, capped). */
  bytes: number;
  /** True when the body was cut at the byte cap. */
  truncated: boolean;
  /** Decoded text, present only for HTML responses; dropped after extraction. */
  body?: string;
}

export type CrawlPass = 'crawl' | 'dnt' | 'gpc';

export interface CrawlError {
  url: string;
  message: string;
}
