/**
 * Memory hygiene after a big page: parsing a multi-megabyte page leaves tens of megabytes
 * of DOM garbage that V8 collects only when its heap has grown well past it, so a few big
 * pages in a row (the crawl, then the DNT and GPC passes) would stack their garbage and
 * push peak RSS past a CI runner's limit. After reducing a big body the crawler asks for a
 * full collection. It must not run for ordinary pages (a full GC costs tens of ms) and
 * must never throw when the engine refuses.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bodies at least this long (characters) are followed by a full collection. */
export const BIG_BODY_CHARS = 1024 * 1024;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (collect = existing);
  try {
    // The documented way to reach V8's collector without a command-line flag: the flag
    // only exposes `gc` to contexts created after it is set.
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    collect = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Runs a full collection if `bodyChars` was big; a no-op otherwise or where unavailable. */
export function collectAfterBigBody(bodyChars: number): void {
  if (bodyChars < BIG_BODY_CHARS) return;
  try {
    collector()?.();
  } catch {
    // best effort
  }
}
