import { describe, expect, it } from 'vitest';
import { github } from '../../src/report/formatters/github.js';
import { finding, sampleContext, sampleReport } from './sample-report.js';

describe('github annotations formatter', () => {
  it('annotates active findings with file, line and title; skips baselined and suppressed', () => {
    const out = github(sampleReport(), sampleContext({ sarif: { map: {}, fallbackFile: 'README.md', policyFile: { path: 'content/privacy.md' } } }));
    expect(out).toMatchSnapshot();
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=content\/privacy\.md,line=12,title=policy-lint cookies\/undisclosed-cookies::The policy says/);
    expect(lines[1]).toMatch(/^::warning file=content\/privacy\.md,line=40,/);
    expect(lines[0]).toContain('%0APolicy (line 12): "We do not use cookies."%0APage: https://allsmart.example/');
  });

  it('escapes %, CR, LF in data and : , in properties', () => {
    const report = sampleReport();
    report.findings = [finding({ ruleId: 'a/b', fingerprint: 'f', message: '100% done\r\n::error::owned' })];
    const out = github(report, sampleContext({ sarif: { map: { '/': 'dir,x/a:b.md' }, fallbackFile: 'README.md' } }));
    expect(out).toBe('::error file=dir%2Cx/a%3Ab.md,line=1,title=policy-lint a/b::100%25 done%0A::error::owned%0APage: https://allsmart.example/\n');
  });

  it('prints nothing when there is nothing to annotate', () => {
    expect(github({ ...sampleReport(), findings: [] }, sampleContext())).toBe('');
  });
});
