/**
 * The normal crawl pass: breadth-first from the start page in an order that does not
 * depend on response timing. Entries get a fixed index when discovered; a page's links are
 * enumerated only once every earlier page is finished (prefix order), so the frontier is
 * exactly level-by-level BFS with links in page order, while up to `concurrency` fetches
 * run at once. A fetch's slot is freed when its body is in, not when its evidence is: while
 * a page is parsed (on a worker thread, say) the next fetches go ahead, as long as the pages
 * waiting for extraction stay few and small (EXTRACT_BACKLOG_*). Budgets (pages, depth,
 * time), robots.txt, scope, include/exclude and trap bounds decide what is fetched; every
 * failure is an entry in `errors`, never a throw, except the start page (StartPageError).
 * It must not keep page bodies past `extract`.
 */
import type { PageEvidence } from '../evidence/types.js';
import { StartPageError, type CrawlPassResult, type ExtractEvidence } from './api.js';
import { PassCookieJar } from './cookie-jar.js';
import type { FetchResult, FetchSuccess } from './fetch-page.js';
import type { CrawlSession } from './session.js';
import { listedError, pushListed, unlistedCount } from './listing.js';
import { inShard } from './shard.js';
import { gatherSitemapsSafely } from './start-sitemaps.js';
import { assertStartPageReadable } from './start-check.js';
import type { CrawlError, PageSnapshot } from './types.js';
import { QueryVariantLimiter, createUrlFilter, normalizeUrl, trapReason } from './url.js';

/**
 * Fetched pages waiting for (or in) extraction, beyond which no new fetch starts: at most
 * this many more than `concurrency`, and only while their bodies hold fewer characters than
 * EXTRACT_BACKLOG_CHARS. Big pages therefore never pile up; small ones keep both cores busy.
 */
const EXTRACT_BACKLOG_PAGES_PER_SLOT = 1;
const EXTRACT_BACKLOG_CHARS = 1024 * 1024;
/** Discovered URLs kept beyond the page budget (slack for robots-blocked ones). */
const FRONTIER_SLACK = 2000;
const MAX_LINKS_PER_PAGE = 5000;
/** URLs remembered for de-duplication; past this, new in-scope URLs only count as left over. */
const MAX_SEEN = 50_000;

interface Entry {
  url: string;
  depth: number;
  state: 'queued' | 'running' | 'done';
  evidence?: PageEvidence;
  links?: string[];
  finalUrl?: string;
  error?: CrawlError;
  truncated?: boolean;
  leftOver?: boolean;
}

export function toSnapshot(result: FetchSuccess, depth: number, pass: PageSnapshot['pass']): PageSnapshot {
  return {
    url: result.url,
    finalUrl: result.finalUrl,
    status: result.status,
    hops: result.hops,
    contentType: result.contentType,
    depth,
    pass,
    durationMs: result.durationMs,
    bytes: result.bytes,
    truncated: result.truncated,
    ...(result.text !== undefined ? { body: result.text } : {}),
  };
}

/**
 * Runs `extract` defensively: a throwing extractor costs one page, not the run. `timed` books
 * the synchronous part (an inline extraction) so that fetch deadlines do not count it.
 */
export async function safeExtract(
  extract: ExtractEvidence,
  snapshot: PageSnapshot,
  timed: <T>(work: () => T) => T = (work) => work(),
): Promise<{ evidence?: PageEvidence; error?: string }> {
  try {
    return { evidence: await timed(() => extract(snapshot)) };
  } catch (err) {
    return { error: `evidence extraction failed: ${String((err as Error)?.message ?? err).slice(0, 160)}` };
  } finally {
    delete snapshot.body;
  }
}

