/**
 * The formatter contract: a pure function from a finished report to the text of one
 * output format. Formatters never write anywhere, read no files, no clock and no
 * environment; the CLI owns stdout, files, colour detection and GITHUB_ACTIONS.
 */
import type { RuleMeta } from '../../../rules/types.js';
import type { LintReport } from '../types.js';

export interface SarifLocationOptions {
  /** URL path (exact, or a prefix ending at a segment boundary) -> repository file. */
  map: Record<string, string>;
  /** Where findings that map nowhere are anchored, at line 1 (default README.md). */
  fallbackFile: string;
  /**
   * A local `--policy` file. Claims are anchored to their quote's line in it: found in
   * `text` (the file's content, when the caller passes it; needed for HTML, where claim
   * lines count extracted text), else the claim's own line (source lines for .md/.txt).
   */
  policyFile?: { path: string; text?: string };
}

export interface FormatContext {
  color: boolean;
  /** Repository root for relative paths in SARIF, GitLab and annotations. */
  cwd: string;
  sarif?: SarifLocationOptions;
  /** Every registered rule, so SARIF lists them all and JUnit shows rules that passed. */
  rulesMeta: Array<RuleMeta>;
  /** Absolute base for rule docs; without it docs resolve into the published package. */
  docsBaseUrl?: string;
}

export type Formatter = (report: LintReport, ctx: FormatContext) => string;

export const DEFAULT_FALLBACK_FILE = 'README.md';

/** A context with defaults filled in, for callers that have only some of it. */
export function createFormatContext(partial: Partial<FormatContext> = {}): FormatContext {
  return {
    color: partial.color ?? false,
    cwd: partial.cwd ?? '.',
    rulesMeta: partial.rulesMeta ?? [],
    ...(partial.sarif ? { sarif: partial.sarif } : {}),
    ...(partial.docsBaseUrl ? { docsBaseUrl: partial.docsBaseUrl } : {}),
  };
}
