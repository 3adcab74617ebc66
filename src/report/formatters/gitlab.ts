/**
 * GitLab Code Quality JSON (the `codequality` report artifact): one issue per finding,
 * anchored like SARIF. GitLab compares fingerprints between the source and target
 * branch, so they must be unique within a report and stable across runs. Suppressed
 * findings are left out; baselined ones stay, as `info`, so the widget does not call
 * them fixed.
 */
import { createHash } from 'node:crypto';
import { safeJsonStringify, stripControls } from '../escape.js';
import { anchorFor } from '../locations.js';
import type { ReportFinding } from '../types.js';
import type { Formatter } from './types.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

export function codeQualitySeverity(f: ReportFinding): CodeQualitySeverity {
  if (f.baselined) return 'info';
  return f.severity === 'error' ? 'critical' : 'minor';
}

export const gitlab: Formatter = (report, ctx) => {
  const seen = new Set<string>();
  const issues: CodeQualityIssue[] = [];
  for (const f of report.findings) {
    if (f.suppressed) continue;
    let fingerprint = f.fingerprint;
    for (let n = 2; seen.has(fingerprint); n++) {
      fingerprint = createHash('md5').update(`${f.fingerprint}:${n}`).digest('hex');
    }
    seen.add(fingerprint);
    const anchor = anchorFor(f, ctx);
    const quote = f.claim ? ` Policy: "${f.claim.quote}" (line ${f.claim.line}).` : '';
    issues.push({
      description: stripControls(`${f.message}.${quote} Page: ${f.url}`.replace(/\.\./g, '.'), { max: 1000 }),
      check_name: f.ruleId,
      fingerprint,
      severity: codeQualitySeverity(f),
      location: { path: anchor.path, lines: { begin: anchor.line } },
    });
  }
  return `${safeJsonStringify(issues, 2)}\n`;
};
