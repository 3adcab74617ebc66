import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/report/gate.js';
import { finding, sampleReport } from './sample-report.js';

const error = finding({ ruleId: 'a/b', fingerprint: 'e' });
const warning = finding({ ruleId: 'a/b', fingerprint: 'w', severity: 'warning' });

describe('exitCodeFor', () => {
  it('fails on errors by default level, not on warnings alone', () => {
    expect(exitCodeFor({ findings: [error] }, { failOn: 'error' })).toBe(1);
    expect(exitCodeFor({ findings: [warning] }, { failOn: 'error' })).toBe(0);
    expect(exitCodeFor({ findings: [] }, { failOn: 'error' })).toBe(0);
  });
  it('--fail-on warning fails on either; none never fails on findings', () => {
    expect(exitCodeFor({ findings: [warning] }, { failOn: 'warning' })).toBe(1);
    expect(exitCodeFor({ findings: [error, warning] }, { failOn: 'none' })).toBe(0);
  });
  it('--max-warnings fails when warnings exceed it, whatever failOn says', () => {
    expect(exitCodeFor({ findings: [warning, { ...warning, fingerprint: 'w2' }] }, { failOn: 'none', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor({ findings: [warning] }, { failOn: 'error', maxWarnings: 1 })).toBe(0);
    expect(exitCodeFor({ findings: [warning] }, { failOn: 'error', maxWarnings: 0 })).toBe(1);
  });
  it('baselined and suppressed findings do not count', () => {
    expect(exitCodeFor({ findings: [{ ...error, baselined: true }, { ...warning, suppressed: { reason: 'r' } }] }, { failOn: 'warning', maxWarnings: 0 })).toBe(0);
    // the sample has one active error, one active warning, one baselined error, one suppressed warning
    expect(exitCodeFor(sampleReport(), { failOn: 'error' })).toBe(1);
    const onlyKnown = sampleReport();
    onlyKnown.findings = onlyKnown.findings.filter((f) => f.baselined || f.suppressed);
    expect(exitCodeFor(onlyKnown, { failOn: 'warning' })).toBe(0);
  });
});
