/**
 * Shared machinery of one crawler instance: the guarded dispatcher, the run deadline
 * (max-time), per-host pacing, robots.txt per origin, and `fetchWithRetry` (429/503 with a
 * capped Retry-After, at most 2 retries, the back-off applied to the whole host). Every
 * pass (crawl, signals, documents) fetches through here so all share the same bounds.
 * It must not decide crawl order or build evidence.
 */
import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import { allowedClasses, createAddressGuard, startAddressClass, systemResolver, type AddressGuard } from './address-guard.js';
import type { CrawlEvent, CrawlOptions } from './api.js';
import type { PassCookieJar } from './cookie-jar.js';
import { ByteBudget } from './body.js';
import { createDispatcher } from './dispatcher.js';
import { fetchPage, type FetchEnv, type FetchRequest, type FetchResult } from './fetch-page.js';
import { HostPacer, realClock, retryDelay, type Clock } from './politeness.js';
import { ALLOW_ALL, ROBOTS_MAX_BYTES, robotsUrlFor, rulesFromFetch, type RobotsRules } from './robots.js';
import { Scope } from './scope.js';

const MAX_ROBOTS_ORIGINS = 50;
/** Retries one host may cause in a whole run: a site that rate-limits everything is not hammered. */
const MAX_RETRIES_PER_HOST = 10;
/** Bytes all concurrent body reads may buffer together (see ByteBudget). */
const MIN_BODY_BUDGET = 16 * 1024 * 1024;

export interface SessionInternals {
  /** Injectable clock for pacing and retry waits (tests use a fake one). */
  clock?: Clock;
  /** Injectable dispatcher (tests), bypassing the guarded default. */
  dispatcher?: Dispatcher;
  env?: NodeJS.ProcessEnv;
}

export class CrawlSession {
  readonly guard: AddressGuard;
  readonly startScope = new Scope();
  readonly pacer: HostPacer;
  readonly clock: Clock;
  private readonly dispatcher: Dispatcher;
  private readonly proxied: boolean;
  private readonly runController = new AbortController();
  private readonly runTimer: NodeJS.Timeout | undefined;
  private readonly robotsCache = new Map<string, Promise<RobotsRules>>();
  private readonly budget: ByteBudget;
  private readonly retriesByHost = new Map<string, number>();
  /** Cumulative ms spent in synchronous extraction (see FetchEnv.busyMs). */
  private busy = 0;
  readonly startedAt = Date.now();
  private maxTimeHit = false;

  constructor(
    readonly options: CrawlOptions,
    internals: SessionInternals = {},
  ) {
    const resolve = options.resolve ?? systemResolver;
    this.guard = createAddressGuard(async () => allowedClasses(await startAddressClass(options.startUrl, resolve)), resolve);
    this.clock = internals.clock ?? realClock;
    this.pacer = new HostPacer(this.clock, Math.max(0, options.delayMs || 0));
    const setup = internals.dispatcher
      ? { dispatcher: internals.dispatcher, proxied: false }
      : createDispatcher({ guard: this.guard, insecure: options.insecure, timeoutMs: options.timeoutMs, ...(internals.env ? { env: internals.env } : {}) });
    this.dispatcher = setup.dispatcher;
    this.proxied = setup.proxied;
    this.startScope.add(options.startUrl);
    this.budget = new ByteBudget(Math.max(MIN_BODY_BUDGET, options.maxBytes));
    // Every in-flight fetch and pacing wait listens for the run to stop; that is by design.
    setMaxListeners(10_000, this.runController.signal);
    if (Number.isFinite(options.maxTimeMs) && options.maxTimeMs > 0) {
      this.runTimer = setTimeout(() => {
        this.maxTimeHit = true;
        this.runController.abort(new Error('max-time'));
      }, options.maxTimeMs);
      this.runTimer.unref();
    }
  }

  get runSignal(): AbortSignal {
    return this.runController.signal;
  }

  get timeIsUp(): boolean {
    return this.maxTimeHit || this.runController.signal.aborted;
  }

