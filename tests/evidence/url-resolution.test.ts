/**
 * resolveHttpUrl and normalizeUrl remember results across pages; a remembered answer must be
 * exactly the answer a fresh WHATWG parse gives, whatever order the pages come in.
 */
import { describe, expect, it } from 'vitest';
import { resolveHttpUrl } from '../../src/evidence/url.js';
import { normalizeUrl } from '../../src/crawl/url.js';

const BASES = [
  'http://127.0.0.1:4000/',
  'http://127.0.0.1:4000/docs/guide/intro?x=1',
  'https://127.0.0.1:4000/docs/',
  'http://user:pw@example.com/a/b',
  'https://www.example.com:8443/deep/path/page.html#frag',
  'http://example.org',
];
const REFS = [
  '/about', '/about#team', 'about', './about', '../about', '?page=2', '#top', '', '  /spaced  ',
  '//cdn.example.net/lib.js', '/\\evil.example/x', '\\\\evil.example/y', 'http:relative', 'HTTP://UPPER.example/A',
  'https://www.example.com/privacy', 'mailto:a@b.c', 'javascript:alert(1)', 'data:text/html,x', 'tel:123',
  'http://[::1]:80/', 'http://0x7f.1/', 'https://example.com/%7e/ü?q=ä#f', '/a/../b/./c', 'ftp://example.com/file',
  `/${'x'.repeat(600)}`, 'http://exa mple.com/', '/path;jsessionid=ABC?sid=1&keep=2',
];

function fresh(raw: string, base: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href.slice(0, 2048);
  } catch {
    return null;
  }
}

describe('resolveHttpUrl (remembered across pages)', () => {
  it('answers every reference against every base as a fresh parse does, in any order', () => {
    for (const order of [BASES, [...BASES].reverse()]) {
      for (const base of order) {
        for (const raw of [...REFS, ...REFS]) expect(resolveHttpUrl(raw, base), `${raw} against ${base}`).toBe(fresh(raw, base));
      }
    }
  });

  it('keeps page-relative references apart on different pages', () => {
    expect(resolveHttpUrl('next', 'http://a.test/x/one')).toBe('http://a.test/x/next');
    expect(resolveHttpUrl('next', 'http://a.test/y/one')).toBe('http://a.test/y/next');
    expect(resolveHttpUrl('/next', 'http://a.test/x/one')).toBe('http://a.test/next');
    expect(resolveHttpUrl('/next', 'https://b.test/x/one')).toBe('https://b.test/next');
  });
});

describe('normalizeUrl (remembered for absolute URLs)', () => {
  it('gives the same canonical form on the first and every later call', () => {
    const inputs = REFS.flatMap((raw) => BASES.map((base) => resolveHttpUrl(raw, base))).filter((u): u is string => u !== null);
    const first = inputs.map((u) => normalizeUrl(u));
    const again = inputs.map((u) => normalizeUrl(u, 'http://ignored.test/'));
    expect(again).toEqual(first);
    expect(normalizeUrl('http://example.com/path;jsessionid=ABC?sid=1&keep=2#x')).toBe('http://example.com/path?keep=2');
    expect(normalizeUrl('http://example.com/path;jsessionid=ABC?sid=1&keep=2#x')).toBe('http://example.com/path?keep=2');
    expect(normalizeUrl('mailto:a@b.c')).toBeUndefined();
    expect(normalizeUrl('/rel', 'http://a.test/x')).toBe('http://a.test/rel');
    expect(normalizeUrl('/rel', 'http://b.test/x')).toBe('http://b.test/rel');
  });
});
