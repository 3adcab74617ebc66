import { describe, expect, it } from 'vitest';
import { formatterNames, formatters, getFormatter } from '../../src/report/formatters/index.js';
import { sampleContext, sampleReport } from './sample-report.js';

describe('formatter registry', () => {
  it('is sorted by name and lists every format the issue asks for', () => {
    expect(formatterNames).toEqual([...formatterNames].sort());
    expect(formatterNames).toEqual(['github', 'gitlab', 'html', 'json', 'junit', 'markdown', 'sarif', 'stylish']);
  });
  it('getFormatter returns undefined for unknown names, including prototype keys', () => {
    expect(getFormatter('json')).toBe(formatters.json);
    expect(getFormatter('nope')).toBeUndefined();
    expect(getFormatter('toString')).toBeUndefined();
    expect(getFormatter('__proto__')).toBeUndefined();
  });
  it('formatters are pure: same input, same output, input not mutated', () => {
    for (const name of formatterNames) {
      const report = sampleReport();
      const frozen = JSON.stringify(report);
      const a = formatters[name](report, sampleContext());
      expect(formatters[name](report, sampleContext())).toBe(a);
      expect(JSON.stringify(report)).toBe(frozen);
    }
  });
});
