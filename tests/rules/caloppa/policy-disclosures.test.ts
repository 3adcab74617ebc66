import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/caloppa/policy-disclosures.js';
import { readPolicySource } from '../../../src/policy/read-document.js';
import { claim, context, page, policy, tracker, url } from '../../helpers/evidence-builders.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const complete = () => [
  claim('collection', 'affirms', { quote: 'We collect your email address.' }),
  claim('sharing', 'denies', { quote: 'We do not share it with anyone.' }),
  claim('review-process', 'affirms', { quote: 'Email us to see or correct your details.' }),
  claim('change-notification', 'affirms', { quote: 'We will post changes on this page.' }),
  claim('effective-date', 'affirms', { quote: 'Effective 1 March 2025.', date: '2025-03-01' }),
  claim('dnt', 'denies', { quote: 'We do not respond to Do Not Track signals.' }),
  claim('third-party-tracking', 'denies', { quote: 'We do not allow third parties to track you across sites.' }),
];

const without = (...topics: string[]) => complete().filter((c) => !topics.includes(c.topic));

ruleTester(rule, {
  valid: [
    { name: 'every item disclosed', context: context({ claims: complete() }) },
    {
      name: 'a denial of DNT is still a disclosure of the response',
      context: context({ claims: without('dnt').concat(claim('dnt', 'denies', { quote: 'We do not honour DNT.' })) }),
    },
    {
      name: 'a DNT sentence with a link meets (b)(7)',
      context: context({
        claims: without('dnt'),
        policy: policy(without('dnt'), {
          sentences: [{ text: 'For Do Not Track choices see https://optout.example/.', line: 3 }],
        }),
      }),
    },
    {
      name: 'an unreadable policy is coverage, not a violation',
      context: context({ claims: [], policy: policy([], { coverageNote: 'The policy is a PDF.' }) }),
    },
  ],
  invalid: [
    {
      name: 'categories missing (b)(1)',
      context: context({ claims: without('collection') }),
      findings: [{ messageId: 'missingCategories', severity: 'error', evidenceKey: '22575(b)(1)' }],
    },
    {
      name: 'review process missing is a warning (b)(2)',
      context: context({ claims: without('review-process') }),
      findings: [{ messageId: 'missingReviewProcess', severity: 'warning' }],
    },
    {
      name: 'change notice and effective date missing (b)(3), (b)(4)',
      context: context({ claims: without('change-notification', 'effective-date') }),
      findings: [
        { messageId: 'missingChangeNotice', severity: 'error' },
        { messageId: 'missingEffectiveDate', severity: 'error' },
      ],
    },
    {
      name: 'DNT and tracking missing without trackers are warnings (b)(5), (b)(6)',
      context: context({ claims: without('dnt', 'third-party-tracking'), pages: [page({ resources: [tracker('Google Analytics')] })] }),
      findings: [
        { messageId: 'missingDntResponse', severity: 'warning' },
        { messageId: 'missingThirdPartyTracking', severity: 'warning' },
      ],
    },
    {
      name: 'cross-site trackers make (b)(5), (b)(6) errors',
      context: context({
        claims: without('dnt', 'third-party-tracking'),
        pages: [page(), page({ url: url('/shop'), resources: [tracker('Facebook')] })],
      }),
      findings: [
        { messageId: 'missingDntResponse', severity: 'error' },
        { messageId: 'missingThirdPartyTracking', severity: 'error' },
      ],
    },
  ],
});

describe('caloppa/policy-disclosures on real text', () => {
  it('the seed policy lacks only an effective date', () => {
    const path = new URL('../../../fixtures/policies/allsmart-seed.txt', import.meta.url).pathname;
    const doc = readPolicySource({ url: 'https://allsmart.example/privacy', body: readFileSync(path, 'utf8'), kind: 'text' }, 'test');
    const findings = rule.check(context({ claims: doc.claims, policy: doc }));
    expect(findings.map((f) => f.messageId)).toEqual(['missingEffectiveDate']);
  });

  it('the statute is cited in the evidence', () => {
    const [finding] = rule.check(context({ claims: without('effective-date') }));
    expect(finding?.evidence.statute).toBe('Cal. Bus. & Prof. Code §22575(b)(4)');
  });
});
