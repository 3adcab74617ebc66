import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, createBaseline, readBaseline, staleBaselineEntries } from '../../src/report/baseline.js';
import { fingerprintOf } from '../../src/report/build-report.js';
import { exitCodeFor } from '../../src/report/gate.js';
import { finding, sampleReport } from './sample-report.js';

describe('baselines', () => {
  it('round trip: write, serialise, read, apply -> every current finding is baselined and the run passes', () => {
    const report = sampleReport();
    const baseline = createBaseline(report);
    expect(baseline.baselineVersion).toBe(1);
    // suppressed findings are not baselined; the rest are, sorted for clean diffs
    expect(baseline.findings.map((e) => e.fingerprint)).toEqual(['aaaa0000000000000000000000000001', 'aaaa0000000000000000000000000002', 'aaaa0000000000000000000000000003']);
    expect(baseline.findings[0]).toEqual({ fingerprint: 'aaaa0000000000000000000000000001', ruleId: 'cookies/undisclosed-cookies', message: report.findings[0]!.message });
    const read = readBaseline(JSON.stringify(baseline, null, 2));
    const applied = applyBaseline(report, read);
    expect(applied.findings.filter((f) => !f.suppressed).every((f) => f.baselined)).toBe(true);
    expect(applied.summary).toEqual({ errors: 0, warnings: 0, baselined: 3, suppressed: 1 });
    expect(exitCodeFor(applied, { failOn: 'warning' })).toBe(0);
    expect(report.findings[0]!.baselined).toBeUndefined();
  });

  it('a new finding is not baselined and still fails', () => {
    const report = sampleReport();
    const baseline = createBaseline(report);
    report.findings.push(finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'new' }));
    const applied = applyBaseline(report, baseline);
    expect(applied.findings.find((f) => f.fingerprint === 'new')!.baselined).toBeUndefined();
    expect(applied.summary.errors).toBe(1);
    expect(exitCodeFor(applied, { failOn: 'error' })).toBe(1);
  });

  it('fingerprints ignore scheme, host, port and page order, so a baseline survives preview hosts', () => {
    const a = fingerprintOf('cookies/undisclosed-cookies', { messageId: 'm', urls: ['https://prod.example/', 'https://prod.example/a'], evidence: {}, evidenceKey: 'cookie:sid' });
    const b = fingerprintOf('cookies/undisclosed-cookies', { messageId: 'm', urls: ['http://127.0.0.1:49152/a', 'http://127.0.0.1:49152/'], evidence: {}, evidenceKey: 'cookie:sid' });
    expect(a).toBe(b);
  });

  it('reports stale entries and rejects files that are not baselines', () => {
    const report = sampleReport();
    const baseline = createBaseline(report);
    report.findings = report.findings.slice(1);
    expect(staleBaselineEntries(report, baseline).map((e) => e.fingerprint)).toEqual(['aaaa0000000000000000000000000001']);
    expect(() => readBaseline('{')).toThrow(BaselineError);
    expect(() => readBaseline({ baselineVersion: 2, findings: [] })).toThrow(/baselineVersion/);
    expect(() => readBaseline({ baselineVersion: 1, findings: [{ ruleId: 'x' }] })).toThrow(/findings\.0\.fingerprint/);
    expect(readBaseline({ baselineVersion: 1, findings: [] }).findings).toEqual([]);
  });
});
