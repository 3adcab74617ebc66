import { describe, expect, it } from 'vitest';
import { applySuppressions, globToRegExp } from '../../src/report/suppressions.js';
import { exitCodeFor } from '../../src/report/gate.js';
import { finding, sampleReport } from './sample-report.js';

function fresh() {
  const report = sampleReport();
  report.findings = report.findings.map((f) => ({ ...f, suppressed: undefined }));
  for (const f of report.findings) delete f.suppressed;
  return report;
}

describe('suppressions', () => {
  it('suppresses by rule and page glob, keeps the reason and expiry, recomputes the summary', () => {
    const { report, warnings } = applySuppressions(fresh(), [{ rule: 'trackers/undisclosed-third-party', url: '/legacy/**', reason: 'going away', expires: '2027-01-31' }], '2026-11-25');
    expect(warnings).toEqual([]);
    const legacy = report.findings.find((f) => f.url.endsWith('/legacy/old'))!;
    expect(legacy.suppressed).toEqual({ reason: 'going away', expires: '2027-01-31' });
    expect(report.findings.filter((f) => f.suppressed)).toHaveLength(1);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, baselined: 1, suppressed: 1 });
  });

  it('suppresses by fingerprint, and by rule glob', () => {
    const byFp = applySuppressions(fresh(), [{ rule: 'cookies/undisclosed-cookies', fingerprint: 'aaaa0000000000000000000000000001', reason: 'r' }], '2026-01-01').report;
    expect(byFp.findings[0]!.suppressed).toEqual({ reason: 'r' });
    expect(exitCodeFor(byFp, { failOn: 'error' })).toBe(0);
    const wrongFp = applySuppressions(fresh(), [{ rule: 'cookies/undisclosed-cookies', fingerprint: 'other', reason: 'r' }], '2026-01-01').report;
    expect(wrongFp.findings[0]!.suppressed).toBeUndefined();
    const byGlob = applySuppressions(fresh(), [{ rule: 'dnt/*', reason: 'r' }], '2026-01-01').report;
    expect(byGlob.findings.filter((f) => f.suppressed).map((f) => f.ruleId)).toEqual(['dnt/signal-ignored']);
  });

  it('a finding on several pages is suppressed only when every page matches', () => {
    const report = fresh();
    // finding 0 is on / and /about
    const onlyAbout = applySuppressions(report, [{ rule: 'cookies/*', url: '/about', reason: 'r' }], '2026-01-01').report;
    expect(onlyAbout.findings[0]!.suppressed).toBeUndefined();
    const both = applySuppressions(report, [{ rule: 'cookies/*', url: 'https://any-host.example/**', reason: 'r' }], '2026-01-01').report;
    expect(both.findings[0]!.suppressed).toEqual({ reason: 'r' });
  });

  it('an expired suppression no longer suppresses and warns; the expiry day itself still counts', () => {
    const s = { rule: 'cookies/undisclosed-cookies', reason: 'temporary', expires: '2026-11-24' };
    const onDay = applySuppressions(fresh(), [s], '2026-11-24');
    expect(onDay.warnings).toEqual([]);
    expect(onDay.report.findings[0]!.suppressed).toBeDefined();
    const after = applySuppressions(fresh(), [s], '2026-11-25');
    expect(after.report.findings[0]!.suppressed).toBeUndefined();
    expect(after.warnings).toEqual(['suppression for cookies/undisclosed-cookies ("temporary") expired on 2026-11-24; its findings are reported again']);
    expect(exitCodeFor(after.report, { failOn: 'error' })).toBe(1);
  });

  it('an invalid expiry date is ignored with a warning', () => {
    const { report, warnings } = applySuppressions(fresh(), [{ rule: 'cookies/undisclosed-cookies', reason: 'r', expires: 'soon' }], '2026-01-01');
    expect(report.findings[0]!.suppressed).toBeUndefined();
    expect(warnings[0]).toMatch(/invalid expiry date "soon"/);
  });

  it('globs: * stays within a segment, ** crosses, ? is one character, regex characters are literal', () => {
    expect(globToRegExp('/blog/*').test('/blog/a')).toBe(true);
    expect(globToRegExp('/blog/*').test('/blog/a/b')).toBe(false);
    expect(globToRegExp('/blog/**').test('/blog/a/b')).toBe(true);
    expect(globToRegExp('/p?ge').test('/page')).toBe(true);
    expect(globToRegExp('/a.b(c)').test('/a.b(c)')).toBe(true);
    expect(globToRegExp('/a.b').test('/aXb')).toBe(false);
  });

  it('leaves the input report untouched', () => {
    const report = fresh();
    applySuppressions(report, [{ rule: 'cookies/*', reason: 'r' }], '2026-01-01');
    expect(report.findings[0]!.suppressed).toBeUndefined();
    expect(finding({ ruleId: 'x/y', fingerprint: 'z' }).suppressed).toBeUndefined();
  });
});
