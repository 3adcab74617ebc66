import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/report/formatters/markdown.js';
import { sampleContext, sampleReport } from './sample-report.js';

describe('markdown formatter', () => {
  const md = markdown(sampleReport(), sampleContext());

  it('has a summary, what was not examined, and a findings table with quotes', () => {
    expect(md).toMatchSnapshot();
    expect(md).toContain('**❌ 1 error, 1 warning** (1 baselined, 1 suppressed)');
    expect(md).toContain('| Severity | Rule | Finding | Policy quote | Page | Evidence |');
    expect(md).toContain('“We do not use cookies.” (line 12)');
    expect(md).toContain('[cookies/undisclosed-cookies](https://docs.example/policy-lint/rules/cookies/undisclosed-cookies.md)');
    expect(md).toContain("`curl -s -o /dev/null -D - 'https://allsmart.example/' \\| grep -i '^set-cookie'`");
  });

  it('every table row has the header row\'s number of cells', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.length).toBe(6);
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
  });

  it('says so when nothing is wrong', () => {
    expect(markdown({ ...sampleReport(), findings: [] }, sampleContext())).toContain('✅ No problems found');
  });
});
