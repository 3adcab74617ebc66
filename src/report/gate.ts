/**
 * The exit-code decision: 1 when findings at or above --fail-on remain, or warnings
 * exceed --max-warnings; else 0. Baselined and suppressed findings are known and never
 * count. Exit 2 (usage, config, fatal) is the CLI's business, not this module's.
 */
import type { LintReport } from './types.js';

export type FailOn = 'error' | 'warning' | 'none';

export interface GateOptions {
  failOn: FailOn;
  /** More warnings than this fails the run whatever failOn says (ESLint's --max-warnings). */
  maxWarnings?: number;
}

/** Counted from the findings themselves, so a stale summary cannot change the verdict. */
export function activeCounts(report: Pick<LintReport, 'findings'>): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of report.findings) {
    if (f.baselined || f.suppressed) continue;
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function exitCodeFor(report: Pick<LintReport, 'findings'>, options: GateOptions): 0 | 1 {
  const { errors, warnings } = activeCounts(report);
  if (options.failOn === 'error' && errors > 0) return 1;
  if (options.failOn === 'warning' && errors + warnings > 0) return 1;
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && warnings > options.maxWarnings) return 1;
  return 0;
}
