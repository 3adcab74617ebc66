/**
 * Runs the registered rules over claims and evidence and shapes the JSON report:
 * applies configured levels, renders message templates, computes fingerprints, and
 * sorts everything so the same site gives the same report byte for byte.
 * It does no I/O; the CLI decides where the report goes.
 */
import { createHash } from 'node:crypto';
import type { Rule, RuleContext, RuleFinding, RuleLevel, Severity } from '../../rules/types.js';
import type { SiteEvidence } from '../evidence/types.js';
import type { PolicyDocument } from '../policy/types.js';
import { SCHEMA_VERSION, type LintReport, type ReportFinding } from './types.js';

export interface RuleSetting {
  level?: RuleLevel;
  options?: Record<string, unknown>;
}

export interface BuildReportInput {
  version: string;
  site: SiteEvidence;
  policy: PolicyDocument | null;
  context: Omit<RuleContext, 'options' | 'site' | 'policy'>;
  rules: Rule[];
  settings: Record<string, RuleSetting | undefined>;
  /** Base URL where rule docs are published; default is the package's relative path. */
  docsBase?: string;
}

export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Host-, scheme- and port-free form of a URL, for fingerprints that survive preview hosts. */
export function urlPathKey(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

export function fingerprintOf(ruleId: string, finding: RuleFinding): string {
  const parts = [ruleId, finding.evidenceKey, finding.claim ? normaliseQuote(finding.claim.quote) : ''];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function normaliseQuote(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim().toLowerCase();
}

function severityFor(rule: Rule, setting: RuleSetting | undefined, finding: RuleFinding): Severity | null {
  const level = setting?.level;
  if (level === 'off') return null;
  // A configured level sets the ceiling: 'warn' turns every finding of the rule into a warning.
  if (level === 'warn') return 'warning';
  return finding.severity ?? rule.meta.defaultSeverity;
}

/** Report order for findings; shared with merge.ts so merged reports sort the same way. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    a.ruleId.localeCompare(b.ruleId) ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    a.url.localeCompare(b.url) ||
    a.message.localeCompare(b.message) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

export function runRules(input: BuildReportInput): { findings: ReportFinding[]; ruleErrors: Array<{ url: string; message: string }> } {
  const findings: ReportFinding[] = [];
  const ruleErrors: Array<{ url: string; message: string }> = [];
  for (const rule of input.rules) {
    const setting = input.settings[rule.meta.id];
    if (setting?.level === 'off') continue;
    if (rule.meta.requires.policy && !input.policy && input.context.claims.length === 0) continue;
    let raw: RuleFinding[];
    try {
      raw = rule.check({ ...input.context, site: input.site, policy: input.policy, options: setting?.options ?? {} });
    } catch (error) {
      // One broken rule must not lose the others' findings.
      ruleErrors.push({ url: input.site.homeUrl, message: `rule ${rule.meta.id} failed: ${(error as Error).message}` });
      continue;
    }
    for (const finding of raw) {
      const severity = severityFor(rule, setting, finding);
      if (!severity) continue;
      const template = (rule.meta.messages as Record<string, string>)[finding.messageId] ?? finding.messageId;
      const urls = [...new Set(finding.urls)];
      const url = urls[0] ?? input.site.homeUrl;
      findings.push({
        ruleId: rule.meta.id,
        severity,
        message: renderMessage(template, finding.data),
        messageId: finding.messageId,
        url,
        ...(urls.length > 1 ? { urls: [...urls].sort() } : {}),
        ...(finding.claim ? { claim: finding.claim } : {}),
        ...(finding.relatedClaims?.length ? { relatedClaims: finding.relatedClaims } : {}),
        evidence: finding.evidence,
        fingerprint: fingerprintOf(rule.meta.id, finding),
        docs: input.docsBase ? `${input.docsBase.replace(/\/$/, '')}/${rule.meta.docs}` : rule.meta.docs,
      });
    }
  }
  findings.sort(compareFindings);
  return { findings, ruleErrors };
}

export function buildReport(input: BuildReportInput): LintReport {
  const { findings, ruleErrors } = runRules(input);
  const errors = [...input.site.errors, ...ruleErrors].sort((a, b) => a.url.localeCompare(b.url) || a.message.localeCompare(b.message));
  const claims = input.context.claims.map((c) => ({
    id: c.id,
    topic: c.topic,
    stance: c.stance,
    actor: c.actor,
    quote: c.quote,
    line: c.location.line,
    // A claim from a related document (a separate cookie policy) names where its line is.
    ...(input.policy && c.location.url && c.location.url !== input.policy.url ? { url: c.location.url } : {}),
    ...(c.location.heading ? { heading: c.location.heading } : {}),
    confidence: c.confidence,
    source: c.source,
    ...(c.scope.excludes.length || c.scope.limitedTo.length ? { scope: c.scope } : {}),
    ...(c.dataTypes?.length ? { dataTypes: c.dataTypes } : {}),
    ...(c.vendors?.length ? { vendors: c.vendors } : {}),
    ...(c.cookies?.length ? { cookies: c.cookies } : {}),
    ...(c.date ? { date: c.date } : {}),
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'policy-lint', version: input.version },
    target: input.site.startUrl,
    policy: {
      url: input.policy?.url ?? null,
      ...(input.policy ? { foundBy: input.policy.foundBy } : {}),
      ...(input.policy?.related?.length ? { related: input.policy.related } : {}),
      ...(input.policy?.candidates?.length ? { candidates: input.policy.candidates.slice(0, 5) } : {}),
      claims,
    },
    crawl: { pages: input.site.pages.length, errors: errors.length, durationMs: input.site.durationMs },
    findings,
    errors,
    coverage: input.site.coverage,
    summary: summarise(findings),
  };
}

export function summarise(findings: ReportFinding[]): LintReport['summary'] {
  let errors = 0;
  let warnings = 0;
  let baselined = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    if (f.baselined) {
      baselined++;
      continue;
    }
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, baselined, suppressed };
}
