/**
 * The start site's sitemaps, read while the start page loads: /sitemap.xml and those
 * robots.txt names, in scope and allowed, within one timeout for the whole phase. Each
 * sitemap that cannot be read is an error entry with its URL and why; nothing here throws.
 */
import type { PassCookieJar } from './cookie-jar.js';
import { ROBOTS_MAX_BYTES } from './robots.js';
import type { CrawlSession } from './session.js';
import { collectSitemapUrls } from './sitemap.js';
import type { CrawlError } from './types.js';
import { normalizeUrl } from './url.js';

/** Sitemap URLs of `homeUrl`'s origin, within one timeout for the whole phase; never throws. */
export async function gatherSitemapsSafely(session: CrawlSession, homeUrl: string, jar: PassCookieJar, errors: CrawlError[]): Promise<string[]> {
  if (session.timeIsUp) return [];
  const phase = new AbortController();
  const timer = setTimeout(() => phase.abort(), session.options.timeoutMs);
  try {
    return await gatherSitemaps(session, homeUrl, jar, phase.signal, errors);
  } catch (err) {
    errors.push({ url: `${new URL(homeUrl).origin}/sitemap.xml`, message: `sitemap: ${String((err as Error)?.message ?? err).slice(0, 160)}` });
    return [];
  } finally {
    clearTimeout(timer);
  }
}

async function gatherSitemaps(session: CrawlSession, homeUrl: string, jar: PassCookieJar, signal: AbortSignal, errors: CrawlError[]): Promise<string[]> {
  const robots = await session.robotsFor(homeUrl, jar);
  const origin = new URL(homeUrl).origin;
  const candidates = [`${origin}/sitemap.xml`, ...robots.sitemaps]
    .map((u) => normalizeUrl(u))
    .filter((u): u is string => u !== undefined && session.startScope.contains(u) && robots.isAllowed(u));
  if (candidates.length === 0) return [];
  const probe = normalizeUrl(`${origin}/sitemap.xml`);
  return collectSitemapUrls(
    candidates,
    async (url) => {
      if (session.timeIsUp || signal.aborted) return undefined;
      return session.fetchWithRetry({ url, read: 'any', jar, pass: 'crawl', noRetry: true, signal, followRedirect: (n) => session.startScope.contains(n) });
    },
    Math.max(ROBOTS_MAX_BYTES, session.options.maxBytes),
    {
      // The unasked-for /sitemap.xml may be missing; one robots.txt names may not.
      ...(probe && !robots.sitemaps.some((u) => normalizeUrl(u) === probe) ? { probe } : {}),
      onProblem: (url, reason) => {
        errors.push({ url, message: `sitemap: ${reason}` });
        session.emit({ type: 'error', url, message: `sitemap: ${reason}` });
      },
    },
  );
}
