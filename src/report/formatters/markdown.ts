/**
 * Markdown for pull-request comments and $GITHUB_STEP_SUMMARY: a summary, what was not
 * examined, and one table of findings with their quotes. Site text is escaped so it can
 * neither break the table nor add markup, links, @mentions or issue references.
 */
import { escapeMarkdown, markdownCode } from '../escape.js';
import { countFindings, coverageLines, docsUrl, evidenceSummary, findingUrls, plural, reproduceCommand } from '../finding-text.js';
import type { ReportFinding } from '../types.js';
import type { Formatter } from './types.js';

const MAX_ROWS = 200;

function state(f: ReportFinding): string {
  if (f.suppressed) return ` (suppressed: ${escapeMarkdown(f.suppressed.reason, 200)})`;
  if (f.baselined) return ' (baselined)';
  return '';
}

export const markdown: Formatter = (report, ctx) => {
  const n = countFindings(report);
  const out: string[] = ['## policy-lint', ''];
  const verdict = n.errors + n.warnings === 0 ? '✅ No problems found' : `❌ ${plural(n.errors, 'error')}, ${plural(n.warnings, 'warning')}`;
  const extras = [n.baselined ? `${n.baselined} baselined` : '', n.suppressed ? `${n.suppressed} suppressed` : ''].filter(Boolean);
  out.push(`**${verdict}**${extras.length ? ` (${extras.join(', ')})` : ''} on ${escapeMarkdown(report.target, 300)}: ${plural(report.crawl.pages, 'page')} crawled, ${plural(report.crawl.errors, 'fetch error')}.`);
  out.push('');
  out.push(report.policy.url ? `Policy: ${escapeMarkdown(report.policy.url, 300)} (${plural(report.policy.claims.length, 'claim')} read).` : 'Policy: not found.');
  const coverage = coverageLines(report);
  if (coverage.length) {
    out.push('', '**Not examined**', '');
    for (const line of coverage.slice(0, 20)) out.push(`- ${escapeMarkdown(line, 300)}`);
  }
  if (report.findings.length) {
    out.push('', '| Severity | Rule | Finding | Policy quote | Page | Evidence |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of report.findings.slice(0, MAX_ROWS)) {
      const docs = docsUrl(f.ruleId, f.docs, report, ctx);
      const rule = `[${escapeMarkdown(f.ruleId, 100)}](${encodeURI(docs).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
      const quote = f.claim ? `“${escapeMarkdown(f.claim.quote, 300)}” (line ${f.claim.line})` : '';
      const urls = findingUrls(f);
      const page = `${escapeMarkdown(urls[0], 200)}${urls.length > 1 ? ` (+${urls.length - 1} more)` : ''}`;
      const repro = reproduceCommand(f);
      const evidence = [escapeMarkdown(evidenceSummary(f.evidence), 300), repro ? markdownCode(repro, 500) : ''].filter(Boolean).join('<br>');
      const severity = f.severity === 'error' ? '🔴 error' : '🟡 warning';
      out.push(`| ${severity} | ${rule} | ${escapeMarkdown(f.message, 500)}${state(f)} | ${quote} | ${page} | ${evidence} |`);
    }
    if (report.findings.length > MAX_ROWS) out.push('', `…and ${report.findings.length - MAX_ROWS} more findings (see the full report).`);
  }
  return `${out.join('\n')}\n`;
};
