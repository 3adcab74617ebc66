// The evidence rules against claims the real extractor reads from the bundled fixture
// policies, with evidence written by hand after each fixture's README. This is where the
// claim vocabulary (scopes, vendors, data types) and the rules must agree; the full
// crawl of the same sites is tested end to end in tests/e2e.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import undisclosedCollection from '../../rules/collection/undisclosed-collection.js';
import undisclosedCookies from '../../rules/cookies/undisclosed-cookies.js';
import signalIgnored from '../../rules/dnt/signal-ignored.js';
import undisclosedThirdParty from '../../rules/trackers/undisclosed-third-party.js';
import type { Rule, RuleContext } from '../../rules/types.js';
import type { PageEvidence } from '../../src/evidence/types.js';
import { readPolicyDocument } from '../../src/policy/read-document.js';
import { context, field, form, gtag, gtmContainer, headerCookie, page, tracker, trackerCookie, url } from '../helpers/evidence-builders.js';
import { deepFreeze } from '../helpers/rule-tester.js';

const EVIDENCE_RULES: Rule[] = [undisclosedCollection, undisclosedCookies, signalIgnored, undisclosedThirdParty];

function policyOf(site: string, file = 'privacy.html') {
  const body = readFileSync(new URL(`../../fixtures/sites/${site}/${file}`, import.meta.url), 'utf8');
  return readPolicyDocument({ url: url(`/${file.replace(/\.html$/, '')}`), body, contentType: 'text/html; charset=utf-8' }, 'test');
}

function run(site: string, pages: PageEvidence[], extra: Partial<RuleContext['site']> = {}, file?: string) {
  const doc = policyOf(site, file);
  const ctx = context({ pages, claims: doc.claims, policy: doc, site: extra });
  return EVIDENCE_RULES.flatMap((rule) =>
    rule.check(deepFreeze(structuredClone(ctx))).map((f) => ({ rule: rule.meta.id, messageId: f.messageId, severity: f.severity ?? rule.meta.defaultSeverity, key: f.evidenceKey, claim: f.claim?.quote ?? '' })),
  );
}

// As the extractor sees a gtag.js install: the script URL (Tag Manager's entity) and the config call naming GA.
const ga = (id = 'G-TEST1') => [gtag(id, { named: false }), gtag(id)];
const asPass = (pass: 'dnt' | 'gpc', pages: PageEvidence[]) => pages.map((p) => ({ ...p, pass }));

