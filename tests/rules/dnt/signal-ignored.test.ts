// Tests for dnt/signal-ignored: server-side and in-browser honouring, GPC scope, bases.
import rule from '../../../rules/dnt/signal-ignored.js';
import type { PageEvidence, SignalsEvidence } from '../../../src/evidence/types.js';
import { claim, context, gtag, headerCookie, metaCookie, page, tracker, url } from '../../helpers/evidence-builders.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const honoursDnt = () => claim('dnt', 'affirms', { id: 'dnt', quote: 'We honor Do Not Track signals and do not track when DNT is on.' });
const honoursGpc = () => claim('gpc', 'affirms', { id: 'gpc', quote: 'We treat Global Privacy Control as an opt-out of sale and sharing.' });
const ga = () => tracker('Google Analytics');
const fb = () => tracker('Facebook');

const pass = (p: 'dnt' | 'gpc', pages: PageEvidence[]) => pages.map((x) => ({ ...x, pass: p }));
function signals(s: Partial<SignalsEvidence>): { signals: SignalsEvidence } {
  return { signals: { wellKnown: {}, ...s } };
}
const normal = [page({ resources: [ga(), fb()], cookies: [headerCookie('_ga', { persistent: true })] }), page({ url: url('/about'), resources: [ga()] })];

