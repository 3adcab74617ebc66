// Tests for cookies/undisclosed-cookies: scope, hedges, disclosure and every cookie source.
import rule from '../../../rules/cookies/undisclosed-cookies.js';
import { claim, context, headerCookie, metaCookie, page, scriptCookie, trackerCookie, url } from '../../helpers/evidence-builders.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const noCookies = () => claim('cookies', 'denies', { id: 'deny', quote: 'We do not use cookies.' });
const noTrackingCookies = () => claim('tracking-cookies', 'denies', { id: 'deny-tracking', quote: 'We do not use tracking cookies.', scope: { excludes: [], limitedTo: ['tracking'] } });
const onlyNecessary = () =>
  claim('cookies', 'denies', { id: 'deny-except', quote: 'We use no cookies except strictly necessary ones.', scope: { excludes: ['strictly necessary cookies'], limitedTo: [] } });

ruleTester(rule, {
  valid: [
    { name: 'policy affirms cookies', context: context({ claims: [claim('cookies', 'affirms')], pages: [page({ cookies: [headerCookie('_ga')] })] }) },
    { name: 'hedged "we may use cookies" is not a denial', context: context({ claims: [claim('cookies', 'permits')], pages: [page({ cookies: [headerCookie('_ga')] })] }) },
    { name: '"no tracking cookies" does not reach a session id', context: context({ claims: [noTrackingCookies()], pages: [page({ cookies: [headerCookie('PHPSESSID', { persistent: false }), headerCookie('csrftoken')] })] }) },
    { name: '"no tracking cookies" does not reach an unknown cookie', context: context({ claims: [noTrackingCookies()], pages: [page({ cookies: [headerCookie('theme')] })] }) },
    { name: '"except strictly necessary" excludes a CSRF token and a cart', context: context({ claims: [onlyNecessary()], pages: [page({ cookies: [headerCookie('csrftoken'), scriptCookie('cart')] })] }) },
    {
      name: 'a cookie the policy names is disclosed',
      context: context({ claims: [noCookies(), claim('named-cookie', 'affirms', { cookies: ['sessionid'] })], pages: [page({ cookies: [headerCookie('sessionid')] })] }),
    },
    { name: 'config disclosed cookie pattern _ga*', context: context({ claims: [noCookies()], disclosed: { cookies: ['_ga*', '_gid'] }, pages: [page({ cookies: [headerCookie('_ga_ABC123'), trackerCookie('_gid', 'Google Analytics')] })] }) },
    {
      name: 'inferred cookies of a vendor the policy names are disclosed (self-hosted Matomo, Meta named as Facebook)',
      context: context({
        claims: [noTrackingCookies(), claim('named-vendor', 'affirms', { vendors: ['Matomo', 'Facebook'] })],
        pages: [page({ cookies: [trackerCookie('_pk_id.*', 'Matomo'), trackerCookie('_fbp', 'Meta Pixel')] })],
      }),
    },
    { name: 'a denial about partners does not speak for the site', context: context({ claims: [claim('cookies', 'denies', { actor: 'third-party' })], pages: [page({ cookies: [headerCookie('sid')] })] }) },
    {
      name: 'the denial\'s own words scope it when the claim has no scope: persistent, third-party, unclassified',
      context: context({
        claims: [
          claim('cookies', 'denies', { quote: 'We do not use persistent cookies, except a cookie that remembers your device.' }),
          claim('cookies', 'denies', { quote: "We don't use third-party cookies." }),
          claim('cookies', 'denies', { quote: 'We have no unclassified cookies.' }),
        ],
        pages: [page({ cookies: [headerCookie('PHPSESSID', { persistent: false }), trackerCookie('_ga', 'Google Analytics', { persistent: false }), headerCookie('pref')] })],
      }),
    },
    { name: 'a deletion is not a set', context: context({ claims: [noCookies()], pages: [page({ cookies: [headerCookie('sid', { raw: 'sid=; Max-Age=0; Path=/' })] })] }) },
    { name: 'denial but no cookies anywhere', context: context({ claims: [noCookies()], pages: [page(), page({ url: url('/about') })] }) },
  ],
  invalid: [
    {
      name: 'header cookie on a redirect hop, seen on three pages: one finding',
      context: context({
        claims: [noCookies()],
        pages: [
          page({ cookies: [headerCookie('sessionid', { raw: 'sessionid=abc; Path=/; HttpOnly', responseUrl: 'http://shop.example/', responseStatus: 301 })] }),
          page({ url: url('/about'), cookies: [headerCookie('sessionid')] }),
          page({ url: url('/contact'), cookies: [headerCookie('sessionid'), headerCookie('sessionid')] }),
        ],
      }),
      findings: [{ messageId: 'headerCookie', severity: 'error', evidenceKey: 'cookie:header:sessionid', claimId: 'deny', urls: [url('/'), url('/about'), url('/contact')] }],
    },
    {
      name: 'meta http-equiv cookie is a warning',
      context: context({ claims: [noCookies()], pages: [page({ cookies: [metaCookie('visited')] })] }),
      findings: [{ messageId: 'metaCookie', severity: 'warning', evidenceKey: 'cookie:meta:visited' }],
    },
    {
      name: 'inline document.cookie write is an error',
      context: context({ claims: [noCookies()], pages: [page({ url: url('/shop'), cookies: [scriptCookie('consent_seen')] })] }),
      findings: [{ messageId: 'scriptCookie', severity: 'error', urls: [url('/shop')] }],
    },
    {
      name: 'known-tracker inferred cookie is a warning',
      context: context({ claims: [noCookies()], pages: [page({ cookies: [trackerCookie('_ga', 'Google Analytics')] })] }),
      findings: [{ messageId: 'trackerCookie', severity: 'warning', evidenceKey: 'cookie:known-tracker:_ga' }],
    },
    {
      name: '"no tracking cookies" reaches _ga but not PHPSESSID',
      context: context({ claims: [noTrackingCookies()], pages: [page({ cookies: [headerCookie('PHPSESSID'), headerCookie('_ga', { persistent: true })] })] }),
      findings: [{ messageId: 'headerCookie', severity: 'error', evidenceKey: 'cookie:header:_ga', claimId: 'deny-tracking' }],
    },
    {
      name: '"except strictly necessary": a tracker cookie is an error, an unplaceable one a warning',
      context: context({ claims: [onlyNecessary()], pages: [page({ cookies: [headerCookie('csrftoken'), headerCookie('_fbp'), headerCookie('prefs')] })] }),
      findings: [
        { messageId: 'headerCookie', severity: 'error', evidenceKey: 'cookie:header:_fbp' },
        { messageId: 'headerCookie', severity: 'warning', evidenceKey: 'cookie:header:prefs' },
      ],
    },
    {
      name: '"not without your consent": the crawler never consented, so an unknown cookie is an error',
      context: context({ claims: [claim('cookies', 'denies', { scope: { excludes: ['with permission'], limitedTo: [] } })], pages: [page({ cookies: [headerCookie('visitor')] })] }),
      findings: [{ messageId: 'headerCookie', severity: 'error', evidenceKey: 'cookie:header:visitor' }],
    },
    {
      name: 'document.cookie with a name computed at run time is a warning',
      context: context({ claims: [noCookies()], pages: [page({ cookies: [scriptCookie('prefix + id', { dynamicName: true, raw: 'document.cookie = prefix + id + "=1"' })] })] }),
      findings: [{ messageId: 'scriptCookie', severity: 'warning', evidenceKey: 'cookie:inline-script:prefix + id' }],
    },
    {
      name: 'naming the vendor does not disclose a cookie seen in a header, nor does a vendor named in a denial',
      context: context({
        claims: [noCookies(), claim('named-vendor', 'affirms', { vendors: ['Google Analytics'] }), claim('named-vendor', 'denies', { vendors: ['Hotjar'] })],
        pages: [page({ cookies: [headerCookie('_ga'), trackerCookie('_hjSessionUser_1', 'Hotjar')] })],
      }),
      findings: [
        { messageId: 'headerCookie', evidenceKey: 'cookie:header:_ga' },
        { messageId: 'trackerCookie', evidenceKey: 'cookie:known-tracker:_hjSessionUser_1' },
      ],
    },
    {
      name: '"no cookies, except session cookies" stays a denial of every other cookie; "no non-essential cookies" spares necessary ones',
      context: context({
        claims: [
          claim('cookies', 'denies', { id: 'except-session', quote: 'We do not use cookies, except session cookies.', scope: { excludes: ['session'], limitedTo: [] } }),
          claim('cookies', 'denies', { id: 'non-essential', quote: 'We do not use non-essential cookies.' }),
        ],
        pages: [page({ cookies: [headerCookie('PHPSESSID', { persistent: false }), headerCookie('_ga', { persistent: true })] })],
      }),
      findings: [{ messageId: 'headerCookie', evidenceKey: 'cookie:header:_ga', claimId: 'except-session' }],
    },
    {
      name: 'a low-confidence denial only supports a warning',
      context: context({ claims: [claim('cookies', 'denies', { confidence: 'low' })], pages: [page({ cookies: [headerCookie('sid')] })] }),
      findings: [{ messageId: 'headerCookie', severity: 'warning' }],
    },
    {
      name: 'a named cookie inside a denial stays undisclosed (and is itself a denial)',
      context: context({
        claims: [claim('cookies', 'affirms'), claim('named-cookie', 'denies', { id: 'no-ga', cookies: ['_ga'], quote: 'We do not set the _ga cookie.' })],
        pages: [page({ cookies: [headerCookie('_ga'), headerCookie('sid')] })],
      }),
      findings: [{ messageId: 'headerCookie', evidenceKey: 'cookie:header:_ga', claimId: 'no-ga' }],
    },
    {
      name: 'same name from two sources gives two findings; a malformed line is still evidence',
      context: context({
        claims: [noCookies()],
        pages: [page({ cookies: [headerCookie('uid', { raw: 'uid=1; Expires=garbage;;', malformed: true }), scriptCookie('uid')] })],
      }),
      findings: [
        { messageId: 'headerCookie', evidenceKey: 'cookie:header:uid' },
        { messageId: 'scriptCookie', evidenceKey: 'cookie:inline-script:uid' },
      ],
    },
    {
      name: 'a high-confidence denial is cited over a low-confidence one',
      context: context({ claims: [claim('cookies', 'denies', { id: 'weak', confidence: 'low' }), noCookies()], pages: [page({ cookies: [headerCookie('sid')] })] }),
      findings: [{ messageId: 'headerCookie', severity: 'error', claimId: 'deny' }],
    },
  ],
});

describe('cookies/undisclosed-cookies evidence', () => {
  it('shows the raw line and the redirect hop that set the cookie', () => {
    const [finding] = rule.check(
      context({
        claims: [noCookies()],
        pages: [page({ url: url('/'), finalUrl: url('/welcome'), cookies: [headerCookie('pc_visitor', { raw: 'pc_visitor=8c; Path=/; Max-Age=31536000', responseUrl: url('/'), responseStatus: 302 })] })],
      }),
    );
    expect(finding?.evidence).toMatchObject({ raw: 'pc_visitor=8c; Path=/; Max-Age=31536000', responseUrl: url('/'), responseStatus: 302, onRedirectHop: true });
    expect(finding?.claim).toMatchObject({ quote: 'We do not use cookies.', url: 'https://shop.example/privacy' });
  });

  it('does not call the final response a hop', () => {
    const [finding] = rule.check(context({ claims: [noCookies()], pages: [page({ cookies: [headerCookie('sid')] })] }));
    expect(finding?.evidence.onRedirectHop).toBeUndefined();
  });
});
