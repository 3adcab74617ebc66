import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPolicySource } from '../../../src/policy/read-document.js';
import rule, { denialReaches } from '../../../rules/policy/self-contradiction.js';
import { claim, context } from '../../helpers/evidence-builders.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const scoped = (limitedTo: string[], excludes: string[] = []) => ({ scope: { limitedTo, excludes } });

ruleTester(rule, {
  valid: [
    { name: 'a denial alone', context: context({ claims: [claim('cookies', 'denies', { quote: 'We do not use cookies.' })] }) },
    {
      name: 'a hedge next to a narrower denial',
      context: context({
        claims: [
          claim('tracking-cookies', 'denies', { quote: 'We do not use tracking cookies.', ...scoped(['tracking']) }),
          claim('cookies', 'permits', { quote: 'We may use cookies to remember your cart.' }),
        ],
      }),
    },
    {
      name: 'a scoped denial does not reach an affirmation of something else',
      context: context({
        claims: [
          claim('cookies', 'denies', { quote: 'We use no advertising cookies.', ...scoped(['advertising']) }),
          claim('cookies', 'affirms', { quote: 'We use a session cookie.', ...scoped(['session']) }),
        ],
      }),
    },
    {
      name: 'an exception is not contradicted by what it excepts',
      context: context({
        claims: [
          claim('cookies', 'denies', { quote: 'No cookies, except strictly necessary ones.', ...scoped([], ['strictly-necessary']) }),
          claim('cookies', 'affirms', { quote: 'Strictly necessary cookies keep you signed in.', ...scoped(['strictly-necessary']) }),
          claim('cookies', 'permits', { quote: 'We may use cookies.' }),
        ],
      }),
    },
    {
      name: 'different actors do not contradict',
      context: context({
        claims: [
          claim('cookies', 'denies', { quote: 'We do not set cookies.' }),
          claim('cookies', 'affirms', { quote: 'Our payment provider sets cookies.', actor: 'third-party' }),
        ],
      }),
    },
    {
      name: 'a denial narrowed by data types, children or a period is left alone',
      context: context({
        claims: [
          claim('collection', 'denies', { quote: 'We never see or store your full card number.', dataTypes: ['payment'] }),
          claim('collection', 'affirms', { quote: 'We collect your name and email address.' }),
          claim('sharing', 'denies', { quote: 'We have not shared any personal information in the preceding twelve (12) months.' }),
          claim('sharing', 'permits', { quote: 'We may share information with our service providers.' }),
          claim('sale', 'denies', { quote: 'We do not sell the personal information of consumers under 16.' }),
          claim('sale', 'affirms', { quote: 'We sell aggregated audience data to research firms.' }),
        ],
      }),
    },
    {
      name: 'selling, renting and trading are not all sharing',
      context: context({
        claims: [
          claim('sharing', 'denies', { quote: 'We never sell, rent or trade your details.' }),
          claim('sharing', 'affirms', { quote: 'Booking lists are shared with the volunteer who runs the talk.' }),
        ],
      }),
    },
    {
      name: 'vendor denials are contradicted only by the same vendor',
      context: context({
        claims: [
          claim('named-vendor', 'denies', { quote: 'We do not use Google Analytics.', vendors: ['Google Analytics'] }),
          claim('named-vendor', 'affirms', { quote: 'Payments are handled by Stripe.', vendors: ['Stripe'] }),
        ],
      }),
    },
    {
      name: 'conditional and low-confidence claims never count',
      context: context({
        claims: [
          claim('cookies', 'denies', { quote: 'We do not set cookies.' }),
          claim('cookies', 'conditional', { quote: 'If you accept, we set analytics cookies.' }),
          claim('cookies', 'affirms', { quote: 'We do use no cookies not.', confidence: 'low' }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'affirmation against an unscoped denial',
      context: context({
        claims: [
          claim('collection', 'denies', { id: 'c1', quote: 'We do not collect information from visitors.' }),
          claim('collection', 'affirms', { id: 'c2', quote: 'We collect your email address.' }),
        ],
      }),
      findings: [{ messageId: 'contradiction', severity: 'error', claimId: 'c1' }],
    },
    {
      name: 'a hedge against a denial is a warning',
      context: context({
        claims: [
          claim('cookies', 'permits', { id: 'c1', quote: 'We may use cookies for tracking purposes', ...scoped(['tracking']) }),
          claim('cookies', 'denies', { id: 'c2', quote: 'we do not collect cookies' }),
        ],
      }),
      findings: [{ messageId: 'hedgedContradiction', severity: 'warning', claimId: 'c2' }],
    },
    {
      name: 'a cookie denial reaches tracking cookies; one finding per topic',
      context: context({
        claims: [
          claim('cookies', 'denies', { id: 'c1', quote: 'This site sets no cookies.' }),
          claim('tracking-cookies', 'affirms', { id: 'c2', quote: 'We use analytics cookies.' }),
          claim('cookies', 'affirms', { id: 'c3', quote: 'Our shop uses cookies to keep your cart.' }),
        ],
      }),
      findings: [{ messageId: 'contradiction', claimId: 'c1' }],
    },
  ],
});

describe('policy/self-contradiction on real text', () => {
  it('finds exactly the seed policy’s two contradictions: collection and cookies', () => {
    const path = new URL('../../../fixtures/policies/allsmart-seed.txt', import.meta.url).pathname;
    const doc = readPolicySource({ url: 'https://allsmart.example/privacy', body: readFileSync(path, 'utf8'), kind: 'text' }, 'test');
    const findings = rule.check({ ...context({ claims: doc.claims, policy: doc }) });
    expect(findings.map((f) => f.evidence.topic).sort()).toEqual(['collection', 'cookies']);
    const cookies = findings.find((f) => f.evidence.topic === 'cookies');
    expect(cookies?.claim?.quote).toBe('we do not collect cookies');
    expect(cookies?.relatedClaims?.[0]?.quote).toBe('We may use cookies for tracking purposes');
    const collection = findings.find((f) => f.evidence.topic === 'collection');
    expect(collection?.claim?.quote).toMatch(/^We do not collect information from visitors of our site/);
    expect(collection?.relatedClaims?.map((c) => c.quote)).toContain('We collect your email address in order to:');
    expect(collection?.relatedClaims?.[0]?.line).toBeGreaterThan(collection?.claim?.line ?? Infinity);
  });

  it('a hedge next to a narrower denial is no contradiction in text either', () => {
    const doc = readPolicySource(
      { url: 'https://x.example/privacy', body: 'We do not use tracking cookies.\n\nWe may use cookies to remember your basket.\n', kind: 'text' },
      'test',
    );
    expect(rule.check(context({ claims: doc.claims, policy: doc }))).toEqual([]);
  });

  it('a vendor named as the exception to a denial is disclosed, not denied', () => {
    const doc = readPolicySource(
      {
        url: 'https://x.example/privacy',
        body: 'We do not allow third-party tracking on our site, except Google Analytics, which we use to count visits.\n\nGoogle Analytics sets the _ga cookie.\n',
        kind: 'text',
      },
      'test',
    );
    expect(doc.claims.find((c) => c.topic === 'named-vendor')?.stance).toBe('affirms');
    expect(rule.check(context({ claims: doc.claims, policy: doc }))).toEqual([]);
  });

  it('scope coverage', () => {
    const deny = claim('cookies', 'denies', scoped(['tracking']));
    expect(denialReaches(deny, claim('cookies', 'affirms', scoped(['tracking'])))).toBe(true);
    expect(denialReaches(deny, claim('cookies', 'affirms'))).toBe(false);
    expect(denialReaches(claim('cookies', 'denies'), claim('cookies', 'permits', scoped(['session'])))).toBe(true);
  });
});