  emit(event: CrawlEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // a broken progress reporter must not stop the crawl
    }
  }

  private env(maxBytes = this.options.maxBytes, outlivesRun = false): FetchEnv {
    return {
      dispatcher: this.dispatcher,
      proxied: this.proxied,
      guard: this.guard,
      userAgent: this.options.userAgent,
      timeoutMs: this.options.timeoutMs,
      maxBytes,
      // User headers are credentials for the start site; they never go anywhere else.
      headersFor: (url) => (this.startScope.contains(url) ? this.options.headers : {}),
      ...(outlivesRun ? {} : { runSignal: this.runController.signal }),
      budget: this.budget,
      busyMs: () => this.busy,
    };
  }

  /** One fetch with pacing and bounded retries on 429/503. */
  /**
   * `outlivesRun`: the fetch still runs after max-time (one policy fetch, bounded by the
   * timeout, is what makes a cut-short report useful).
   */
  async fetchWithRetry(req: FetchRequest & { pass: string; noRetry?: boolean; outlivesRun?: boolean }, maxBytes?: number): Promise<FetchResult> {
    let host: string;
    try {
      host = new URL(req.url).host;
    } catch {
      return { ok: false, url: req.url, error: 'invalid URL', hops: [], durationMs: 0 };
    }
    for (let attempt = 0; ; attempt += 1) {
      await this.pacer.acquire(host, req.outlivesRun ? undefined : this.runSignal);
      if (this.runSignal.aborted && !req.outlivesRun) return { ok: false, url: req.url, error: 'stopped: max-time reached', hops: [], durationMs: 0, aborted: true };
      this.emit({ type: 'request', url: req.url, pass: req.pass });
      const result = await fetchPage(this.env(maxBytes, req.outlivesRun), req);
      // A kept-alive socket the server closed while we were busy fails before any response;
      // browsers retry that once on a fresh connection, and so do we.
      if (!result.ok && attempt === 0 && result.hops.length === 0 && result.error === 'connection closed by server') {
        this.emit({ type: 'retry', url: req.url, attempt: 1, delayMs: 0 });
        continue;
      }
      if (!result.ok) return result;
      const last = result.hops[result.hops.length - 1];
      // Side fetches (robots, sitemaps, well-known) are not worth waiting for.
      const hostRetries = this.retriesByHost.get(host) ?? 0;
      const wait = req.noRetry || hostRetries >= MAX_RETRIES_PER_HOST ? undefined : retryDelay(result.status, last?.headers['retry-after'], attempt, this.clock.now());
      if (wait === undefined) return result;
      this.retriesByHost.set(host, hostRetries + 1);
      this.pacer.backOff(host, wait);
      this.emit({ type: 'retry', url: req.url, attempt: attempt + 1, delayMs: wait });
    }
  }

  /** robots.txt rules for the origin of `url` (fetched once per origin, bounded). */
  robotsFor(url: string, jar?: PassCookieJar): Promise<RobotsRules> {
    if (this.options.ignoreRobots) return Promise.resolve(ALLOW_ALL);
    const robotsUrl = robotsUrlFor(url);
    if (!robotsUrl) return Promise.resolve(ALLOW_ALL);
    let cached = this.robotsCache.get(robotsUrl);
    if (!cached) {
      if (this.robotsCache.size >= MAX_ROBOTS_ORIGINS) return Promise.resolve(ALLOW_ALL);
      cached = this.fetchWithRetry({ url: robotsUrl, read: 'any', pass: 'crawl', noRetry: true, ...(jar ? { jar } : {}) }, ROBOTS_MAX_BYTES).then((result) => {
        const rules = rulesFromFetch(robotsUrl, result);
        if (rules.crawlDelayMs) this.pacer.setGap(rules.crawlDelayMs);
        return rules;
      });
      this.robotsCache.set(robotsUrl, cached);
    }
    return cached;
  }

  /** Runs synchronous CPU work and books its time so fetch deadlines do not count it. */
  timed<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.busy += performance.now() - started;
    }
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  async close(): Promise<void> {
    if (this.runTimer) clearTimeout(this.runTimer);
    try {
      await this.dispatcher.destroy();
    } catch {
      // already closed
    }
  }
}
