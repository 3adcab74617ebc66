/**
 * Literal reports for the formatter tests: a realistic one built on the AllSmart seed
 * policy, and a hostile one whose site text carries every payload a formatter must
 * neutralise. Plain objects, so the tests need no crawler and no rules.
 */
import type { RuleMeta } from '../../rules/types.js';
import type { LintReport, ReportFinding } from '../../src/report/types.js';
import { createFormatContext, type FormatContext } from '../../src/report/formatters/types.js';

/** ESC sequences, an OSC 8 link, BEL, script/img injection, ]]>, U+0001, U+FFFE, a lone surrogate, C1 controls. */
export const PAYLOAD =
  'A\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007 \u001b]0;title\u0007 bell\u0007 ' +
  '</script><img src=x onerror="window.__pwned=1"> ]]> \u0001 \uFFFE \uD800 \u0085\u009b31m \u009d8;;x\u009c ' +
  '@octocat #12 | *bold* [link](https://evil.example/) \r\n::error::fake %0A & \u202Egnp.exe';

export const rulesMeta: RuleMeta[] = [
  {
    id: 'caloppa/privacy-link',
    description: 'The home page links to the privacy policy with the word "privacy".',
    defaultSeverity: 'error',
    docs: 'rules/caloppa/privacy-link.md',
    messages: {},
    requires: { policy: false },
  },
  {
    id: 'cookies/undisclosed-cookies',
    description: 'The policy denies cookies the site sets.',
    defaultSeverity: 'error',
    docs: 'rules/cookies/undisclosed-cookies.md',
    messages: {},
    requires: { policy: true },
  },
  {
    id: 'dnt/signal-ignored',
    description: 'The policy honours Do Not Track but tracking continues under DNT: 1.',
    defaultSeverity: 'error',
    docs: 'rules/dnt/signal-ignored.md',
    messages: {},
    requires: { policy: true },
  },
  {
    id: 'trackers/undisclosed-third-party',
    description: 'Trackers load while the policy denies third-party tracking.',
    defaultSeverity: 'error',
    docs: 'rules/trackers/undisclosed-third-party.md',
    messages: {},
    requires: { policy: true },
  },
];

const POLICY = 'https://allsmart.example/privacy';

export function finding(overrides: Partial<ReportFinding> & Pick<ReportFinding, 'ruleId' | 'fingerprint'>): ReportFinding {
  return {
    severity: 'error',
    message: 'A finding',
    messageId: 'm',
    url: 'https://allsmart.example/',
    evidence: {},
    docs: `rules/${overrides.ruleId}.md`,
    ...overrides,
  };
}

