// Unit tests for the shared rule helpers: claim scope, cookie names and kinds, vendor
// identity, URL keys. The rule tests cover them through the rules; these pin the edges.
import { describe, expect, it } from 'vitest';
import { cookieNameMatches, namedInException, pickClaim, scopeReaches, shortQuote } from '../../../rules/util/claims.js';
import { classifyCookie, cookieTags } from '../../../rules/util/cookie-kind.js';
import { boundFinding } from '../../../rules/util/bound.js';
import { canonicalTag, normaliseTerm, trackingCategories } from '../../../rules/util/terms.js';
import { comparableUrl, pathKey, sameDocument } from '../../../rules/util/urls.js';
import { identifyTracker, vendorMatches } from '../../../rules/util/vendors.js';
import { dataTypesFor } from '../../../rules/collection/undisclosed-collection.js';
import { claim, gtag, tracker } from '../../helpers/evidence-builders.js';

describe('terms', () => {
  it('normalises policy words to canonical tags', () => {
    expect(normaliseTerm('Strictly Necessary Cookies')).toBe('strictly-necessary');
    expect(canonicalTag('strictly-necessary')).toBe('necessary');
    expect(canonicalTag('essential')).toBe('necessary');
    expect(canonicalTag('Marketing cookies')).toBe('advertising');
    expect(canonicalTag('constructor')).toBe('constructor');
    expect(trackingCategories(['ad', 'cdn', 'session-recording', 'marketing'])).toEqual(['advertising', 'session-recording']);
  });
});

describe('claims', () => {
  it('scope: limitedTo must match, excludes must not', () => {
    const scoped = (excludes: string[], limitedTo: string[]) => ({ scope: { excludes, limitedTo } });
    expect(scopeReaches(scoped([], ['tracking']), ['tracking', 'analytics'])).toBe(true);
    expect(scopeReaches(scoped([], ['tracking']), ['necessary', 'session'])).toBe(false);
    expect(scopeReaches(scoped(['strictly-necessary'], []), ['necessary'])).toBe(false);
    expect(scopeReaches(scoped(['strictly-necessary'], []), ['unknown'])).toBe(true);
    expect(scopeReaches(scoped([], []), [])).toBe(true);
  });

  it('cookie name patterns', () => {
    expect(cookieNameMatches('_ga', '_GA')).toBe(true);
    expect(cookieNameMatches('_ga*', '_ga_XYZ')).toBe(true);
    expect(cookieNameMatches('_ga_<container-id>', '_ga_XYZ')).toBe(true);
    expect(cookieNameMatches('_ga', '_gat')).toBe(false);
    expect(cookieNameMatches('*', 'anything')).toBe(false);
    expect(cookieNameMatches('', 'x')).toBe(false);
  });

  it('a vendor in an exception is not denied', () => {
    expect(namedInException('We do not allow third-party tracking, except Google Analytics.', 'Google Analytics')).toBe(true);
    expect(namedInException('We do not use Google Analytics.', 'Google Analytics')).toBe(false);
    expect(namedInException('No tracking other than Hotjar; nothing else.', 'hotjar')).toBe(true);
  });

  it('picks high confidence first, then text order; shortens quotes', () => {
    const low = claim('cookies', 'denies', { confidence: 'low' });
    const high1 = claim('cookies', 'denies');
    const high2 = claim('cookies', 'denies');
    expect(pickClaim([low, high1, high2])).toBe(high1);
    expect(pickClaim([])).toBeUndefined();
    expect(shortQuote('a\n  b')).toBe('a b');
    expect(shortQuote('x'.repeat(500)).length).toBe(160);
  });
});

