/**
 * The JSON report: a contract other tools parse. Change it only by adding fields.
 * Keep ruleId, severity, url, message and findings exactly so.
 */
import type { CoverageBlock } from '../evidence/types.js';
import type { Claim, PolicyCandidate } from '../policy/types.js';
import type { FindingClaim, Severity } from '../../rules/types.js';

export const SCHEMA_VERSION = 1;

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  /** First page (in crawl order) where the evidence was seen. */
  url: string;
  /** All pages, when more than one. */
  urls?: string[];
  claim?: FindingClaim;
  relatedClaims?: FindingClaim[];
  evidence: Record<string, unknown>;
  fingerprint: string;
  /** Present in the baseline: reported, does not fail the build. */
  baselined?: boolean;
  /** Suppressed by config, with its reason. */
  suppressed?: { reason: string; expires?: string };
  /** Doc link. */
  docs?: string;
  /** One-line shell command reproducing HTTP evidence. */
  reproduce?: string;
}

export interface LintReport {
  schemaVersion: number;
  tool: { name: 'policy-lint'; version: string };
  target: string;
  policy: {
    url: string | null;
    foundBy?: string;
    /** Other documents read as part of the policy (a separate cookie policy). */
    related?: Array<{ url: string; foundBy: string; coverageNote?: string }>;
    /** The best-ranked policy links discovery considered, first the one chosen. */
    candidates?: PolicyCandidate[];
    claims: Array<Pick<Claim, 'id' | 'topic' | 'stance' | 'quote'> & Partial<Claim> & { line: number; url?: string }>;
  };
  crawl: { pages: number; errors: number; durationMs: number };
  findings: ReportFinding[];
  errors: Array<{ url: string; message: string }>;
  coverage: CoverageBlock;
  summary: { errors: number; warnings: number; baselined?: number; suppressed?: number };
}
