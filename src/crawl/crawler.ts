/**
 * The Crawler object the pipeline uses: one session (dispatcher, guard, pacing, robots,
 * run deadline) shared by the normal crawl, the signals pass and document fetches.
 * It must not hold page bodies; it keeps only body hashes of the normal crawl (reuse.ts),
 * so the signals pass need not parse an unchanged page again.
 */
import type { Crawler, CrawlOptions } from './api.js';
import { runCrawlPass, toSnapshot } from './crawl-pass.js';
import { PassCookieJar } from './cookie-jar.js';
import { EvidenceMemo } from './reuse.js';
import { CrawlSession, type SessionInternals } from './session.js';
import { runSignalsPass } from './signals.js';
import { normalizeUrl } from './url.js';

export function createCrawler(options: CrawlOptions, internals: SessionInternals = {}): Crawler {
  const session = new CrawlSession(options, internals);
  let homeUrl: string | undefined;
  const memo = new EvidenceMemo();
  const documentJar = new PassCookieJar(options.cookies, (url) => session.startScope.contains(url));
  return {
    async crawl(extract) {
      const result = await runCrawlPass(session, memo.recording(extract));
      homeUrl = result.homeUrl;
      return result;
    },
    async fetchDocument(url) {
      const normalized = normalizeUrl(url);
      if (!normalized) return { url, error: 'not an http(s) URL' };
      const result = await session.fetchWithRetry({ url: normalized, read: 'text', jar: documentJar, pass: 'crawl', outlivesRun: true });
      if (!result.ok) return { url: normalized, error: result.error };
      return toSnapshot(result, 0, 'crawl');
    },
    signalsPass(urls, extract) {
      return runSignalsPass(session, urls, memo.reusing(extract), homeUrl);
    },
    close() {
      return session.close();
    },
  };
}
