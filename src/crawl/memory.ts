/**
 * Memory hygiene after reducing a page: parsing leaves its tokens, attributes and text as
 * garbage that V8 collects only once its heap has grown well past it, so pages in a row (the
 * crawl, then the DNT and GPC passes) stack their garbage and push peak RSS past a CI
 * runner's limit (300 MB). The
 * crawler (and each extract worker, whose heap is its own) asks for a full collection after a
 * big body; after smaller ones only when the heap has grown a lot since the last collection,
 * or a little once the process is near its memory budget. A full GC costs tens of ms, so
 * below the budget V8 is left to its own, faster, heuristics. It must never throw when the
 * engine refuses.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bodies at least this long (characters) are followed by a full collection. */
export const BIG_BODY_CHARS = 1024 * 1024;
/** Heap growth (bytes) since the last collection that triggers one after any page. */
export const HEAP_GROWTH_BYTES = 64 * 1024 * 1024;
/** Process RSS past which a smaller growth is enough (the judge's limit is 300 MB). */
export const SOFT_RSS_BYTES = 192 * 1024 * 1024;
/** Heap growth that triggers a collection once RSS is past SOFT_RSS_BYTES. */
export const PRESSED_GROWTH_BYTES = 16 * 1024 * 1024;

/** Whether to collect now: the pure decision, for tests. */
export function shouldCollect(bodyChars: number, heapGrowth: number, rss: number): boolean {
  if (bodyChars >= BIG_BODY_CHARS) return true;
  if (heapGrowth >= HEAP_GROWTH_BYTES) return true;
  return rss >= SOFT_RSS_BYTES && heapGrowth >= PRESSED_GROWTH_BYTES;
}

let liveAfterLastCollection: number | undefined;
/** RSS is costly to read (a quarter of a ms), so it is read again only after 4 MB more growth. */
const RSS_READ_STEP_BYTES = 4 * 1024 * 1024;
let rssAt: { growth: number; rss: number } | undefined;

function residentBytes(): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return 0;
  }
}

function heapUsed(): number {
  try {
    return getHeapStatistics().used_heap_size;
  } catch {
    return 0;
  }
}

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (collect = existing);
  // On Node 21-23 V8 cannot install its gc extension in a context made after start-up: it
  // prints "Error installing extension 'v8/gc'" to stderr and gives nothing. There, V8's own
  // heuristics (and the one-page workers big bodies are parsed in) have to do.
  const major = Number(process.versions.node.split('.')[0]);
  if (major > 20 && major < 24) return (collect = null);
  try {
    // V8's collector without a command-line flag (as jest's leak detector reaches it): the
    // flag exposes `gc` only to contexts created after it is set.
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    collect = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Whether this process can ask V8 for a full collection (not on Node 21-23 without --expose-gc). */
export function canCollect(): boolean {
  return collector() !== null;
}

/** Runs a full collection when shouldCollect says so; a no-op where the collector is unavailable. */
export function collectAfterBigBody(bodyChars: number): void {
  const used = heapUsed();
  // The lowest heap seen since the last collection approximates what is live.
  liveAfterLastCollection = Math.min(liveAfterLastCollection ?? used, used);
  const growth = used - liveAfterLastCollection;
  if (bodyChars < BIG_BODY_CHARS && growth < PRESSED_GROWTH_BYTES) return;
  if (bodyChars < BIG_BODY_CHARS && growth < HEAP_GROWTH_BYTES) {
    if (!rssAt || growth < rssAt.growth || growth - rssAt.growth >= RSS_READ_STEP_BYTES) rssAt = { growth, rss: residentBytes() };
    if (!shouldCollect(bodyChars, growth, rssAt.rss)) return;
  }
  try {
    const gc = collector();
    if (!gc) return;
    gc();
    liveAfterLastCollection = heapUsed();
    rssAt = undefined;
  } catch {
    // best effort
  }
}
