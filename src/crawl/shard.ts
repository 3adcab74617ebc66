/**
 * Deterministic shard selection for `--shard i/n`: n CI matrix jobs each lint one part of a
 * site, and `policy-lint merge` joins their reports. Every job must pick the same split
 * without talking to the others, so the choice depends only on the URL's path and query
 * (never the host, which may differ between www/apex or after a redirect), hashed with
 * 32-bit FNV-1a. Changing the hash moves pages between shards, so it is pinned by tests.
 *
 * Pure: no I/O, no clock, no randomness. Deciding which pages every shard reads (home page,
 * policy) is the caller's business; `inShard` only accepts them as `alwaysInclude`.
 */

export interface Shard {
  /** 1-based index of this job's part. */
  index: number;
  /** Number of parts. */
  total: number;
}

/** Upper bound on parts: beyond this a CI matrix is a mistake, not a plan. */
export const MAX_SHARDS = 1024;

export class ShardSpecError extends Error {
  override name = 'ShardSpecError';
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-8 bytes of `text`, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * The host-free key a URL is sharded by: path plus query, fragment dropped, as the WHATWG
 * URL parser normalises it (so `/a%7e` and `/a~` stay distinct but `/./a` equals `/a`).
 * Input that is not an absolute URL is read relative to a dummy origin, so a bare path
 * shards the same as the full URL.
 */
export function shardKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://shard.invalid/');
  } catch {
    return url;
  }
  return `${parsed.pathname}${parsed.search}`;
}

/** Which part (1..n) the URL belongs to. */
export function shardOf(url: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new ShardSpecError(`shard count must be a positive integer, got ${String(n)}`);
  }
  return (fnv1a32(shardKey(url)) % n) + 1;
}

/** Parses `i/n` (1 <= i <= n <= MAX_SHARDS); throws ShardSpecError with a usable message. */
export function parseShard(spec: string): Shard {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(spec);
  if (!match) {
    throw new ShardSpecError(`--shard expects "i/n" such as "2/4", got "${spec.slice(0, 40)}"`);
  }
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > MAX_SHARDS) {
    throw new ShardSpecError(`--shard: n must be between 1 and ${MAX_SHARDS}, got ${total}`);
  }
  if (index < 1 || index > total) {
    throw new ShardSpecError(`--shard: i must be between 1 and ${total}, got ${index}`);
  }
  return { index, total };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}

/**
 * True when this job should report the URL. Without a shard every URL is in. The site root
 * and any URL in `alwaysInclude` (home page after redirects, the policy) are in every
 * shard, compared by their host-free key so a redirect to another host does not matter.
 */
export function inShard(url: string, shard: Shard | undefined, alwaysInclude: Iterable<string> = []): boolean {
  if (!shard || shard.total === 1) return true;
  const key = shardKey(url);
  if (key === '/') return true;
  for (const always of alwaysInclude) {
    if (shardKey(always) === key) return true;
  }
  return shardOf(url, shard.total) === shard.index;
}
