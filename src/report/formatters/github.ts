/**
 * GitHub Actions workflow-command annotations, printed by the CLI in addition to the
 * normal output when GITHUB_ACTIONS=true. The runner executes any stdout line that
 * starts with `::`, so every value is escaped (data: % CR LF; properties also : and ,)
 * and no site text can begin a line of its own. Baselined and suppressed findings are
 * known, so they are not annotated.
 */
import { escapeWorkflowData, escapeWorkflowProperty } from '../escape.js';
import { anchorFor } from '../locations.js';
import type { Formatter } from './types.js';

export const github: Formatter = (report, ctx) => {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.suppressed || f.baselined) continue;
    const anchor = anchorFor(f, ctx);
    const command = f.severity === 'error' ? 'error' : 'warning';
    const props = [
      `file=${escapeWorkflowProperty(anchor.path, 500)}`,
      `line=${anchor.line}`,
      `title=${escapeWorkflowProperty(`policy-lint ${f.ruleId}`, 200)}`,
    ].join(',');
    const quote = f.claim ? `\nPolicy (line ${f.claim.line}): "${f.claim.quote}"` : '';
    lines.push(`::${command} ${props}::${escapeWorkflowData(`${f.message}${quote}\nPage: ${f.url}`, 2000)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
