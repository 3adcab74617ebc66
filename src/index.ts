/**
 * The programmatic API: `import { lint } from 'policy-lint'`. Re-exports the pipeline and
 * the typed boundaries (evidence, claims, findings, report) so callers can build on them.
 */
export { lint, type LintOptions, type LintResult, type EvidenceInput, type PolicySource } from './lint.js';
export { rules, getRules } from '../rules/index.js';
export type { Rule, RuleMeta, RuleContext, RuleFinding, Severity, RuleLevel } from '../rules/types.js';
export type { LintReport, ReportFinding } from './report/types.js';
export type { Claim, ClaimTopic, ClaimStance, PolicyDocument } from './policy/types.js';
export type { PageEvidence, SiteEvidence, CoverageBlock } from './evidence/types.js';
export type { CrawlOptions } from './crawl/api.js';
export type { PolicyLintConfig } from './cli/config-schema.js';