describe('cookie kind', () => {
  it('tells tracking, necessary and unknown apart', () => {
    expect(classifyCookie({ name: '_ga' })).toMatchObject({ kind: 'tracking', purpose: 'analytics', reason: 'tracker-name' });
    expect(classifyCookie({ name: '_ga_ABC123' })).toMatchObject({ kind: 'tracking' });
    expect(classifyCookie({ name: '_fbp' })).toMatchObject({ kind: 'tracking', purpose: 'advertising' });
    expect(classifyCookie({ name: '_hjSessionUser_123' })).toMatchObject({ kind: 'tracking', purpose: 'session-recording' });
    expect(classifyCookie({ name: 'PHPSESSID' })).toMatchObject({ kind: 'necessary' });
    expect(classifyCookie({ name: 'myshop_session' })).toMatchObject({ kind: 'necessary' });
    expect(classifyCookie({ name: 'XSRF-TOKEN' })).toMatchObject({ kind: 'necessary' });
    expect(classifyCookie({ name: 'theme' })).toMatchObject({ kind: 'unknown' });
    expect(classifyCookie({ name: 'x', vendor: 'Microsoft Clarity' })).toMatchObject({ kind: 'tracking', purpose: 'session-recording', reason: 'vendor' });
    expect(classifyCookie({ name: 'uid', domain: '.adnet.example' }, ['shop.example'])).toMatchObject({ kind: 'tracking', reason: 'third-party-domain' });
    expect(classifyCookie({ name: 'uid', domain: '.shop.example' }, ['shop.example'])).toMatchObject({ kind: 'unknown' });
    expect(cookieTags({ kind: 'unknown', reason: 'unknown' }, false)).toEqual(['unknown', 'session']);
  });
});

describe('vendors', () => {
  it('matches names, aliases, domains and whole-word prefixes', () => {
    const ga = { entity: 'Google Analytics', domain: 'google-analytics.com' };
    expect(vendorMatches('Google Analytics', ga)).toBe(true);
    expect(vendorMatches('google', ga)).toBe(true);
    expect(vendorMatches('Goo', ga)).toBe(false);
    expect(vendorMatches('google-analytics.com', ga)).toBe(true);
    expect(vendorMatches('Meta', { entity: 'Facebook', domain: 'facebook.net' })).toBe(true);
    expect(vendorMatches('constructor', { entity: 'Facebook', domain: 'facebook.net' })).toBe(false);
  });

  it('identifies gtag.js as Google Analytics and folds brand products into their entity', () => {
    expect(identifyTracker(gtag('G-1', { named: false }) as Parameters<typeof identifyTracker>[0])).toMatchObject({ key: 'Google Analytics', categories: ['analytics'] });
    expect(identifyTracker(gtag('AW-1') as Parameters<typeof identifyTracker>[0])).toMatchObject({ key: 'Google Ads', categories: ['ad'] });
    expect(identifyTracker(tracker('Facebook', { vendor: 'Meta Pixel' }) as Parameters<typeof identifyTracker>[0])).toMatchObject({ key: 'Facebook' });
    expect(identifyTracker(tracker('Google Tag Manager') as Parameters<typeof identifyTracker>[0])).toMatchObject({ key: 'Google Tag Manager', categories: ['tag-manager'] });
  });
});

describe('urls', () => {
  it('keys without scheme, host or port; compares leniently', () => {
    expect(pathKey('https://a.example:8443/x?y=1#z')).toBe('/x?y=1');
    expect(pathKey('not a url')).toBe('not a url');
    expect(comparableUrl('https://WWW.Example.com/privacy/')).toBe('example.com/privacy');
    expect(sameDocument('https://example.com/privacy', 'https://www.example.com/privacy/#top')).toBe(true);
    expect(sameDocument('https://example.com/privacy', 'https://example.com/privacy-choices')).toBe(false);
  });
});

describe('collection data types', () => {
  it('maps policy words and extractor types to form data types', () => {
    expect([...(dataTypesFor(['email address']) ?? [])]).toEqual(['email']);
    expect(dataTypesFor(['personal information'])?.size).toBe(7);
    expect(dataTypesFor(['IP address'])).toBeNull();
    expect(dataTypesFor(['location'])).toBeNull();
    expect([...(dataTypesFor(['other']) ?? [])]).toEqual(['other-personal']);
  });
});

describe('bound', () => {
  it('clips site strings in data, evidence and key, never the page list', () => {
    const long = 'x'.repeat(5000);
    const out = boundFinding({ messageId: 'm', data: { name: long, pages: 3 }, urls: [long], evidence: { raw: long, nested: [{ a: long }] }, evidenceKey: long });
    expect(String(out.data?.name).length).toBe(200);
    expect(out.data?.pages).toBe(3);
    expect(out.urls[0]).toBe(long);
    expect(JSON.stringify(out.evidence).length).toBeLessThan(1200);
    expect(out.evidenceKey.length).toBe(300);
  });
});
