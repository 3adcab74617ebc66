import { describe, expect, it } from 'vitest';
import { mergeRelatedDocument } from '../../src/policy/merge-related.js';
import { readPolicySource } from '../../src/policy/read-document.js';

const MAIN = 'https://example.test/privacy';
const COOKIES = 'https://example.test/cookie-policy';

function text(url: string, body: string, foundBy = 'link') {
  return readPolicySource({ url, body, kind: 'text' }, foundBy);
}

describe('mergeRelatedDocument', () => {
  it('keeps each claim on its own document, line and heading', () => {
    const main = text(MAIN, 'Privacy\n\nWe do not sell your data.\nWe collect your email address.\n');
    const cookies = readPolicySource({ url: COOKIES, body: '# Cookie Policy\n\n## Analytics\n\nWe do not use analytics cookies.\n', kind: 'markdown' }, 'link "Cookie Policy"');
    const merged = mergeRelatedDocument(main, cookies);
    const fromCookies = merged.claims.filter((c) => c.location.url === COOKIES);
    expect(fromCookies.length).toBe(cookies.claims.length);
    expect(fromCookies[0]).toMatchObject({ location: { url: COOKIES, line: 5, heading: 'Analytics' } });
    expect(merged.claims.slice(0, main.claims.length)).toEqual(main.claims);
    expect(merged.text).toBe(main.text);
  });

  it('records why a related document gave no claims, and merges one document once', () => {
    const main = text(MAIN, 'We do not sell your data.\n');
    const pdf = readPolicySource({ url: `${COOKIES}.pdf`, body: '', kind: 'pdf' }, 'link "Cookies"');
    const merged = mergeRelatedDocument(main, pdf);
    expect(merged.claims).toEqual(main.claims);
    expect(merged.related).toEqual([{ url: `${COOKIES}.pdf`, foundBy: 'link "Cookies"', coverageNote: expect.stringMatching(/PDF/) as string }]);
    expect(mergeRelatedDocument(merged, pdf)).toBe(merged);
    expect(mergeRelatedDocument(main, text(`${MAIN}/#cookies`, 'We use cookies.\n'))).toBe(main);
  });
});