ruleTester(rule, {
  valid: [
    { name: 'no signals pass: not applicable', context: context({ claims: [honoursDnt()], pages: normal }) },
    { name: '"we don\'t honor DNT" is no promise', context: context({ claims: [claim('dnt', 'denies')], pages: normal, site: signals({ dnt: pass('dnt', normal) }) }) },
    { name: 'no promise at all', context: context({ pages: normal, site: signals({ dnt: pass('dnt', normal), gpc: pass('gpc', normal) }) }) },
    { name: 'DNT honoured server-side: the DNT pass gets no trackers', context: context({ claims: [honoursDnt()], pages: normal, site: signals({ dnt: pass('dnt', [page(), page({ url: url('/about') })]) }) }) },
    {
      name: 'DNT honoured in the browser: loading is gated on navigator.doNotTrack',
      context: context({
        claims: [honoursDnt()],
        pages: normal,
        site: signals({ dnt: pass('dnt', [page({ resources: [ga(), tracker('Facebook', { gatedOn: ['dnt'] })], scriptSignals: { readsDnt: true, readsGpc: false, dntGated: ['Google Analytics'], gpcGated: [] } })]) }),
      }),
    },
    {
      name: 'a static gtag.js tag whose config call is gated on DNT is honoured',
      context: context({
        claims: [honoursDnt()],
        pages: normal,
        site: signals({ dnt: pass('dnt', [page({ resources: [gtag('G-X1', { named: false }), gtag('G-X1', { gatedOn: ['dnt'] })] })]) }),
      }),
    },
    {
      name: 'a GPC promise about analytics cookies only promises nothing about advertising',
      context: context({ claims: [claim('gpc', 'affirms', { quote: 'We treat a Global Privacy Control signal as a request to reject analytics cookies.' })], pages: normal, site: signals({ gpc: pass('gpc', [page({ resources: [fb()] })]) }) }),
    },
    { name: 'GPC does not cover analytics', context: context({ claims: [honoursGpc()], pages: normal, site: signals({ gpc: pass('gpc', [page({ resources: [ga()], cookies: [headerCookie('_ga')] })]) }) }) },
    {
      name: 'gpc.json true and the pixel is gated on globalPrivacyControl by URL',
      context: context({
        pages: normal,
        site: signals({
          wellKnown: { gpcJson: { gpc: true } },
          gpc: pass('gpc', [page({ resources: [fb()], scriptSignals: { readsDnt: false, readsGpc: true, dntGated: [], gpcGated: ['https://connect.facebook.net/en_US/fbevents.js'] } })]),
        }),
      }),
    },
    { name: 'a session cookie under DNT is not tracking', context: context({ claims: [honoursDnt()], pages: normal, site: signals({ dnt: pass('dnt', [page({ cookies: [headerCookie('PHPSESSID')] })]) }) }) },
  ],
  invalid: [
    {
      name: 'DNT ignored: same trackers and tracking cookie with DNT: 1',
      context: context({ claims: [honoursDnt()], pages: normal, site: signals({ dnt: pass('dnt', normal) }) }),
      findings: [
        { messageId: 'dntTracker', severity: 'error', evidenceKey: 'dnt:tracker:Google Analytics', urls: [url('/'), url('/about')], claimId: 'dnt' },
        { messageId: 'dntTracker', severity: 'error', evidenceKey: 'dnt:tracker:Facebook', urls: [url('/')] },
        { messageId: 'dntCookie', severity: 'error', evidenceKey: 'dnt:cookie:header:_ga' },
      ],
    },
    {
      name: 'gtag.js is Google Analytics (an error), not only a tag manager; GPC leaves it alone',
      context: context({
        claims: [honoursDnt(), honoursGpc()],
        pages: normal,
        site: signals({ dnt: pass('dnt', [page({ resources: [gtag('G-SUMMIT88', { named: false }), gtag('G-SUMMIT88')] })]), gpc: pass('gpc', [page({ resources: [gtag('G-SUMMIT88')] })]) }),
      }),
      findings: [{ messageId: 'dntTracker', severity: 'error', evidenceKey: 'dnt:tracker:Google Analytics' }],
    },
    {
      name: 'DNT covers a tracker without a known category; GPC does not',
      context: context({
        claims: [honoursDnt(), honoursGpc()],
        pages: normal,
        site: signals({
          dnt: pass('dnt', [page({ resources: [tracker({ domain: 'clarity.ms', entity: 'Clarity', categories: ['utility'], tracker: true })] })]),
          gpc: pass('gpc', [page({ resources: [tracker({ domain: 'clarity.ms', entity: 'Clarity', categories: ['utility'], tracker: true })] })]),
        }),
      }),
      findings: [{ messageId: 'dntTracker', severity: 'error', evidenceKey: 'dnt:tracker:Clarity' }],
    },
    {
      name: 'gating Google Analytics does not honour the signal for another vendor on the same domain',
      context: context({
        claims: [honoursDnt()],
        pages: normal,
        site: signals({
          dnt: pass('dnt', [
            page({
              resources: [gtag('G-X1'), tracker('Google Tag Manager', { vendor: 'Google Tag Manager' })],
              scriptSignals: { readsDnt: true, readsGpc: false, dntGated: ['https://www.googletagmanager.com/gtag/js?id=G-X1'], gpcGated: [] },
            }),
          ]),
        }),
      }),
      findings: [{ messageId: 'dntTracker', severity: 'warning', evidenceKey: 'dnt:tracker:Google Tag Manager' }],
    },
    {
      name: 'merely reading navigator.doNotTrack is not honouring',
      context: context({
        claims: [honoursDnt()],
        pages: normal,
        site: signals({ dnt: pass('dnt', [page({ resources: [ga()], scriptSignals: { readsDnt: true, readsGpc: true, dntGated: [], gpcGated: [] } })]) }),
      }),
      findings: [{ messageId: 'dntTracker', evidenceKey: 'dnt:tracker:Google Analytics' }],
    },
    {
      name: 'gpc.json gpc: true and the GPC pass still loads the social pixel (not analytics)',
      context: context({ pages: normal, site: signals({ wellKnown: { gpcJson: { gpc: true } }, gpc: pass('gpc', normal) }) }),
      findings: [{ messageId: 'gpcTracker', severity: 'error', evidenceKey: 'gpc:tracker:Facebook' }],
    },
    {
      name: 'GPC honoured for one vendor and not another; an advertising cookie still set',
      context: context({
        claims: [honoursGpc()],
        pages: normal,
        site: signals({
          gpc: pass('gpc', [
            page({
              resources: [fb(), tracker('TikTok'), tracker('Google/Doubleclick Ads', { gatedOn: ['gpc'] })],
              cookies: [headerCookie('_fbp'), headerCookie('_ga')],
              scriptSignals: { readsDnt: false, readsGpc: true, dntGated: [], gpcGated: ['Facebook'] },
            }),
          ]),
        }),
      }),
      findings: [
        { messageId: 'gpcTracker', evidenceKey: 'gpc:tracker:TikTok', claimId: 'gpc' },
        { messageId: 'gpcCookie', evidenceKey: 'gpc:cookie:header:_fbp' },
      ],
    },
    {
      name: 'the Snap Pixel is advertising for GPC although third-party-web files Snapchat under analytics',
      context: context({
        claims: [honoursGpc()],
        pages: normal,
        site: signals({ gpc: pass('gpc', [page({ resources: [tracker({ domain: 'sc-static.net', entity: 'Snapchat', categories: ['analytics'], tracker: true }, { vendor: 'Snap Pixel' })] })]) }),
      }),
      findings: [{ messageId: 'gpcTracker', evidenceKey: 'gpc:tracker:Snapchat' }],
    },
    {
      name: 'the EFF dnt-policy.txt is a promise too, as a warning',
      context: context({ pages: normal, site: signals({ wellKnown: { dntPolicy: true }, dnt: pass('dnt', [page({ resources: [tracker('Hotjar')] })]) }) }),
      findings: [{ messageId: 'dntTracker', severity: 'warning', evidenceKey: 'dnt:tracker:Hotjar' }],
    },
    {
      name: 'a Tk: N answer is a promise too, as a warning',
      context: context({ pages: normal, site: signals({ wellKnown: { tk: ['N'] }, dnt: pass('dnt', [page({ resources: [fb()] })]) }) }),
      findings: [{ messageId: 'dntTracker', severity: 'warning', evidenceKey: 'dnt:tracker:Facebook' }],
    },
    {
      name: 'a tag manager alone is a warning; a low-confidence promise too',
      context: context({
        claims: [claim('dnt', 'affirms', { confidence: 'low' })],
        pages: normal,
        site: signals({ dnt: pass('dnt', [page({ resources: [tracker('Google Tag Manager')], cookies: [metaCookie('_gcl_au'), headerCookie('_clck')] })]) }),
      }),
      findings: [
        { messageId: 'dntTracker', severity: 'warning', evidenceKey: 'dnt:tracker:Google Tag Manager' },
        { messageId: 'dntCookie', severity: 'warning', evidenceKey: 'dnt:cookie:meta:_gcl_au' },
        { messageId: 'dntCookie', severity: 'warning', evidenceKey: 'dnt:cookie:header:_clck' },
      ],
    },
    {
      name: 'the specific promise is cited, not the cross-reference',
      context: context({
        claims: [claim('gpc', 'affirms', { id: 'xref', quote: 'We honour Global Privacy Control, as described below.' }), claim('gpc', 'affirms', { id: 'what', quote: 'We treat a GPC signal as a request to opt out of sale and sharing.' })],
        pages: normal,
        site: signals({ gpc: pass('gpc', [page({ resources: [fb()] })]) }),
      }),
      findings: [{ messageId: 'gpcTracker', claimId: 'what' }],
    },
    {
      name: 'both signals ignored at once',
      context: context({ claims: [honoursDnt(), honoursGpc()], pages: normal, site: signals({ dnt: pass('dnt', [page({ resources: [fb()] })]), gpc: pass('gpc', [page({ resources: [fb()] })]) }) }),
      findings: [
        { messageId: 'dntTracker', evidenceKey: 'dnt:tracker:Facebook', claimId: 'dnt' },
        { messageId: 'gpcTracker', evidenceKey: 'gpc:tracker:Facebook', claimId: 'gpc' },
      ],
    },
  ],
});

