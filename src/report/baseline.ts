/**
 * Baselines: a versioned file of known findings (fingerprint + rule + message for the
 * humans reviewing it). A baselined finding is still reported, marked `baselined`, and
 * does not fail the run. Fingerprints leave out scheme, host and port, so a baseline
 * written against production holds for a preview host or an ephemeral local port.
 * No clock and no I/O here: the CLI reads and writes the file.
 */
import { z } from 'zod';
import { summarise } from './build-report.js';
import type { LintReport } from './types.js';

export const BASELINE_VERSION = 1;

const entrySchema = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string(),
  message: z.string().optional(),
});

const baselineSchema = z.object({
  baselineVersion: z.literal(BASELINE_VERSION),
  tool: z.string().optional(),
  findings: z.array(entrySchema),
});

export type BaselineEntry = z.infer<typeof entrySchema>;
export interface Baseline {
  baselineVersion: typeof BASELINE_VERSION;
  tool: 'policy-lint';
  findings: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** Parse and check a baseline (a JSON string or the parsed value). Throws BaselineError with the problem. */
export function readBaseline(input: unknown): Baseline {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new BaselineError(`baseline is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new BaselineError(`baseline is not a policy-lint baseline (version ${BASELINE_VERSION}): ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { baselineVersion: BASELINE_VERSION, tool: 'policy-lint', findings: parsed.data.findings };
}

/** Every current, unsuppressed finding, sorted so the file diffs cleanly. */
export function createBaseline(report: LintReport): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, message: f.message });
  }
  const findings = [...byFingerprint.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { baselineVersion: BASELINE_VERSION, tool: 'policy-lint', findings };
}

/** A new report with baseline matches marked and the summary recomputed; the input is not changed. */
export function applyBaseline(report: LintReport, baseline: Baseline): LintReport {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const findings = report.findings.map((f) => (known.has(f.fingerprint) ? { ...f, baselined: true } : f));
  return { ...report, findings, summary: summarise(findings) };
}

/** Baseline entries no current finding matches: fixed since, and safe to drop. */
export function staleBaselineEntries(report: LintReport, baseline: Baseline): BaselineEntry[] {
  const current = new Set(report.findings.map((f) => f.fingerprint));
  return baseline.findings.filter((e) => !current.has(e.fingerprint));
}
