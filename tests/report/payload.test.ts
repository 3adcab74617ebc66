/* eslint-disable no-control-regex -- the assertions look for control characters */
// Every format given a report whose site text carries the payload: the output must be
// inert and well-formed for its format.
import { describe, expect, it } from 'vitest';
import { formatterNames, formatters } from '../../src/report/formatters/index.js';
import { hostileReport, sampleContext } from './sample-report.js';
import { xmlProblems } from './xml-check.js';

const ESC_OR_C1 = /[\u001b\u0007\u0001\u0080-\u009f\ufffe\u202e]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function render(name: keyof typeof formatters, color = false): string {
  return formatters[name](hostileReport(), sampleContext({ color, sarif: { map: { '/legacy': 'site/legacy.md' }, fallbackFile: 'README.md' } }));
}

describe('hostile site text in every format', () => {
  it.each(formatterNames)('%s carries no raw control characters or lone surrogates', (name) => {
    const out = render(name);
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toMatch(ESC_OR_C1);
    expect(out).not.toMatch(LONE);
  });

  it('stylish with colour has only SGR colour sequences, never OSC or cursor moves', () => {
    const out = render('stylish', true);
    const sequences = out.match(/\u001b[^m]*m?/g) ?? [];
    expect(sequences.length).toBeGreaterThan(0);
    for (const seq of sequences) expect(seq).toMatch(/^\u001b\[[0-9;]*m$/);
    expect(out).not.toContain('\u001b]');
    expect(out).not.toContain('\u0007');
  });

  it('json and gitlab and sarif parse as JSON', () => {
    for (const name of ['json', 'gitlab', 'sarif'] as const) expect(() => JSON.parse(render(name))).not.toThrow();
  });

  it('json keeps the site text exactly (the contract carries raw data, escaped by JSON)', () => {
    const report = hostileReport();
    expect(JSON.parse(formatters.json(report, sampleContext()))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('junit is well-formed XML 1.0', () => {
    expect(xmlProblems(render('junit'))).toEqual([]);
  });

  it('html has no live markup from the site', () => {
    const out = render('html');
    expect(out).not.toContain('<img');
    expect(out.match(/<\/script>/g)?.length).toBe(2);
    expect(out).toContain('&lt;img src=x onerror=');
  });

  it('markdown has no table-breaking pipes, mentions or raw markup', () => {
    const out = render('markdown');
    const rows = out.split('\n').filter((l) => l.startsWith('| '));
    const header = rows[0]!;
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    for (const row of rows) expect(cells(row)).toBe(cells(header));
    // Code spans (the reproduce command) are literal in Markdown: nothing in them renders or pings.
    const outsideCode = out.replace(/(`+)[^`].*?\1/g, '');
    expect(outsideCode).toContain('@\u200boctocat');
    expect(outsideCode).not.toMatch(/@octocat/);
    expect(outsideCode).not.toContain('<img');
  });

  it('github annotations: every line is one of ours, so the site cannot start a command', () => {
    const lines = render('github').trimEnd().split('\n');
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^:]*,line=\d+,title=[^:]*::[^\r\n]*$/);
    expect(lines[0]).toContain('%0A::error::fake %250A');
  });
});