export async function runCrawlPass(session: CrawlSession, extract: ExtractEvidence): Promise<CrawlPassResult> {
  const { options } = session;
  const jar = new PassCookieJar(options.cookies, (url) => session.startScope.contains(url));
  const scope = session.startScope;
  const passesFilter = createUrlFilter(options.include, options.exclude);
  const variants = new QueryVariantLimiter();
  const maxPages = Math.max(1, Math.floor(options.maxPages));
  const concurrency = Math.max(1, Math.min(64, Math.floor(options.concurrency) || 1));
  const preErrors: CrawlError[] = [];
  const blockedByRobots: string[] = [];
  const leftOver: string[] = [];
  let budgetExhausted: CrawlPassResult['budgetExhausted'];
  const noteBudget = (kind: NonNullable<CrawlPassResult['budgetExhausted']>): void => {
    // Time beats pages beats depth: the most surprising limit is the one to report.
    const rank = { 'max-time': 3, 'max-pages': 2, 'max-depth': 1 } as const;
    if (!budgetExhausted || rank[kind] > rank[budgetExhausted]) budgetExhausted = kind;
  };

  const startUrl = normalizeUrl(options.startUrl);
  if (!startUrl) throw new StartPageError(`the start URL ${JSON.stringify(options.startUrl.slice(0, 200))} is not an http(s) URL`);

  // robots.txt first: a site that forbids the start page is not crawled at all.
  const startRobots = await session.robotsFor(startUrl, jar);
  const robotsAllowStart = startRobots.isAllowed(startUrl);
  const robotsMessage = (): string => {
    const why = startRobots.disallowAll ? 'disallows everything' : 'disallows the start page';
    return `robots.txt at ${startRobots.robotsUrl} ${why} for policy-lint (${startRobots.outcome}); use --ignore-robots to lint anyway`;
  };
  if (!robotsAllowStart) {
    // An unreachable robots.txt means disallow-all (RFC 9309); it almost always means the
    // site itself is down or stalled, so say that rather than blame robots.txt, and do not
    // spend a second timeout on the start page.
    const failure = startRobots.failure;
    if (failure !== undefined && /refused|not found|TLS|closed|malformed/i.test(failure)) {
      throw new StartPageError(`cannot fetch the start page ${JSON.stringify(startUrl.slice(0, 200))}: ${failure} (while reading robots.txt)`);
    }
    if (failure !== undefined) {
      throw new StartPageError(
        `robots.txt at ${startRobots.robotsUrl} did not answer (${failure}), which RFC 9309 treats as disallow-all; raise --timeout if the site is slow, or use --ignore-robots`,
      );
    }
    throw new StartPageError(robotsMessage());
  }

  // Sitemaps of the start origin are read while the start page loads.
  const sitemapsOfStart = gatherSitemapsSafely(session, startUrl, jar, preErrors);
  const startResult = await session.fetchWithRetry({ url: startUrl, read: 'html', jar, pass: 'crawl' });
  assertStartPageReadable(startUrl, startResult, session.timeIsUp);
  const start = startResult as FetchSuccess;
  scope.add(start.finalUrl);

  const entries: Entry[] = [{ url: startUrl, depth: 0, state: 'running' }];
  const seen = new Set<string>([startUrl, start.finalUrl]);
  let fetched = 1;

  // An entry is 'done' only once its links are known: extraction may finish on another thread
  // after later pages, and expandReady must not pass over an entry whose links are still coming.
  const finish = async (entry: Entry, result: FetchResult): Promise<void> => {
    try {
      await record(entry, result);
    } finally {
      entry.state = 'done';
    }
  };
  const record = async (entry: Entry, result: FetchResult): Promise<void> => {
    if (!result.ok) {
      if (result.aborted) {
        entry.leftOver = true;
        return;
      }
      entry.error = { url: entry.url, message: result.error };
      session.emit({ type: 'error', url: entry.url, message: result.error });
      return;
    }
    entry.finalUrl = result.finalUrl;
    if ((result.status === 429 || result.status === 503) && result.hops.length > 0) {
      entry.error = { url: entry.url, message: `HTTP ${result.status} after retries` };
      return;
    }
    const snapshot = toSnapshot(result, entry.depth, 'crawl');
    const { evidence, error } = await safeExtract(extract, snapshot, (work) => session.timed(work));
    if (error) entry.error = { url: entry.url, message: error };
    if (!evidence) return;
    entry.evidence = evidence;
    entry.truncated = result.truncated;
    entry.links = (evidence.links ?? []).slice(0, MAX_LINKS_PER_PAGE).map((link) => link?.href).filter((h): h is string => typeof h === 'string');
    const keep = options.keepLink;
    if (keep && entry.depth > 0 && Array.isArray(evidence.links)) evidence.links = evidence.links.filter((link) => keep(link));
  };

  await finish(entries[0] as Entry, start);
  // `start` lives for the whole pass (its final URL and status); its body must not.
  delete start.text;

  // Sitemap pages join the frontier right after the start page's own links.
  const sitemapUrls = await sitemapsOfStart;
  if (new URL(start.finalUrl).origin !== new URL(startUrl).origin) {
    sitemapUrls.push(...(await gatherSitemapsSafely(session, start.finalUrl, jar, preErrors)));
  }

  let expanded = 0;
  let shardSkipped = 0;
  const enqueue = (raw: string, base: string, depth: number): void => {
    const href = normalizeUrl(raw, base);
    // Off-site URLs are never queued, so they need not be remembered (memory stays bounded).
    if (!href || seen.has(href) || !scope.contains(href)) return;
    if (seen.size >= MAX_SEEN) {
      noteBudget('max-pages');
      return;
    }
    seen.add(href);
    if (trapReason(href) || !variants.admit(href)) {
      session.emit({ type: 'skip', url: href, reason: trapReason(href) ?? 'too many query variants' });
      return;
    }
    if (!passesFilter(href)) {
      session.emit({ type: 'skip', url: href, reason: 'include/exclude' });
      return;
    }
    // The split is made on the first level (home links and sitemap), which every shard sees
    // alike; a skipped URL stays in `seen`, so this shard does not reach it deeper either.
    if (depth === 1 && !inShard(href, options.shard, [start.finalUrl])) {
      shardSkipped += 1;
      return;
    }
    if (depth > options.maxDepth) {
      pushListed(leftOver, href);
      noteBudget('max-depth');
      return;
    }
    if (entries.length >= maxPages + FRONTIER_SLACK) {
      pushListed(leftOver, href);
      noteBudget('max-pages');
      return;
    }
    entries.push({ url: href, depth, state: 'queued' });
  };
  const expandReady = (): void => {
    while (expanded < entries.length && (entries[expanded] as Entry).state === 'done') {
      const entry = entries[expanded] as Entry;
      if (entry.finalUrl) seen.add(entry.finalUrl);
      for (const link of entry.links ?? []) enqueue(link, entry.finalUrl ?? entry.url, entry.depth + 1);
      entry.links = undefined;
      if (expanded === 0) for (const loc of sitemapUrls) enqueue(loc, start.finalUrl, 1);
      expanded += 1;
    }
  };

  /** Fetches in flight, and pages fetched or in flight whose evidence is not in yet. */
  let active = 0;
  let pending = 0;
  let backlogChars = 0;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const waitForChange = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  const maxPending = concurrency * (1 + EXTRACT_BACKLOG_PAGES_PER_SLOT);
  const mayFetch = (): boolean => active < concurrency && (pending < concurrency || (pending < maxPending && backlogChars < EXTRACT_BACKLOG_CHARS));

  const runEntry = async (entry: Entry): Promise<void> => {
    let fetching = true;
    let chars = 0;
    const fetchDone = (): void => {
      if (!fetching) return;
      fetching = false;
      active -= 1;
      signal();
    };
    try {
      const result = await session.fetchWithRetry({
        url: entry.url,
        read: 'html',
        jar,
        pass: 'crawl',
        followRedirect: (next) => scope.contains(next),
      });
      chars = result.ok ? (result.text?.length ?? 0) : 0;
      backlogChars += chars;
      fetchDone();
      await finish(entry, result);
    } catch (err) {
      entry.state = 'done';
      entry.error = { url: entry.url, message: `internal error: ${String((err as Error)?.message ?? err).slice(0, 160)}` };
    } finally {
      backlogChars -= chars;
      fetchDone();
    }
    doneCount += 1;
    if (entry.error) errorCount += 1;
    session.emit({ type: 'page', url: entry.url, status: entry.evidence?.status ?? 0, done: doneCount, queued: entries.length - next, errors: errorCount });
  };

  let next = 1;
  let doneCount = 1;
  let errorCount = 0;
  expandReady();
  session.emit({ type: 'page', url: startUrl, status: start.status, done: 1, queued: entries.length - 1, errors: 0 });
  const onAbort = (): void => signal();
  session.runSignal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (session.timeIsUp) break;
      if (next < entries.length) {
        const entry = entries[next] as Entry;
        if (fetched >= maxPages) break;
        const rules = await session.robotsFor(entry.url, jar);
        if (!rules.isAllowed(entry.url)) {
          entry.state = 'done';
          pushListed(blockedByRobots, entry.url);
          session.emit({ type: 'skip', url: entry.url, reason: 'robots.txt' });
          next += 1;
          expandReady();
          continue;
        }
        if (!mayFetch()) {
          await waitForChange();
          continue;
        }
        next += 1;
        fetched += 1;
        active += 1;
        pending += 1;
        entry.state = 'running';
        void runEntry(entry).finally(() => {
          pending -= 1;
          expandReady();
          signal();
        });
        continue;
      }
      if (pending === 0) break;
      await waitForChange();
    }
    while (pending > 0) await waitForChange();
  } finally {
    session.runSignal.removeEventListener('abort', onAbort);
  }

  // Whatever was not started is left over; say which budget stopped it.
  let unstarted = false;
  for (let i = next; i < entries.length; i += 1) {
    const entry = entries[i] as Entry;
    if (entry.state === 'queued') {
      unstarted = true;
      pushListed(leftOver, entry.url);
    }
  }
  const aborted = entries.filter((e) => e.leftOver);
  for (const entry of aborted) pushListed(leftOver, entry.url);
  if (session.timeIsUp && (unstarted || aborted.length > 0)) noteBudget('max-time');
  else if (unstarted) noteBudget('max-pages');

  const pages: PageEvidence[] = [];
  const errors: CrawlError[] = [...preErrors];
  const truncated: string[] = [];
  for (const entry of entries) {
    if (entry.evidence) pages.push(entry.evidence);
    if (entry.error) errors.push(entry.error);
    if (entry.truncated) pushListed(truncated, entry.url);
  }
  return {
    pages,
    homeUrl: start.finalUrl,
    errors: errors.map(listedError),
    blockedByRobots,
    truncated,
    leftOver,
    ...unlistedOf({ blockedByRobots, truncated, leftOver }),
    ...(options.shard ? { shardSkipped } : {}),
    ...(budgetExhausted ? { budgetExhausted } : {}),
    durationMs: session.elapsedMs(),
  };
}

/** Counts of URLs each list had no room for, when any. */
function unlistedOf(lists: Record<'blockedByRobots' | 'truncated' | 'leftOver', string[]>): Pick<CrawlPassResult, 'unlisted'> {
  const counts = { blockedByRobots: unlistedCount(lists.blockedByRobots), truncated: unlistedCount(lists.truncated), leftOver: unlistedCount(lists.leftOver) };
  return counts.blockedByRobots + counts.truncated + counts.leftOver > 0 ? { unlisted: counts } : {};
}
