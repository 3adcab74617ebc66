import { describe, expect, it } from 'vitest';
import {
  MAX_SHARDS,
  ShardSpecError,
  fnv1a32,
  formatShard,
  inShard,
  parseShard,
  shardKey,
  shardOf,
} from '../../src/crawl/shard.js';

const paths = Array.from({ length: 10_000 }, (_, i) => `/blog/${Math.floor(i / 37)}/post-${i}?page=${i % 5}`);

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is U+00E9, encoded as the two bytes C3 A9; hashing the code unit would use E9.
    const overBytes = (bytes: number[]): number => {
      let h = 0x811c9dc5;
      for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
      return h >>> 0;
    };
    expect(fnv1a32('\u00e9')).toBe(overBytes([0xc3, 0xa9]));
    expect(fnv1a32('\u00e9')).not.toBe(overBytes([0xe9]));
  });
});

describe('shardKey', () => {
  it('drops host, scheme, port and fragment but keeps the query', () => {
    expect(shardKey('https://www.example.com:8443/a/b?x=1#top')).toBe('/a/b?x=1');
    expect(shardKey('http://example.com/a/b?x=1')).toBe('/a/b?x=1');
  });

  it('reads a bare path like the full URL', () => {
    expect(shardKey('/a/./b/../c')).toBe('/a/c');
    expect(shardKey('/a/c')).toBe(shardKey('https://example.org/a/c'));
  });

  it('never throws on junk', () => {
    expect(() => shardKey('http://[::1')).not.toThrow();
    expect(typeof shardKey('\u0000\uffff')).toBe('string');
  });
});

describe('shardOf', () => {
  it('is stable across hosts and pinned to the published hash (a changed hash moves pages between CI jobs)', () => {
    expect(shardOf('https://a.example/', 7)).toBe(shardOf('http://b.example:8080/', 7));
    // Pinned outputs: if these move, shards of one run made by two versions would overlap.
    expect(fnv1a32('/foobar')).toBe(0x685ca807);
    expect(shardOf('/foobar', 1000)).toBe((0x685ca807 % 1000) + 1);
    expect(shardOf('/privacy', 4)).toBe(3);
    expect(shardOf('https://example.com/blog/2024/hello?x=1#c', 10)).toBe(8);
    expect(shardOf('https://x.example/pricing', 4)).toBe((fnv1a32('/pricing') % 4) + 1);
  });

  it('returns 1..n and puts every URL in exactly one part', () => {
    for (const n of [1, 2, 3, 8]) {
      const counts = new Array<number>(n + 1).fill(0);
      let outOfRange = 0;
      for (const p of paths) {
        const s = shardOf(p, n);
        if (!Number.isInteger(s) || s < 1 || s > n) outOfRange += 1;
        else counts[s]! += 1;
      }
      expect(outOfRange).toBe(0);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(paths.length);
      expect(counts.filter((c) => c > 0)).toHaveLength(n);
    }
  });

  it('splits a realistic URL set evenly (each part within 10% of the mean)', () => {
    for (const n of [2, 4, 10]) {
      const counts = new Array<number>(n).fill(0);
      for (const p of paths) counts[shardOf(p, n) - 1]! += 1;
      const mean = paths.length / n;
      for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThan(0.1);
    }
  });

  it('rejects a non-positive or fractional count', () => {
    expect(() => shardOf('/', 0)).toThrow(ShardSpecError);
    expect(() => shardOf('/', 2.5)).toThrow(ShardSpecError);
    expect(() => shardOf('/', Number.NaN)).toThrow(ShardSpecError);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    expect(parseShard('3/4')).toEqual({ index: 3, total: 4 });
    expect(parseShard(' 2 / 5 ')).toEqual({ index: 2, total: 5 });
    expect(formatShard(parseShard('2/5'))).toBe('2/5');
  });

  it.each(['0/3', '4/3', '1/0', '-1/3', '1.5/3', '1/2/3', '', 'a/b', '1/', '/3', `1/${MAX_SHARDS + 1}`, '9999999/9999999'])(
    'rejects %j with a message naming the flag',
    (spec) => {
      expect(() => parseShard(spec)).toThrow(ShardSpecError);
      expect(() => parseShard(spec)).toThrow(/--shard/);
    },
  );
});

describe('inShard', () => {
  it('takes every URL when there is no shard or one part', () => {
    expect(inShard('/x', undefined)).toBe(true);
    expect(inShard('/x', { index: 1, total: 1 })).toBe(true);
  });

  it('partitions the URL set across the n parts', () => {
    const n = 5;
    const wrong = paths.slice(0, 2000).filter((p) => {
      const owners = [1, 2, 3, 4, 5].filter((index) => inShard(`https://example.com${p}`, { index, total: n }));
      return owners.length !== 1 || owners[0] !== shardOf(p, n);
    });
    expect(wrong).toEqual([]);
  });

  it('gives the site root and the always-included pages to every part', () => {
    const policy = 'https://example.com/legal/privacy-policy';
    // Pick a part the policy does not hash to, so the override is what makes it true.
    const other = (shardOf(policy, 3) % 3) + 1;
    expect(inShard(policy, { index: other, total: 3 })).toBe(false);
    expect(inShard(policy, { index: other, total: 3 }, [policy])).toBe(true);
    // Compared host-free: the policy found on www matches the one listed for the apex.
    expect(inShard('https://www.example.com/legal/privacy-policy', { index: other, total: 3 }, [policy])).toBe(true);
    for (const index of [1, 2, 3]) {
      expect(inShard('https://example.com/', { index, total: 3 })).toBe(true);
    }
  });
});
