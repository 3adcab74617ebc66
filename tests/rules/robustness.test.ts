// Crawled sites are untrusted: the evidence rules must never throw on odd or partial
// evidence, and a finding must stay bounded however many pages repeat the same evidence.
import { describe, expect, it } from 'vitest';
import privacyLink from '../../rules/caloppa/privacy-link.js';
import undisclosedCollection from '../../rules/collection/undisclosed-collection.js';
import undisclosedCookies from '../../rules/cookies/undisclosed-cookies.js';
import signalIgnored from '../../rules/dnt/signal-ignored.js';
import undisclosedThirdParty from '../../rules/trackers/undisclosed-third-party.js';
import type { Rule, RuleContext } from '../../rules/types.js';
import type { CookieSource, PageEvidence, PersonalDataType } from '../../src/evidence/types.js';
import type { Claim, ClaimTopic } from '../../src/policy/types.js';
import { claim, context, field, form, headerCookie, link, page, tracker, url } from '../helpers/evidence-builders.js';
import { checkFindingContract, deepFreeze } from '../helpers/rule-tester.js';

const RULES: Rule[] = [privacyLink, undisclosedCollection, undisclosedCookies, signalIgnored, undisclosedThirdParty];

/** Small seeded generator so a failure reproduces. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ODD_STRINGS = ['', ' ', 'not a url', 'javascript:alert(1)', '//evil.example/x', 'https://', 'https://shop.example/%zz', '\u0000\u001b[31m', 'é'.repeat(50), 'x'.repeat(20_000), 'privacy', '__proto__', 'constructor', '*', '<>'];
const TOPICS: ClaimTopic[] = ['cookies', 'tracking-cookies', 'analytics', 'third-party-tracking', 'behavioral-advertising', 'sharing', 'sale', 'collection', 'dnt', 'gpc', 'named-vendor', 'named-cookie'];
const STANCES: Claim['stance'][] = ['denies', 'affirms', 'permits', 'conditional'];
const SOURCES: CookieSource[] = ['header', 'meta', 'inline-script', 'known-tracker'];
const TYPES: PersonalDataType[] = ['email', 'name', 'phone', 'address', 'payment', 'birthdate', 'other-personal'];

function randomContext(seed: number): RuleContext {
  const rnd = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const odd = () => pick(ODD_STRINGS);
  const maybe = <T>(v: T): T | undefined => (rnd() < 0.3 ? undefined : v);
  const pages: PageEvidence[] = [];
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const p = page({
      url: rnd() < 0.5 ? url(`/p${i}`) : odd(),
      links: [link('/privacy', odd()), { href: odd(), text: odd(), region: 'other' }],
      cookies: [headerCookie(odd(), { raw: odd(), source: pick(SOURCES), ...(rnd() < 0.3 ? { domain: odd() } : {}), ...(rnd() < 0.3 ? { vendor: odd() } : {}) })],
      resources: [
        tracker('Google Analytics', { url: odd(), gatedOn: rnd() < 0.2 ? ['dnt', 'gpc'] : [] }),
        tracker({ domain: odd(), categories: [odd(), 'ad', 'social'], tracker: true, ...(rnd() < 0.5 ? { entity: odd() } : {}) }),
      ],
      forms: [{ action: odd(), method: odd(), fields: [field(pick(TYPES), { name: odd(), label: odd() })] }, form('/contact', [])],
      scriptSignals: { readsDnt: true, readsGpc: true, dntGated: [odd()], gpcGated: [odd()] },
    });
    // Artifacts from older or foreign writers may lack arrays the contract lists.
    if (rnd() < 0.2) (p as Partial<PageEvidence>).links = undefined;
    if (rnd() < 0.2) (p as Partial<PageEvidence>).cookies = undefined;
    pages.push(p);
  }
  const claims = Array.from({ length: Math.floor(rnd() * 6) }, () =>
    claim(pick(TOPICS), pick(STANCES), {
      actor: rnd() < 0.8 ? 'first-party' : 'third-party',
      scope: { excludes: [odd()], limitedTo: rnd() < 0.5 ? [] : [odd()] },
      quote: odd(),
      confidence: rnd() < 0.5 ? 'high' : 'low',
      ...(rnd() < 0.5 ? { dataTypes: [odd(), 'email'] } : {}),
      ...(rnd() < 0.5 ? { vendors: [odd(), 'Google'] } : {}),
      ...(rnd() < 0.5 ? { cookies: [odd(), '_ga*'] } : {}),
    }),
  );
  return context({
    pages,
    claims,
    ...(rnd() < 0.3 ? { policy: null } : {}),
    disclosed: { vendors: [odd()], cookies: [odd()], firstPartyDomains: [odd()] },
    options: { words: rnd() < 0.5 ? [odd(), 3, null] : 'privacy' },
    site: {
      homeUrl: rnd() < 0.7 ? url('/') : odd(),
      policyLinkChecks: [{ url: odd(), status: Math.floor(rnd() * 600), ...(rnd() < 0.3 ? { error: odd() } : {}), ...(rnd() < 0.3 ? { finalUrl: odd() } : {}) }],
      signals: { dnt: maybe(pages.map((p) => ({ ...p, pass: 'dnt' as const }))), gpc: maybe(pages), wellKnown: { gpcJson: { gpc: rnd() < 0.5 }, dntPolicy: rnd() < 0.5 } },
    },
  });
}

describe('evidence rules on untrusted input', () => {
  for (const rule of RULES) {
    it(`${rule.meta.id} never throws and keeps its finding contract on 300 odd sites`, () => {
      let findings = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const ctx = randomContext(seed * 7919);
        const out = rule.check(deepFreeze(ctx));
        for (const f of out) {
          checkFindingContract(rule, ctx, f, { hostFreeKey: false });
          expect(JSON.stringify(f).length, `seed ${seed}: finding size`).toBeLessThan(80_000);
        }
        findings += out.length;
      }
      // The generator is meant to provoke findings too, or it would test nothing.
      expect(findings).toBeGreaterThan(0);
    });
  }

  it('a tag and a cookie on 1,000 pages are one finding each, with bounded evidence', () => {
    const pages = Array.from({ length: 1000 }, (_, i) => page({ url: url(`/p/${i}`), resources: [tracker('Facebook')], cookies: [headerCookie('_fbp')], forms: [form('/subscribe', [field('email')])] }));
    const ctx = context({
      pages,
      claims: [claim('third-party-tracking', 'denies'), claim('cookies', 'denies'), claim('collection', 'denies')],
      site: { signals: { dnt: pages, wellKnown: { dntPolicy: true } } },
    });
    for (const rule of [undisclosedThirdParty, undisclosedCookies, undisclosedCollection, signalIgnored]) {
      const out = rule.check(deepFreeze(structuredClone(ctx)));
      expect(out.length, rule.meta.id).toBe(rule === signalIgnored ? 2 : 1);
      for (const f of out) {
        expect(f.urls).toHaveLength(1000);
        // Everything but the page list stays small.
        const withoutPageLists = JSON.stringify(f.evidence, (key, value: unknown) => (key === 'urls' ? undefined : value));
        expect(withoutPageLists.length, rule.meta.id).toBeLessThan(5_000);
      }
    }
  });
});
