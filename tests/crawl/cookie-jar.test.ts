/**
 * The pass cookie jar remembers Cookie headers by scheme, host and matching cookie paths.
 * Whatever it remembers must be exactly what tough-cookie answers for that URL right now:
 * across paths (RFC 6265 path-match), schemes (Secure), hosts (domain cookies), new cookies
 * and expiry.
 */
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassCookieJar } from '../../src/crawl/cookie-jar.js';

afterEach(() => {
  vi.useRealTimers();
});

/** The jar under test and a plain tough-cookie jar fed the same lines. */
function pair(): { jar: PassCookieJar; store(lines: string[], url: string): Promise<void>; expectSame(url: string): Promise<void> } {
  const jar = new PassCookieJar([], () => false);
  const reference = new CookieJar(undefined, { looseMode: true, allowSpecialUseDomain: true, rejectPublicSuffixes: true });
  return {
    jar,
    async store(lines, url) {
      await jar.store(lines, url);
      for (const line of lines) await reference.setCookie(line, url, { ignoreError: true });
    },
    async expectSame(url) {
      const expected = (await reference.getCookieString(url)) || undefined;
      expect(await jar.headerFor(url), url).toBe(expected);
    },
  };
}

const URLS = [
  'https://shop.example.com/',
  'https://shop.example.com/shop',
  'https://shop.example.com/shopping',
  'https://shop.example.com/shop/cart/item?id=1',
  'https://shop.example.com/shop/cart',
  'http://shop.example.com/shop/cart',
  'https://www.example.com/shop/x',
  'https://example.com/',
  'https://other.example.net/',
];

describe('PassCookieJar headers', () => {
  it('answers as tough-cookie does across paths, schemes and hosts, asked again and again', async () => {
    const p = pair();
    await p.store(['root=1; Path=/', 'shop=2; Path=/shop', 'cart=3; Path=/shop/cart/', 'sec=4; Path=/; Secure', 'wide=5; Domain=example.com; Path=/'], 'https://shop.example.com/shop/cart/');
    for (let round = 0; round < 2; round++) for (const url of URLS) await p.expectSame(url);
  });

  it('forgets remembered headers when a cookie is set, changed or removed', async () => {
    const p = pair();
    await p.store(['a=1; Path=/'], 'https://shop.example.com/');
    await p.expectSame('https://shop.example.com/page');
    await p.store(['b=2; Path=/'], 'https://shop.example.com/other');
    await p.expectSame('https://shop.example.com/page');
    await p.store(['a=changed; Path=/'], 'https://shop.example.com/');
    await p.expectSame('https://shop.example.com/page');
    await p.store(['b=; Path=/; Max-Age=0'], 'https://shop.example.com/');
    await p.expectSame('https://shop.example.com/page');
    expect(await p.jar.headerFor('https://shop.example.com/page')).toBe('a=changed');
  });

  it('drops a cookie once it expires, though its header was remembered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T10:00:00Z'));
    const p = pair();
    await p.store(['short=1; Path=/; Max-Age=60', 'long=2; Path=/'], 'https://shop.example.com/');
    expect(await p.jar.headerFor('https://shop.example.com/a')).toBe('short=1; long=2');
    vi.setSystemTime(new Date('2026-11-26T10:02:00Z'));
    await p.expectSame('https://shop.example.com/a');
    expect(await p.jar.headerFor('https://shop.example.com/a')).toBe('long=2');
  });

  it('adds the user cookies for the start site only, after the jar cookies', async () => {
    const jar = new PassCookieJar(['session=user'], (url) => url.startsWith('https://shop.example.com/'));
    await jar.store(['a=1; Path=/'], 'https://shop.example.com/');
    expect(await jar.headerFor('https://shop.example.com/x')).toBe('a=1; session=user');
    expect(await jar.headerFor('https://other.example.net/')).toBeUndefined();
  });
});
