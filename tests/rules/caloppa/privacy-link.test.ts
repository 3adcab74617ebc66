// Tests for caloppa/privacy-link: link text, redirects to the policy, no policy, broken links.
import rule from '../../../rules/caloppa/privacy-link.js';
import { HOME, POLICY_URL, context, link, page, url } from '../../helpers/evidence-builders.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const ok = { url: POLICY_URL, status: 200, finalUrl: POLICY_URL };
const home = (links: ReturnType<typeof link>[], extra = {}) => page({ links, ...extra });

ruleTester(rule, {
  valid: [
    { name: 'footer "Privacy Policy" link to the policy, answering 200', context: context({ pages: [home([link('/privacy', 'Privacy Policy')])], site: { policyLinkChecks: [ok] } }) },
    { name: '"Privacy & Cookies" counts', context: context({ pages: [home([link('/about', 'About'), link('/privacy', 'Privacy & Cookies', { region: 'nav' })])] }) },
    { name: 'an icon link labelled by aria-label', context: context({ pages: [home([link('/privacy/', '', { ariaLabel: 'Privacy policy' })])] }) },
    {
      name: 'a privacy link that redirects to the policy',
      context: context({ pages: [home([link('/privacy', 'Privacy')])], site: { policyLinkChecks: [{ url: url('/privacy'), status: 200, finalUrl: url('/legal/privacy-policy') }] }, policy: null, claims: [] }),
    },
    {
      name: 'redirect target equals the found policy',
      context: {
        ...context({ pages: [home([link('/p', 'Privacy notice')])], site: { policyLinkChecks: [{ url: url('/p'), status: 200, finalUrl: url('/legal/privacy') }] } }),
        policy: { url: url('/legal/privacy'), foundBy: 'link', text: '', sentences: [], claims: [] },
      },
    },
    { name: 'no policy found, but a privacy link exists and works', context: context({ policy: null, pages: [home([link('/privacy', 'PRIVACY')])], site: { policyLinkChecks: [{ url: url('/privacy'), status: 200 }] } }) },
    { name: 'a home page that is not HTML', context: context({ pages: [home([], { contentType: 'application/json' })] }) },
    {
      name: 'home page found after a redirect, not first in crawl order',
      context: context({
        pages: [page({ url: url('/about'), links: [] }), page({ url: 'http://shop.example/', finalUrl: HOME, links: [link('/privacy', 'Your privacy')] })],
      }),
    },
    { name: 'option words: a German "Datenschutz" link', context: context({ options: { words: ['Datenschutz'] }, pages: [home([link('/privacy', 'Datenschutzerklärung')])] }) },
  ],
  invalid: [
    {
      name: 'no link to the policy at all',
      context: context({ pages: [home([link('/about', 'About us')])] }),
      findings: [{ messageId: 'missingLink', severity: 'error', evidenceKey: 'privacy-link:missing', urls: [HOME] }],
    },
    {
      name: 'the only link to the policy says "Legal"',
      context: context({ pages: [home([link('/privacy', 'Legal')])] }),
      findings: [{ messageId: 'unlabelledLink', severity: 'warning', evidenceKey: 'privacy-link:unlabelled:/privacy' }],
    },
    {
      name: '"Cookie Policy" alone does not count; a privacy link elsewhere does not lead to the policy',
      context: context({ pages: [home([link('/privacy', 'Cookie Policy'), link('/privacy-choices', 'Your Privacy Choices')])] }),
      findings: [{ messageId: 'unlabelledLink', severity: 'warning' }],
    },
    {
      name: 'no policy found and only a "Legal" link',
      context: context({ policy: null, pages: [home([link('/legal', 'Legal')])] }),
      findings: [{ messageId: 'missingLink', severity: 'error' }],
    },
    {
      name: 'a privacy link that leads somewhere other than the policy',
      context: context({ pages: [home([link('/privacy-choices', 'Privacy choices')])] }),
      findings: [{ messageId: 'missingLink', severity: 'error' }],
    },
    {
      name: 'no policy found, but "Legal" leads to a crawled page titled "Privacy Policy"',
      context: context({
        policy: null,
        pages: [home([link('/legal', 'Legal'), link('/terms', 'Terms of Use')], { title: 'Privacy-first insurance | Home' }), page({ url: url('/legal'), title: 'Privacy Policy | Granite Peak' }), page({ url: url('/terms'), title: 'Terms of Use' })],
      }),
      findings: [{ messageId: 'unlabelledLink', severity: 'warning', evidenceKey: 'privacy-link:unlabelled:/legal' }],
    },
    {
      name: 'a "Legal" link the crawl saw redirect to the policy',
      context: context({ pages: [home([link('/legal', 'Legal')]), page({ url: url('/legal'), finalUrl: POLICY_URL })] }),
      findings: [{ messageId: 'unlabelledLink', severity: 'warning' }],
    },
    {
      name: 'the privacy link answers 404',
      context: context({ policy: null, pages: [home([link('/privacy', 'Privacy')])], site: { policyLinkChecks: [{ url: url('/privacy'), status: 404 }] } }),
      findings: [{ messageId: 'brokenLink', severity: 'error', evidenceKey: 'privacy-link:broken:/privacy' }],
    },
    {
      name: 'the privacy link fails (timeout), listed once even if checked twice',
      context: context({
        policy: null,
        pages: [home([link('/privacy', 'Privacy')])],
        site: { policyLinkChecks: [{ url: url('/privacy'), status: 0, error: 'timeout after 10000 ms' }, { url: url('/privacy'), status: 0, error: 'timeout after 10000 ms' }] },
      }),
      findings: [{ messageId: 'brokenLink', severity: 'error' }],
    },
    {
      name: 'the home page is chosen by its final URL, not crawl order',
      context: context({ pages: [page({ url: url('/about'), links: [link('/privacy', 'Privacy')] }), page({ url: 'http://shop.example/', finalUrl: HOME, links: [] })] }),
      findings: [{ messageId: 'missingLink', urls: ['http://shop.example/'] }],
    },
  ],
});

describe('caloppa/privacy-link evidence', () => {
  it('shows the links that lead to the policy and the failing check', () => {
    const findings = rule.check(
      context({ pages: [home([link('/privacy', 'Legal', { region: 'footer' })])], site: { policyLinkChecks: [{ url: POLICY_URL, status: 500 }] } }),
    );
    expect(findings.map((f) => f.messageId)).toEqual(['unlabelledLink', 'brokenLink']);
    expect(findings[0]?.evidence).toMatchObject({ policyUrl: POLICY_URL, linksToPolicy: [{ href: POLICY_URL, text: 'Legal', region: 'footer' }] });
    expect(findings[1]?.evidence).toMatchObject({ link: POLICY_URL, status: 500, linkOnHomePage: { text: 'Legal' } });
  });
});
