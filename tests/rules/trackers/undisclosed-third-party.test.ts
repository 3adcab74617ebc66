// Tests for trackers/undisclosed-third-party: topic reach, named vendors, first party, non-loads.
import rule from '../../../rules/trackers/undisclosed-third-party.js';
import { claim, context, gtag, gtmContainer, page, tracker, url } from '../../helpers/evidence-builders.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const noTracking = () => claim('third-party-tracking', 'denies', { id: 'deny', quote: 'We do not allow third-party behavioral tracking.' });
const ga = () => tracker('Google Analytics');

ruleTester(rule, {
  valid: [
    { name: 'no denial: the policy affirms third-party tracking', context: context({ claims: [claim('third-party-tracking', 'affirms')], pages: [page({ resources: [ga()] })] }) },
    { name: 'hedged "we may allow third parties" is not a denial', context: context({ claims: [claim('third-party-tracking', 'permits')], pages: [page({ resources: [ga()] })] }) },
    {
      name: 'a vendor the policy names is disclosed',
      context: context({ claims: [noTracking(), claim('named-vendor', 'affirms', { vendors: ['Google Analytics'] })], pages: [page({ resources: [ga()] })] }),
    },
    {
      name: 'config disclosed "Google" covers Google Analytics and Google Tag Manager',
      context: context({ claims: [noTracking()], disclosed: { vendors: ['Google'] }, pages: [page({ resources: [ga(), tracker('Google Tag Manager')] })] }),
    },
    {
      name: 'a vendor written inside the exception of a denial is not denied, whatever the extractor says',
      context: context({
        claims: [
          claim('third-party-tracking', 'denies', { quote: 'We do not allow third-party tracking on our site, except Google Analytics.', scope: { excludes: ['analytics'], limitedTo: ['tracking', 'third-party'] } }),
          claim('named-vendor', 'denies', { vendors: ['Google Analytics'], quote: 'We do not allow third-party tracking on our site, except Google Analytics.' }),
        ],
        pages: [page({ resources: [ga()] })],
      }),
    },
    {
      name: '"no advertising networks" does not reach analytics',
      context: context({ claims: [claim('third-party-tracking', 'denies', { scope: { excludes: [], limitedTo: ['advertising'] } })], pages: [page({ resources: [ga(), tracker('Hotjar')] })] }),
    },
    {
      name: 'Google Analytics loaded through gtag.js (a Tag Manager URL) is disclosed by naming Google Analytics',
      context: context({
        claims: [noTracking(), claim('named-vendor', 'affirms', { vendors: ['Google Analytics'] })],
        pages: [page({ resources: [gtag('G-CEDAR314', { named: false }), gtag('G-CEDAR314')] })],
      }),
    },
    {
      name: 'denials read from a sentence about children do not reach the site at large',
      context: context({
        claims: [
          claim('behavioral-advertising', 'denies', { quote: 'On pages aimed at children under 13, we turn off personalised ads and Google Analytics.', location: { url: 'https://shop.example/privacy', line: 70 } }),
          claim('named-vendor', 'denies', { vendors: ['Google Analytics'], quote: 'On pages aimed at children under 13, we turn off personalised ads and Google Analytics.', location: { url: 'https://shop.example/privacy', line: 70 } }),
          claim('children', 'affirms', { quote: 'On pages aimed at children under 13, we turn off personalised ads and Google Analytics.', location: { url: 'https://shop.example/privacy', line: 70 } }),
          claim('named-vendor', 'denies', { vendors: ['Facebook'], scope: { excludes: [], limitedTo: ['children'] } }),
        ],
        pages: [page({ resources: [ga(), tracker('Facebook')] })],
      }),
    },
    { name: 'a font CDN is not a tracker', context: context({ claims: [noTracking()], pages: [page({ resources: [tracker('Google Fonts', { kind: 'link', via: 'link[rel=stylesheet]' })] })] }) },
    {
      name: 'consent-held scripts, resource hints and anchors are not loads',
      context: context({
        claims: [noTracking()],
        pages: [page({ resources: [tracker('Google Analytics', { notLoaded: 'consent-held' }), tracker('Facebook', { kind: 'link', notLoaded: 'resource-hint' }), tracker('TikTok', { notLoaded: 'anchor' })] })],
      }),
    },
    { name: '"we do not share with outside parties" does not reach analytics', context: context({ claims: [claim('sharing', 'denies')], pages: [page({ resources: [ga()] })] }) },
    { name: 'self-hosted analytics is first-party', context: context({ claims: [noTracking()], pages: [page({ resources: [{ url: url('/matomo.js'), kind: 'script', via: 'script[src]' }] })] }) },
    {
      name: 'a domain the config declares first-party',
      context: context({
        claims: [noTracking()],
        disclosed: { firstPartyDomains: ['shopstats.example'] },
        pages: [page({ resources: [tracker({ domain: 'shopstats.example', categories: ['analytics'], tracker: true })] })],
      }),
    },
  ],
  invalid: [
    {
      name: 'GA on three pages and a Meta Pixel in <noscript>: one finding per vendor',
      context: context({
        claims: [noTracking()],
        pages: [
          page({ resources: [ga(), tracker('Facebook', { kind: 'img', via: 'noscript img[src]', noscript: true, url: 'https://www.facebook.com/tr?id=1&ev=PageView' })] }),
          page({ url: url('/about'), resources: [ga(), ga()] }),
          page({ url: url('/blog'), resources: [tracker('Google Analytics', { kind: 'inline-script', via: "gtag('config','G-XYZ')" })] }),
        ],
      }),
      findings: [
        { messageId: 'undisclosedTracker', severity: 'error', evidenceKey: 'tracker:Google Analytics', urls: [url('/'), url('/about'), url('/blog')], claimId: 'deny' },
        { messageId: 'undisclosedTracker', severity: 'error', evidenceKey: 'tracker:Facebook', urls: [url('/')] },
      ],
    },
    {
      name: 'a vendor named inside a denial stays undisclosed, even when the config lists it',
      context: context({
        claims: [claim('named-vendor', 'denies', { id: 'no-ga', vendors: ['Google Analytics'], quote: 'We do not use Google Analytics.' })],
        disclosed: { vendors: ['Google Analytics'] },
        pages: [page({ resources: [ga(), tracker('Facebook')] })],
      }),
      findings: [{ messageId: 'deniedVendor', evidenceKey: 'tracker:Google Analytics', claimId: 'no-ga' }],
    },
    {
      name: 'the named denial is cited over the general one',
      context: context({
        claims: [noTracking(), claim('named-vendor', 'denies', { id: 'no-meta', vendors: ['Meta'] })],
        pages: [page({ resources: [tracker('Facebook'), ga()] })],
      }),
      findings: [
        { messageId: 'deniedVendor', evidenceKey: 'tracker:Facebook', claimId: 'no-meta' },
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:Google Analytics', claimId: 'deny' },
      ],
    },
    {
      name: 'no behavioural advertising reaches ad and social vendors, not analytics',
      context: context({ claims: [claim('behavioral-advertising', 'denies')], pages: [page({ resources: [ga(), tracker('Google/Doubleclick Ads'), tracker('TikTok')] })] }),
      findings: [
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:Google/Doubleclick Ads' },
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:TikTok' },
      ],
    },
    {
      name: '"we do not use analytics" reaches session recording',
      context: context({ claims: [claim('analytics', 'denies')], pages: [page({ resources: [tracker('Hotjar'), tracker('Facebook')] })] }),
      findings: [{ messageId: 'undisclosedTracker', evidenceKey: 'tracker:Hotjar' }],
    },
    {
      name: '"no advertising networks or social media" (scoped to advertising) reaches the Meta Pixel',
      context: context({ claims: [claim('third-party-tracking', 'denies', { scope: { excludes: [], limitedTo: ['advertising'] } })], pages: [page({ resources: [tracker('Facebook'), ga()] })] }),
      findings: [{ messageId: 'undisclosedTracker', evidenceKey: 'tracker:Facebook' }],
    },
    {
      name: 'a GTM container is a tracker of its own; gtag.js with a G- id is Google Analytics (analytics)',
      context: context({ claims: [claim('analytics', 'denies'), noTracking()], pages: [page({ resources: [gtmContainer('GTM-NW7K2QX'), gtag('G-ABC', { named: false })] })] }),
      findings: [
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:Google Tag Manager', claimId: 'deny' },
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:Google Analytics' },
      ],
    },
    {
      name: 'the fbq() snippet ("Meta Pixel") and its <noscript> pixel are one vendor',
      context: context({
        claims: [noTracking()],
        pages: [page({ resources: [tracker('Facebook', { kind: 'inline-script', via: "fbq('init')", vendor: 'Meta Pixel', tagId: '123' }), tracker('Facebook', { kind: 'img', noscript: true, url: 'https://www.facebook.com/tr?id=123' })] })],
      }),
      findings: [{ messageId: 'undisclosedTracker', evidenceKey: 'tracker:Facebook' }],
    },
    {
      name: 'a tracker without a known category: only the blanket denial reaches it',
      context: context({
        claims: [claim('sharing', 'denies'), claim('third-party-tracking', 'denies', { id: 'blanket' })],
        pages: [page({ resources: [tracker({ domain: 'clarity.ms', entity: 'Clarity', categories: ['utility'], tracker: true })] })],
      }),
      findings: [{ messageId: 'undisclosedTracker', evidenceKey: 'tracker:Clarity', claimId: 'blanket' }],
    },
    {
      name: 'a low-confidence denial gives a warning',
      context: context({ claims: [claim('third-party-tracking', 'denies', { confidence: 'low' })], pages: [page({ resources: [ga()] })] }),
      findings: [{ messageId: 'undisclosedTracker', severity: 'warning' }],
    },
    {
      name: 'a tracker third-party-web does not know is keyed by domain; one entity on two domains is one finding',
      context: context({
        claims: [noTracking()],
        pages: [
          page({ resources: [tracker({ domain: 'trk.example', categories: ['ad'], tracker: true }), tracker('Google/Doubleclick Ads')] }),
          page({ url: url('/x'), resources: [tracker({ domain: 'googlesyndication.com', entity: 'Google/Doubleclick Ads', categories: ['ad'], tracker: true })] }),
        ],
      }),
      findings: [
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:trk.example' },
        { messageId: 'undisclosedTracker', evidenceKey: 'tracker:Google/Doubleclick Ads', urls: [url('/'), url('/x')] },
      ],
    },
    {
      name: 'a scope exception names one vendor; the others still fire',
      context: context({
        claims: [claim('third-party-tracking', 'denies', { scope: { excludes: ['Google Analytics'], limitedTo: [] } })],
        pages: [page({ resources: [ga(), tracker('Facebook')] })],
      }),
      findings: [{ messageId: 'undisclosedTracker', evidenceKey: 'tracker:Facebook' }],
    },
  ],
});

describe('trackers/undisclosed-third-party evidence', () => {
  it('lists entity, domains, categories and how each example was loaded', () => {
    const [finding] = rule.check(
      context({
        claims: [noTracking()],
        pages: [
          page({ resources: [tracker('Google/Doubleclick Ads', { kind: 'img', via: 'noscript img[src]', noscript: true })] }),
          page({ url: url('/x'), resources: [tracker({ domain: 'googlesyndication.com', entity: 'Google/Doubleclick Ads', categories: ['ad'], tracker: true })] }),
        ],
      }),
    );
    expect(finding?.evidence).toMatchObject({
      thirdParty: { entity: 'Google/Doubleclick Ads', domains: ['doubleclick.net', 'googlesyndication.com'], categories: ['ad'] },
      loads: 2,
      examples: [
        { page: url('/'), kind: 'img', via: 'noscript img[src]', noscript: true },
        { page: url('/x'), kind: 'script', via: 'script[src]' },
      ],
    });
    expect(finding?.data).toMatchObject({ vendor: 'Google/Doubleclick Ads', categories: 'advertising', pages: 2 });
  });
});
