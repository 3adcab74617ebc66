/* eslint-disable no-control-regex -- colour sequences are what some tests look for */
import { describe, expect, it } from 'vitest';
import { stylish } from '../../src/report/formatters/stylish.js';
import { sampleContext, sampleReport } from './sample-report.js';

describe('stylish formatter', () => {
  const plain = stylish(sampleReport(), sampleContext());

  it('groups by rule then evidence, with docs link, quote and line, pages and summary', () => {
    expect(plain).toMatchSnapshot();
    const lines = plain.split('\n');
    const rule = lines.indexOf('cookies/undisclosed-cookies  https://docs.example/policy-lint/rules/cookies/undisclosed-cookies.md');
    expect(rule).toBeGreaterThanOrEqual(0);
    expect(lines[rule + 1]).toBe('  cookies: sessionid');
    expect(plain).toContain('“We do not use cookies.” (https://allsmart.example/privacy, line 12)');
    expect(plain).toContain('page    https://allsmart.example/, https://allsmart.example/about');
    expect(plain).toContain('✖ 2 problems (1 error, 1 warning) · 1 baselined · 1 suppressed · 5 pages crawled');
  });

  it('shows a reproduce command for HTTP evidence, with DNT: 1 for the DNT pass', () => {
    expect(plain).toContain(`repro   curl -s -o /dev/null -D - 'https://allsmart.example/' | grep -i '^set-cookie'`);
    expect(plain).toContain(`repro   curl -s -o /dev/null -D - -H 'DNT: 1' 'https://allsmart.example/blog' | grep -i '^set-cookie'`);
  });

  it('marks baselined and suppressed findings', () => {
    expect(plain).toContain('loads Google Analytics [baselined]');
    expect(plain).toContain('[suppressed: legacy section removed in Q1, until 2027-03-31]');
  });

  it('says what was not examined', () => {
    expect(plain).toContain('! 1 page blocked by robots.txt.');
    const noPolicy = stylish({ ...sampleReport(), findings: [], coverage: { ...sampleReport().coverage, policyFound: false } }, sampleContext());
    expect(noPolicy).toContain('✔ 0 problems (0 errors, 0 warnings)');
    expect(noPolicy).toContain('No privacy policy was found');
  });

  it('colours only when ctx.color is set, without touching global chalk state', () => {
    expect(plain).not.toMatch(/\u001b/);
    const coloured = stylish(sampleReport(), sampleContext({ color: true }));
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
    expect(stylish(sampleReport(), sampleContext())).toBe(plain);
  });
});
