import { describe, expect, it } from 'vitest';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { FALLBACK_REFERENCE_MS, parseCookieLine, scriptCookieWrites } from '../../src/evidence/cookies.js';
import { DATE, hop, page, snapshot } from './helpers.js';

const REF = Date.parse(DATE);

describe('Set-Cookie on every hop', () => {
  it('keeps cookies from redirect hops with the hop URL and status', () => {
    const ev = extractPageEvidence(snapshot('<p>x</p>', {
      hops: [hop('http://example.com/', 301, ['sid=abc; Path=/; HttpOnly']), hop('https://example.com/', 200, ['lang=en; Max-Age=3600; Domain=.example.com'])],
    }));
    expect(ev.cookies.map((c) => [c.name, c.source, c.responseUrl, c.responseStatus, c.persistent ?? false, c.domain])).toEqual([
      ['sid', 'header', 'http://example.com/', 301, false, undefined],
      ['lang', 'header', 'https://example.com/', 200, true, '.example.com'],
    ]);
    expect(ev.cookies[0]?.raw).toBe('sid=abc; Path=/; HttpOnly');
  });

  it('skips deletions: Max-Age<=0 and Expires at or before the response Date', () => {
    const ev = extractPageEvidence(snapshot(undefined, {
      hops: [hop('https://example.com/', 200, [
        'a=; Max-Age=0',
        'b=; Max-Age=-1',
        'c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        `d=1; Expires=${DATE}`,
        'e=1; Expires=Tue, 24 Nov 2026 10:00:00 GMT',
        'f=1; Expires=Thu, 26 Nov 2026 10:00:00 GMT',
        'g=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      ])],
    }));
    expect(ev.cookies.map((c) => c.name)).toEqual(['f', 'g']);
    expect(ev.cookies.every((c) => c.persistent)).toBe(true);
  });

  it('without a Date header, only dates before the fixed reference are deletions', () => {
    expect(parseCookieLine('x=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', FALLBACK_REFERENCE_MS).deletion).toBe(true);
    expect(parseCookieLine('x=1; Expires=Thu, 01 Jan 2015 00:00:00 GMT', FALLBACK_REFERENCE_MS).deletion).toBe(false);
    const ev = extractPageEvidence(snapshot(undefined, { hops: [hop('https://e.com/', 200, ['old=1; Expires=Mon, 01 Jan 1990 00:00:00 GMT', 'new=1; Expires=Mon, 01 Jan 2035 00:00:00 GMT'], {})] }));
    expect(ev.cookies.map((c) => c.name)).toEqual(['new']);
  });

  it('keeps malformed lines as raw evidence instead of throwing', () => {
    const ev = extractPageEvidence(snapshot(undefined, {
      hops: [hop('https://example.com/', 200, ['no equals sign here', 'bad name=1', '__proto__=1', 'ok=1', '\u0000\u0001=\u0002'])],
    }));
    expect(ev.cookies.find((c) => c.name === 'ok')?.malformed).toBeUndefined();
    const malformed = ev.cookies.filter((c) => c.malformed).map((c) => c.raw);
    expect(malformed).toEqual(['no equals sign here', 'bad name=1', '__proto__=1', '\u0000\u0001=\u0002']);
  });

  it('reads set-cookie from headers when the hop has no setCookie list', () => {
    const ev = extractPageEvidence(snapshot(undefined, { hops: [hop('https://e.com/', 200, [], { date: DATE, 'set-cookie': ['h=1', 'i=2'] })] }));
    expect(ev.cookies.map((c) => c.name)).toEqual(['h', 'i']);
  });
});

describe('meta http-equiv set-cookie', () => {
  it('records meta cookies with source meta, skipping deletions', () => {
    const ev = page(`<meta http-equiv="Set-Cookie" content="promo=summer; path=/">
      <meta http-equiv="set-cookie" content="gone=; max-age=0"><meta name="set-cookie" content="not=1">`);
    expect(ev.cookies).toEqual([{ name: 'promo', source: 'meta', raw: 'promo=summer; path=/' }]);
  });
});

describe('document.cookie writes in inline script', () => {
  it('finds quoted, template, concatenated and bracket forms', () => {
    const ev = page(`<script>
      document.cookie = "dq=1; path=/";
      document.cookie='sq=1';
      window.document.cookie = \`tpl=\${value}; max-age=86400\`;
      document.cookie = "cat=" + encodeURIComponent(v) + "; path=/";
      document["cookie"] = 'br=1';
      if (document.cookie == "x=1") {}
      var c = document.cookie.split(';');
    </script>`);
    expect(ev.cookies.map((c) => [c.name, c.source])).toEqual([
      ['dq', 'inline-script'], ['sq', 'inline-script'], ['tpl', 'inline-script'], ['cat', 'inline-script'], ['br', 'inline-script'],
    ]);
    expect(ev.cookies.find((c) => c.name === 'tpl')?.persistent).toBe(true);
  });

  it('skips deletions written from script, even in minified code', () => {
    const writes = scriptCookieWrites('document.cookie="keep=1";document.cookie="del=; max-age=0";document.cookie="old=; expires=Thu, 01 Jan 1970 00:00:00 GMT"', REF);
    expect(writes.map((c) => c.name)).toEqual(['keep']);
  });

  it('marks names computed at run time as dynamic', () => {
    const writes = scriptCookieWrites('document.cookie = name + "=" + value; document.cookie = `${prefix}_id=1`;', REF);
    expect(writes.map((c) => [c.name, c.dynamicName])).toEqual([['name', true], ['${…}_id', true]]);
  });

  it('ignores writes in scripts that do not run (JSON data, templates)', () => {
    const ev = page(`<script type="application/ld+json">{"x": "document.cookie = 'a=1'"}</script>
      <script type="text/template">document.cookie = 'b=1'</script>`);
    expect(ev.cookies).toEqual([]);
  });
});
