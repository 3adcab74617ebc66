/**
 * The default terminal format: findings grouped by rule, then by evidence, each with the
 * policy quote (and its line), the page(s), a reproduce command where the evidence is
 * HTTP, and a summary line. Colour comes only from ctx.color through a private Chalk
 * instance. Every piece of site text passes escapeTerminal: a site must not be able to
 * move the cursor, retitle the terminal or plant a hyperlink.
 */
import { Chalk } from 'chalk';
import { escapeTerminal } from '../escape.js';
import { countFindings, coverageLines, docsUrl, findingUrls, groupFindings, plural, reproduceCommand } from '../finding-text.js';
import type { ReportFinding } from '../types.js';
import type { Formatter } from './types.js';

const MAX_PAGES_SHOWN = 3;

export const stylish: Formatter = (report, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  const t = (s: unknown) => escapeTerminal(s);

  const findingLines = (f: ReportFinding): string[] => {
    const mark = f.severity === 'error' ? c.red('✖ error  ') : c.yellow('⚠ warning');
    const state = f.suppressed
      ? c.dim(` [suppressed: ${t(f.suppressed.reason)}${f.suppressed.expires ? `, until ${t(f.suppressed.expires)}` : ''}]`)
      : f.baselined
        ? c.dim(' [baselined]')
        : '';
    const lines = [`    ${mark} ${t(f.message)}${state}`];
    for (const claim of [f.claim, ...(f.relatedClaims ?? [])]) {
      if (!claim) continue;
      lines.push(`      ${c.dim('policy')}  ${c.italic(`“${t(claim.quote)}”`)} ${c.dim(`(${t(claim.url)}, line ${claim.line})`)}`);
    }
    const urls = findingUrls(f);
    const shown = urls.slice(0, MAX_PAGES_SHOWN).map(t).join(', ');
    const more = urls.length > MAX_PAGES_SHOWN ? c.dim(` (+${urls.length - MAX_PAGES_SHOWN} more)`) : '';
    lines.push(`      ${c.dim('page')}    ${shown}${more}`);
    const repro = reproduceCommand(f);
    if (repro) lines.push(`      ${c.dim('repro')}   ${t(repro)}`);
    return lines;
  };

  for (const { ruleId, groups } of groupFindings(report.findings)) {
    const first = groups[0]?.findings[0];
    out.push(`${c.bold.underline(t(ruleId))}  ${c.dim(t(docsUrl(ruleId, first?.docs, report, ctx)))}`);
    for (const group of groups) {
      if (group.evidence) out.push(`  ${c.cyan(t(group.evidence))}`);
      for (const f of group.findings) out.push(...findingLines(f));
    }
    out.push('');
  }

  const n = countFindings(report);
  const problems = n.errors + n.warnings;
  const extras = [n.baselined ? `${n.baselined} baselined` : '', n.suppressed ? `${n.suppressed} suppressed` : ''].filter(Boolean);
  const counts = `${plural(problems, 'problem')} (${plural(n.errors, 'error')}, ${plural(n.warnings, 'warning')})`;
  const tail = `${extras.length ? ` · ${extras.join(' · ')}` : ''} · ${plural(report.crawl.pages, 'page')} crawled`;
  const colour = n.errors ? c.red.bold : n.warnings ? c.yellow.bold : c.green.bold;
  out.push(colour(`${problems ? '✖' : '✔'} ${counts}`) + c.dim(tail));

  const policy = report.policy.url ? `Policy: ${t(report.policy.url)} (${plural(report.policy.claims.length, 'claim')})` : '';
  if (policy) out.push(c.dim(policy));
  const coverage = coverageLines(report);
  for (const line of coverage) out.push(c.yellow(`! ${t(line)}`));
  if (report.errors.length) out.push(c.dim(`${plural(report.errors.length, 'fetch error')}: ${report.errors.slice(0, 3).map((e) => `${t(e.url)} (${t(e.message)})`).join('; ')}${report.errors.length > 3 ? ' …' : ''}`));
  return `${out.join('\n')}\n`;
};
