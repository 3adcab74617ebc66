import { describe, expect, it } from 'vitest';
import { gitlab, type CodeQualityIssue } from '../../src/report/formatters/gitlab.js';
import { finding, sampleContext, sampleReport } from './sample-report.js';

describe('gitlab formatter', () => {
  const ctx = sampleContext({ sarif: { map: { '/contact': 'src/contact.html' }, fallbackFile: 'README.md', policyFile: { path: 'content/privacy.md' } } });
  const issues = JSON.parse(gitlab(sampleReport(), ctx)) as CodeQualityIssue[];

  it('emits one Code Quality issue per unsuppressed finding with mapped locations', () => {
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['cookies/undisclosed-cookies', 'critical', 'content/privacy.md', 12],
      ['dnt/signal-ignored', 'minor', 'content/privacy.md', 40],
      ['trackers/undisclosed-third-party', 'info', 'content/privacy.md', 30],
    ]);
    expect(issues[0]!.fingerprint).toBe('aaaa0000000000000000000000000001');
    expect(issues[0]!.description).toContain('Page: https://allsmart.example/');
    for (const i of issues) expect(Object.keys(i).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
  });

  it('keeps fingerprints unique within a report', () => {
    const report = sampleReport();
    report.findings = [finding({ ruleId: 'a/b', fingerprint: 'same' }), finding({ ruleId: 'a/b', fingerprint: 'same', url: 'https://x/2' })];
    const out = JSON.parse(gitlab(report, sampleContext())) as CodeQualityIssue[];
    expect(new Set(out.map((i) => i.fingerprint)).size).toBe(2);
    expect(out[0]!.location).toEqual({ path: 'README.md', lines: { begin: 1 } });
  });
});
