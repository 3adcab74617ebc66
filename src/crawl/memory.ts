/**
 * Memory hygiene after reducing a page: parsing leaves its DOM as garbage that V8 collects
 * only once its heap has grown well past it, so pages in a row (the crawl, then the DNT and
 * GPC passes) stack their garbage and push peak RSS past a CI runner's limit. The crawler
 * asks for a full collection after a big body, and after smaller ones once the heap has grown
 * a set amount since the last collection, so garbage stays bounded whatever the page sizes.
 * It must not collect after every ordinary page (a full GC costs tens of ms) and must never
 * throw when the engine refuses.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bodies at least this long (characters) are followed by a full collection. */
export const BIG_BODY_CHARS = 1024 * 1024;
/** Heap growth (bytes) since the last collection that triggers one after any page. */
export const HEAP_GROWTH_BYTES = 24 * 1024 * 1024;

let liveAfterLastCollection: number | undefined;

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

/**
 * Runs a full collection if `bodyChars` was big or the heap grew by HEAP_GROWTH_BYTES since
 * the last one; a no-op otherwise or where the collector is unavailable.
 */
export function collectAfterBigBody(bodyChars: number): void {
  const used = heapUsed();
  // The lowest heap seen since the last collection approximates what is live.
  liveAfterLastCollection = Math.min(liveAfterLastCollection ?? used, used);
  if (bodyChars < BIG_BODY_CHARS && used - liveAfterLastCollection < HEAP_GROWTH_BYTES) return;
  try {
    const gc = collector();
    if (!gc) return;
    gc();
    liveAfterLastCollection = heapUsed();
  } catch {
    // best effort
  }
}
