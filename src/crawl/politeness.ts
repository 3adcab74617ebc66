/**
 * Politeness: a per-host pacer (minimum gap between request starts to one host, which also
 * absorbs a capped robots.txt Crawl-delay and a Retry-After back-off, so a 429 slows the whole
 * host, not one URL), Retry-After parsing, and the retry decision (429/503 only, at most 2
 * retries, never beyond the cap). It must not fetch; time comes from an injectable clock.
 */

export const MAX_RETRIES = 2;
/** Longest Retry-After we wait; a server asking for more gets no retry. */
export const RETRY_AFTER_CAP_MS = 10_000;
/** Wait when a 429/503 gives no usable Retry-After. */
export const DEFAULT_RETRY_DELAY_MS = 1_000;
/** Crawl-delay from robots.txt is honoured only up to this. */
export const CRAWL_DELAY_CAP_MS = 1_000;

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined if unusable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Math.min(Number(raw), 1e9) * 1000;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** How long to wait before retrying, or undefined when the response must not be retried. */
export function retryDelay(status: number, retryAfter: string | string[] | undefined, attempt: number, now: number): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  if (attempt >= MAX_RETRIES) return undefined;
  const asked = parseRetryAfter(retryAfter, now);
  if (asked === undefined) return DEFAULT_RETRY_DELAY_MS * (attempt + 1);
  if (asked > RETRY_AFTER_CAP_MS) return undefined;
  return asked;
}

export class HostPacer {
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private gapMs: number,
  ) {}

  setGap(ms: number): void {
    this.gapMs = Math.max(this.gapMs, ms);
  }

  /** Waits for this host's turn and books the next slot. */
  async acquire(host: string, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, at + this.gapMs);
    if (at > now) await this.clock.sleep(at - now, signal);
  }

  /** Pushes this host's next slot out (Retry-After applies to the host, not one URL). */
  backOff(host: string, ms: number): void {
    const until = this.clock.now() + ms;
    if ((this.nextStart.get(host) ?? 0) < until) this.nextStart.set(host, until);
  }
}
