import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/report/merge.js';
import type { LintReport } from '../../src/report/types.js';
import { finding, sampleReport } from './sample-report.js';

function shard(findings: LintReport['findings'], extra: Partial<LintReport> = {}): LintReport {
  return { ...sampleReport(), findings, ...extra };
}

describe('mergeReports', () => {
  it('de-duplicates by fingerprint, unions and sorts pages, keeps the first url', () => {
    const a = shard([finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f1', url: 'https://s/z', severity: 'warning' })]);
    const b = shard([
      finding({ ruleId: 'cookies/undisclosed-cookies', fingerprint: 'f1', url: 'https://s/b', urls: ['https://s/b', 'https://s/a'] }),
      finding({ ruleId: 'caloppa/privacy-link', fingerprint: 'f2' }),
    ]);
    const merged = mergeReports([a, b]);
    expect(merged.findings.map((f) => f.fingerprint)).toEqual(['f2', 'f1']);
    const f1 = merged.findings[1]!;
    expect(f1.url).toBe('https://s/z');
    expect(f1.urls).toEqual(['https://s/a', 'https://s/b', 'https://s/z']);
    expect(f1.severity).toBe('error');
    expect(merged.summary).toEqual({ errors: 2, warnings: 0, baselined: 0, suppressed: 0 });
  });

  it('sums pages, unions errors and coverage, takes the longest duration', () => {
    const a = shard([], { crawl: { pages: 3, errors: 1, durationMs: 100 }, errors: [{ url: 'https://s/x', message: 'HTTP 500' }] });
    const b = shard([], {
      crawl: { pages: 4, errors: 2, durationMs: 300 },
      errors: [{ url: 'https://s/x', message: 'HTTP 500' }, { url: 'https://s/a', message: 'timeout' }],
      coverage: { ...sampleReport().coverage, pages: 4, leftOver: ['https://s/q'], budgetExhausted: 'max-pages', notes: ['n'] },
    });
    const merged = mergeReports([a, b]);
    expect(merged.crawl).toEqual({ pages: 7, errors: 2, durationMs: 300 });
    expect(merged.errors).toEqual([{ url: 'https://s/a', message: 'timeout' }, { url: 'https://s/x', message: 'HTTP 500' }]);
    expect(merged.coverage.pages).toBe(9);
    expect(merged.coverage.leftOver).toEqual(['https://s/q']);
    expect(merged.coverage.budgetExhausted).toBe('max-pages');
    expect(merged.coverage.blockedByRobots).toEqual(['https://allsmart.example/admin']);
  });

  it('a finding stays baselined only if baselined in every shard', () => {
    const merged = mergeReports([
      shard([finding({ ruleId: 'a/b', fingerprint: 'f', baselined: true })]),
      shard([finding({ ruleId: 'a/b', fingerprint: 'f' })]),
    ]);
    expect(merged.findings[0]!.baselined).toBeUndefined();
    expect(merged.summary.errors).toBe(1);
  });

  it('merging one report gives it back; none is an error', () => {
    const one = sampleReport();
    expect(mergeReports([one])).toEqual(one);
    expect(() => mergeReports([])).toThrow();
  });
});
