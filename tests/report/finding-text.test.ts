import { describe, expect, it } from 'vitest';
import { coverageLines, docsUrl, evidenceSummary, reproduceCommand } from '../../src/report/finding-text.js';
import { finding, sampleContext, sampleReport } from './sample-report.js';

// Evidence shaped as the rules in rules/ emit it.
const cookieEvidence = {
  cookie: { name: '_ga', source: 'header', kind: 'tracking', classifiedBy: 'name' },
  raw: '_ga=GA1.1.1; Max-Age=63072000',
  responseUrl: 'https://s.example/go',
  onRedirectHop: true,
  occurrences: 3,
  examples: [{ page: 'https://s.example/', raw: '_ga=GA1.1.1' }],
};

describe('reproduceCommand', () => {
  it('Set-Cookie on a response: requests that response and greps the header', () => {
    expect(reproduceCommand(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f', evidence: cookieEvidence }))).toBe(
      `curl -s -o /dev/null -D - 'https://s.example/go' | grep -i '^set-cookie'`,
    );
  });
  it('signal passes send their header (DNT or GPC)', () => {
    const gpc = { signal: 'gpc', header: 'Sec-GPC: 1', cookie: { name: 'IDE', source: 'header' }, signalPass: { urls: ['https://s.example/a'], responseUrl: 'https://s.example/a' } };
    expect(reproduceCommand(finding({ ruleId: 'dnt/signal-ignored', fingerprint: 'f', evidence: gpc }))).toBe(
      `curl -s -o /dev/null -D - -H 'Sec-GPC: 1' 'https://s.example/a' | grep -i '^set-cookie'`,
    );
    const dntTracker = { signal: 'dnt', header: 'DNT: 1', thirdParty: { entity: 'Google Analytics', domain: 'google-analytics.com' }, signalPass: { examples: [{ page: 'https://s.example/b', url: 'https://www.google-analytics.com/analytics.js' }] } };
    expect(reproduceCommand(finding({ ruleId: 'dnt/signal-ignored', fingerprint: 'f', evidence: dntTracker }))).toBe(
      `curl -s -H 'DNT: 1' 'https://s.example/b' | grep -oF 'google-analytics.com' | sort -u`,
    );
  });
  it('trackers, meta and inline-script cookies grep the page; a broken policy link shows its status', () => {
    const tracker = { thirdParty: { entity: 'Hotjar', domains: ['hotjar.com'] }, examples: [{ page: 'https://s.example/c' }] };
    expect(reproduceCommand(finding({ ruleId: 'trackers/undisclosed-third-party', fingerprint: 'f', evidence: tracker }))).toBe(`curl -s 'https://s.example/c' | grep -oF 'hotjar.com' | sort -u`);
    expect(reproduceCommand(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f', evidence: { cookie: { name: 'x', source: 'meta' } } }))).toContain(`| grep -io '<meta[^>]*set-cookie[^>]*>'`);
    expect(reproduceCommand(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f', evidence: { cookie: { name: 'x', source: 'inline-script' } } }))).toContain(`grep -o 'document\\.cookie *=[^;]*'`);
    expect(reproduceCommand(finding({ ruleId: 'caloppa/privacy-link', fingerprint: 'f', evidence: { link: 'https://s.example/privacy', status: 404 } }))).toBe(
      `curl -sL -o /dev/null -w '%{http_code} %{url_effective}\\n' 'https://s.example/privacy'`,
    );
  });
  it('nothing for findings that do not rest on a response, or on non-http URLs', () => {
    expect(reproduceCommand(finding({ ruleId: 'policy/self-contradiction', fingerprint: 'f', evidence: { topic: 'cookies', denial: { quote: 'q' } } }))).toBeUndefined();
    expect(reproduceCommand(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f', url: 'file:///x', evidence: { cookie: { name: 'x', source: 'header' } } }))).toBeUndefined();
    expect(reproduceCommand(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f', evidence: { cookie: { name: 'x', source: 'known-tracker' } } }))).toBeUndefined();
    expect(reproduceCommand(finding({ ruleId: 'a/b', fingerprint: 'f', reproduce: 'custom' }))).toBe('custom');
  });
  it('a tracker domain that is not a plain host name is not put on a command line', () => {
    expect(reproduceCommand(finding({ ruleId: 'trackers/undisclosed-third-party', fingerprint: 'f', evidence: { thirdParty: { domain: "x'; rm -rf ~" } } }))).toBeUndefined();
  });
});

describe('evidenceSummary, docsUrl, coverageLines', () => {
  it('summarises the proof and leaves out per-page detail', () => {
    expect(evidenceSummary(cookieEvidence)).toBe('cookie: _ga; raw: _ga=GA1.1.1; Max-Age=63072000; responseUrl: https://s.example/go; onRedirectHop: true');
    expect(evidenceSummary({ form: { action: '/signup', fields: [] }, list: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toBe('form: /signup; list: a, b, c, d, e (+2 more)');
    expect(evidenceSummary('x'.repeat(1000)).length).toBeLessThanOrEqual(1000);
    expect(evidenceSummary({ big: 'y'.repeat(1000) }).length).toBeLessThanOrEqual(301);
  });
  it('docs links are absolute: configured base, or the published package', () => {
    const report = sampleReport();
    expect(docsUrl('a/b', 'rules/a/b.md', report, sampleContext())).toBe('https://docs.example/policy-lint/rules/a/b.md');
    expect(docsUrl('a/b', 'rules/a/b.md', report, sampleContext({ docsBaseUrl: undefined }))).toBe('https://unpkg.com/policy-lint@0.1.0/dist/rules/a/b.md');
    expect(docsUrl('a/b', 'https://x.example/doc', report, sampleContext())).toBe('https://x.example/doc');
  });
  it('coverage says what was not examined', () => {
    const report = sampleReport();
    report.coverage = { ...report.coverage, leftOver: ['a', 'b'], budgetExhausted: 'max-pages', policyFound: false, policyLanguage: 'de', notes: ['a note'] };
    expect(coverageLines(report)).toEqual([
      'No privacy policy was found: claim-based rules did not run.',
      'The policy language (de) is not one the claim extractor reads.',
      '1 page blocked by robots.txt.',
      '1 page failed.',
      '2 pages not fetched (budget ran out).',
      'Crawl budget exhausted: max-pages.',
      'a note',
    ]);
  });
});