describe('evidence rules on claims extracted from the fixture policies', () => {
  it('policy-names-analytics-vendor: the named exception and its cookies are disclosed', () => {
    const pages = [page({ resources: ga('G-CEDAR314'), cookies: [trackerCookie('_ga', 'Google Analytics'), trackerCookie('_ga_CEDAR314', 'Google Analytics')] }), page({ url: url('/workshop'), resources: ga('G-CEDAR314') })];
    expect(run('policy-names-analytics-vendor', pages)).toEqual([]);
  });

  it('no-tracking-cookies-with-session-cookie: a session cookie is outside "no tracking cookies"', () => {
    const pages = [page({ cookies: [headerCookie('rta_session', { raw: 'rta_session=d41f0c9a7be2; Path=/; HttpOnly; SameSite=Strict', persistent: false })] }), page({ url: url('/members') })];
    expect(run('no-tracking-cookies-with-session-cookie', pages)).toEqual([]);
  });

  it('meta-pixel-in-noscript: the pixel contradicts "no advertising networks or social media companies"', () => {
    const pages = [page({ resources: [tracker('Facebook', { kind: 'img', via: 'noscript img[src]', noscript: true, url: 'https://www.facebook.com/tr?id=1&ev=PageView' })] })];
    const found = run('meta-pixel-in-noscript', pages);
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['trackers/undisclosed-third-party', 'undisclosedTracker', 'error', 'tracker:Facebook']]);
  });

  it('dnt-ignored: the DNT pass still loads Google Analytics; the named vendor is otherwise disclosed', () => {
    const pages = [page({ resources: ga('G-SUMMIT88') }), page({ url: url('/schedule'), resources: ga('G-SUMMIT88') })];
    const found = run('dnt-ignored', pages, { signals: { dnt: asPass('dnt', pages), wellKnown: {} } });
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['dnt/signal-ignored', 'dntTracker', 'error', 'dnt:tracker:Google Analytics']]);
    expect(found[0]?.claim).toMatch(/Do Not Track/);
  });

  it('dnt-honoured-server-side: the DNT pass comes without the tag', () => {
    const pages = [page({ resources: ga() }), page({ url: url('/shop'), resources: ga() })];
    expect(run('dnt-honoured-server-side', pages, { signals: { dnt: asPass('dnt', [page(), page({ url: url('/shop') })]), wellKnown: { tk: ['N'] } } })).toEqual([]);
  });

  it('gpc-honoured-for-one-vendor: only TikTok is reported', () => {
    const pixels = () => [tracker('Facebook'), tracker('TikTok')];
    const pages = [page({ resources: pixels() }), page({ url: url('/catalog'), resources: pixels() })];
    const gpc = asPass('gpc', [page({ resources: [tracker('TikTok')] }), page({ url: url('/catalog'), resources: [tracker('TikTok')] })]);
    const found = run('gpc-honoured-for-one-vendor', pages, { signals: { gpc, wellKnown: { gpcJson: { gpc: true } } } });
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['dnt/signal-ignored', 'gpcTracker', 'error', 'gpc:tracker:TikTok']]);
  });

  it('ga-through-gtm-container: the container contradicts "no third-party analytics or tracking"', () => {
    const container = () => [gtmContainer('GTM-NW7K2QX'), { ...gtmContainer('GTM-NW7K2QX'), kind: 'iframe' as const, via: 'noscript iframe[src]', noscript: true, url: 'https://www.googletagmanager.com/ns.html?id=GTM-NW7K2QX', vendor: undefined }];
    const pages = [page({ resources: container() }), page({ url: url('/trips'), resources: container() })];
    const found = run('ga-through-gtm-container', pages);
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['trackers/undisclosed-third-party', 'undisclosedTracker', 'error', 'tracker:Google Tag Manager']]);
  });

  it('form-email-under-collect-nothing: the newsletter form is reported', () => {
    const pages = [page(), page({ url: url('/newsletter'), forms: [form('/newsletter/subscribe', [field('email', { name: 'email' })])] })];
    const found = run('form-email-under-collect-nothing', pages);
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['collection/undisclosed-collection', 'formCollects', 'error', 'form:/newsletter/subscribe:email']]);
  });

  it('cookie-on-redirect-hop: the cookie on the 302 is reported, deletions are not', () => {
    const pages = [
      page({ url: url('/'), finalUrl: url('/welcome'), cookies: [headerCookie('pc_visitor', { raw: 'pc_visitor=8c1f77a2e0; Path=/; Max-Age=31536000; SameSite=Lax', responseUrl: url('/'), responseStatus: 302, persistent: true })] }),
      page({ url: url('/services'), cookies: [headerCookie('pc_banner', { raw: 'pc_banner=; Path=/; Max-Age=0' })] }),
    ];
    const found = run('cookie-on-redirect-hop', pages);
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key])).toEqual([['cookies/undisclosed-cookies', 'headerCookie', 'error', 'cookie:header:pc_visitor']]);
  });

  it('clean-site: an honest site gives nothing', () => {
    const matomo = { url: url('/matomo/matomo.js'), kind: 'script' as const, via: 'script[src]' };
    const pages = [
      page({ resources: [matomo], cookies: [headerCookie('hl_session', { persistent: false })] }),
      page({ url: url('/contact'), resources: [matomo], forms: [form('/contact/send', [field('name'), field('email')])] }),
    ];
    expect(run('clean-site', pages, { signals: { dnt: asPass('dnt', [page(), page({ url: url('/contact') })]), wellKnown: {} } })).toEqual([]);
  });

  it('allsmart-demo (the seed policy): cookies, Google Analytics and the contact form', () => {
    const pages = [
      page({ cookies: [headerCookie('allsmart_session')], resources: ga() }),
      page({ url: url('/about'), cookies: [headerCookie('_ga', { raw: '_ga=GA1.1.1843276590.1764000000; Path=/; Max-Age=63072000', persistent: true }), trackerCookie('_gid', 'Google Analytics')], resources: ga() }),
      page({ url: url('/contact'), forms: [form('/contact/send', [field('name'), field('email')])] }),
    ];
    const found = run('allsmart-demo', pages, {}, 'privacy-policy.html');
    expect(found.map((f) => [f.rule, f.messageId, f.severity, f.key]).sort()).toEqual(
      [
        ['collection/undisclosed-collection', 'formCollects', 'error', 'form:/contact/send:email,name'],
        ['cookies/undisclosed-cookies', 'headerCookie', 'error', 'cookie:header:_ga'],
        ['cookies/undisclosed-cookies', 'headerCookie', 'error', 'cookie:header:allsmart_session'],
        ['cookies/undisclosed-cookies', 'trackerCookie', 'warning', 'cookie:known-tracker:_gid'],
        ['trackers/undisclosed-third-party', 'undisclosedTracker', 'error', 'tracker:Google Analytics'],
      ].sort(),
    );
  });
});