describe('dnt/signal-ignored evidence', () => {
  it('carries the signal, the basis and both passes', () => {
    const findings = rule.check(
      context({
        claims: [honoursDnt()],
        pages: [page({ resources: [fb()] }), page({ url: url('/about') })],
        site: signals({ dnt: pass('dnt', [page({ resources: [fb()], cookies: [headerCookie('_fbp', { responseStatus: 200 })] }), page({ url: url('/about'), resources: [fb()] })]) }),
      }),
    );
    const tracker = findings.find((f) => f.messageId === 'dntTracker');
    expect(tracker?.urls).toEqual([url('/'), url('/about')]);
    expect(tracker?.evidence).toMatchObject({
      signal: 'dnt',
      header: 'DNT: 1',
      basis: 'policy',
      thirdParty: { entity: 'Facebook', domain: 'facebook.net' },
      signalPass: { pages: 2 },
      normalPass: { pages: 1, sameAsWithoutSignal: false, onlyWithSignal: [url('/about')] },
    });
    const cookie = findings.find((f) => f.messageId === 'dntCookie');
    expect(cookie?.evidence).toMatchObject({ cookie: { name: '_fbp', kind: 'tracking', purpose: 'advertising' }, signalPass: { responseStatus: 200 }, normalPass: { pages: 0 } });
  });
});