export function sampleReport(): LintReport {
  const findings: ReportFinding[] = [
    finding({
      ruleId: 'cookies/undisclosed-cookies',
      fingerprint: 'aaaa0000000000000000000000000001',
      message: 'The policy says "We do not use cookies." but / sets sessionid',
      url: 'https://allsmart.example/',
      urls: ['https://allsmart.example/', 'https://allsmart.example/about'],
      claim: { id: 'c3', quote: 'We do not use cookies.', url: POLICY, line: 12, topic: 'cookies', stance: 'denies' },
      evidence: {
        cookies: [{ name: 'sessionid', source: 'header', raw: 'sessionid=abc; Path=/', responseUrl: 'https://allsmart.example/', responseStatus: 200 }],
      },
    }),
    finding({
      ruleId: 'dnt/signal-ignored',
      fingerprint: 'aaaa0000000000000000000000000002',
      severity: 'warning',
      message: 'The policy honours DNT but /blog still sets _ga under DNT: 1',
      url: 'https://allsmart.example/blog',
      claim: { id: 'c7', quote: 'We honor Do Not Track signals.', url: POLICY, line: 40, topic: 'dnt', stance: 'affirms' },
      evidence: { signal: 'dnt', cookies: [{ name: '_ga', source: 'header', raw: '_ga=GA1; Max-Age=63072000', responseUrl: 'https://allsmart.example/blog' }] },
    }),
    finding({
      ruleId: 'trackers/undisclosed-third-party',
      fingerprint: 'aaaa0000000000000000000000000003',
      message: 'The policy denies third-party tracking but /contact loads Google Analytics',
      url: 'https://allsmart.example/contact',
      claim: { id: 'c5', quote: 'We do not allow third-party behavioral tracking.', url: POLICY, line: 30 },
      evidence: { thirdParties: [{ domain: 'google-analytics.com', entity: 'Google Analytics', url: 'https://www.google-analytics.com/analytics.js' }] },
      baselined: true,
    }),
    finding({
      ruleId: 'trackers/undisclosed-third-party',
      fingerprint: 'aaaa0000000000000000000000000004',
      severity: 'warning',
      message: 'The policy denies third-party tracking but /legacy/old loads Hotjar',
      url: 'https://allsmart.example/legacy/old',
      claim: { id: 'c5', quote: 'We do not allow third-party behavioral tracking.', url: POLICY, line: 30 },
      evidence: { thirdParties: [{ domain: 'hotjar.com', entity: 'Hotjar' }] },
      suppressed: { reason: 'legacy section removed in Q1', expires: '2027-03-31' },
    }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'policy-lint', version: '0.1.0' },
    target: 'https://allsmart.example/',
    policy: {
      url: POLICY,
      foundBy: 'footer link "Privacy Policy"',
      claims: [
        { id: 'c3', topic: 'cookies', stance: 'denies', quote: 'We do not use cookies.', line: 12 },
        { id: 'c5', topic: 'third-party-tracking', stance: 'denies', quote: 'We do not allow third-party behavioral tracking.', line: 30 },
        { id: 'c7', topic: 'dnt', stance: 'affirms', quote: 'We honor Do Not Track signals.', line: 40 },
      ],
    },
    crawl: { pages: 5, errors: 1, durationMs: 812 },
    findings,
    errors: [{ url: 'https://allsmart.example/broken', message: 'HTTP 500' }],
    coverage: {
      pages: 5,
      blockedByRobots: ['https://allsmart.example/admin'],
      failed: ['https://allsmart.example/broken'],
      truncated: [],
      leftOver: [],
      policyFound: true,
      notes: [],
    },
    summary: { errors: 1, warnings: 1, baselined: 1, suppressed: 1 },
  };
}

/** Every site-controlled string of a report carries the payload. */
export function hostileReport(): LintReport {
  const report = sampleReport();
  const hostileUrl = `https://allsmart.example/${encodeURIComponent('x')}?q=${PAYLOAD}`;
  report.target = `https://allsmart.example/?t=${PAYLOAD}`;
  report.policy.url = `https://allsmart.example/privacy#${PAYLOAD}`;
  report.policy.claims = report.policy.claims.map((c) => ({ ...c, quote: `${c.quote} ${PAYLOAD}` }));
  report.errors = [{ url: hostileUrl, message: PAYLOAD }];
  report.coverage = { ...report.coverage, notes: [PAYLOAD], failed: [hostileUrl] };
  report.findings = report.findings.map((f) => ({
    ...f,
    message: `${f.message} ${PAYLOAD}`,
    url: hostileUrl,
    urls: [hostileUrl, `https://allsmart.example/b?${PAYLOAD}`],
    ...(f.claim ? { claim: { ...f.claim, quote: `${f.claim.quote} ${PAYLOAD}`, url: `https://allsmart.example/p?${PAYLOAD}` } } : {}),
    ...(f.suppressed ? { suppressed: { reason: PAYLOAD } } : {}),
    evidence: {
      title: PAYLOAD,
      cookies: [{ name: PAYLOAD, source: 'header', raw: PAYLOAD, responseUrl: `https://allsmart.example/c'$(touch /tmp/pwned)'?${PAYLOAD}` }],
    },
  }));
  return report;
}

export function sampleContext(overrides: Partial<FormatContext> = {}): FormatContext {
  return createFormatContext({ cwd: '/repo', rulesMeta, docsBaseUrl: 'https://docs.example/policy-lint/', ...overrides });
}
