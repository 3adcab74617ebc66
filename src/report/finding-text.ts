/**
 * Plain-text pieces every human format shows: a one-line summary of a finding's
 * evidence, the rule's docs link, the `curl` command that reproduces HTTP evidence, and
 * what the run could not examine. Returns raw text (site text included); each formatter
 * escapes it for its own output. Must stay pure and total over any evidence shape.
 */
import type { RuleMeta } from '../../rules/types.js';
import { shellQuote } from './escape.js';
import type { FormatContext } from './formatters/types.js';
import type { LintReport, ReportFinding } from './types.js';

const LABEL_KEYS = ['name', 'entity', 'domain', 'host', 'url', 'href', 'action', 'id', 'header', 'value', 'topic'] as const;
const MAX_ITEMS = 5;
const MAX_SUMMARY = 300;
// Per-page detail the formats show elsewhere (the page list) or only in full evidence.
const DETAIL_KEYS = new Set(['examples', 'signalPass', 'normalPass', 'occurrences', 'loads', 'classifiedBy']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    for (const key of LABEL_KEYS) {
      const v = value[key];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
    return Object.keys(value).slice(0, 3).join('/');
  }
  return '';
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    const labels = [...new Set(value.map(labelOf).filter(Boolean))];
    const shown = labels.slice(0, MAX_ITEMS).join(', ');
    return labels.length > MAX_ITEMS ? `${shown} (+${labels.length - MAX_ITEMS} more)` : shown;
  }
  return labelOf(value);
}

/** `cookies: _ga, _gid; thirdParties: Google Analytics`, bounded. */
export function evidenceSummary(evidence: unknown): string {
  if (!isRecord(evidence)) return describeValue(evidence);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (value === undefined || value === null || value === '' || DETAIL_KEYS.has(key)) continue;
    const text = describeValue(value);
    if (text) parts.push(`${key}: ${text}`);
  }
  const joined = parts.join('; ');
  return joined.length > MAX_SUMMARY ? `${joined.slice(0, MAX_SUMMARY)}…` : joined;
}

function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Absolute docs link for a rule, so SARIF helpUri and HTML links work anywhere. */
export function docsUrl(ruleId: string, docs: string | undefined, report: LintReport, ctx: FormatContext): string {
  const path = docs ?? ctx.rulesMeta.find((m) => m.id === ruleId)?.docs ?? `rules/${ruleId}.md`;
  if (isAbsoluteUrl(path)) return path;
  const base = ctx.docsBaseUrl ?? `https://unpkg.com/policy-lint@${encodeURIComponent(report.tool.version)}/dist/`;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\.?\/+/, '')}`;
}

export function ruleDocsUrl(meta: RuleMeta, report: LintReport, ctx: FormatContext): string {
  return docsUrl(meta.id, meta.docs, report, ctx);
}

/** Finding pages: every URL, first (crawl order) first. */
export function findingUrls(finding: ReportFinding): string[] {
  const rest = (finding.urls ?? []).filter((u) => u !== finding.url);
  return [finding.url, ...rest];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function firstRecord(value: unknown): Record<string, unknown> {
  return Array.isArray(value) ? record(value.find(isRecord)) : {};
}

/** The request header of the signal pass the evidence came from, if any. */
function signalHeader(finding: ReportFinding, ev: Record<string, unknown>): string | undefined {
  if (typeof ev.header === 'string' && /^(DNT|Sec-GPC): 1$/i.test(ev.header)) return ev.header;
  const signal = [ev.signal, ev.pass].find((v) => v === 'dnt' || v === 'gpc');
  if (signal === 'gpc') return 'Sec-GPC: 1';
  if (signal === 'dnt' || finding.ruleId.startsWith('dnt/')) return 'DNT: 1';
  return undefined;
}

function httpUrl(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && /^https?:\/\//i.test(v));
}

const DOMAIN = /^[a-z0-9.-]+$/i;

/**
 * One shell line that shows the HTTP evidence again, or undefined when the finding does
 * not rest on a response (policy text, a form, a cookie only a browser would see). A
 * rule's own `reproduce` wins. Reads the evidence shapes the rules emit: a `cookie` or
 * `cookies`, a `thirdParty` (or lists of them), a policy `link` with its `status`.
 */
export function reproduceCommand(finding: ReportFinding): string | undefined {
  if (finding.reproduce) return finding.reproduce;
  const ev = record(finding.evidence);
  const signalPass = record(ev.signalPass);
  const example = { ...firstRecord(ev.examples), ...firstRecord(signalPass.examples) };
  const header = signalHeader(finding, ev);
  const headerArg = header ? ` -H ${shellQuote(header)}` : '';
  const page = httpUrl(example.page, finding.url);

  const cookie = isRecord(ev.cookie) ? ev.cookie : (Array.isArray(ev.cookies) ? ev.cookies.filter(isRecord) : []).find((c) => c.source === 'header') ?? firstRecord(ev.cookies);
  if (cookie.source === 'header') {
    const target = httpUrl(signalPass.responseUrl, ev.responseUrl, cookie.responseUrl, example.responseUrl, finding.url);
    if (target) return `curl -s -o /dev/null -D -${headerArg} ${shellQuote(target)} | grep -i '^set-cookie'`;
  }
  if (cookie.source === 'meta' && page) return `curl -s${headerArg} ${shellQuote(page)} | grep -io '<meta[^>]*set-cookie[^>]*>'`;
  if (cookie.source === 'inline-script' && page) return `curl -s${headerArg} ${shellQuote(page)} | grep -o 'document\\.cookie *=[^;]*'`;

  const party = isRecord(ev.thirdParty) ? ev.thirdParty : [ev.thirdParties, ev.resources, ev.trackers].map(firstRecord).find((r) => Object.keys(r).length) ?? {};
  const nested = record(party.thirdParty);
  const domain = [party.domain, nested.domain, ...(Array.isArray(party.domains) ? party.domains : [])].find((d): d is string => typeof d === 'string' && DOMAIN.test(d));
  if (domain && page) return `curl -s${headerArg} ${shellQuote(page)} | grep -oF ${shellQuote(domain)} | sort -u`;

  const link = httpUrl(ev.link);
  if (link && typeof ev.status === 'number') return `curl -sL -o /dev/null -w '%{http_code} %{url_effective}\\n' ${shellQuote(link)}`;
  return undefined;
}

/** What the run could not examine: silence is not compliance. */
export function coverageLines(report: LintReport): string[] {
  const c = report.coverage;
  const lines: string[] = [];
  if (!c) return lines;
  if (!c.policyFound) lines.push('No privacy policy was found: claim-based rules did not run.');
  if (c.policyLanguage) lines.push(`The policy language (${c.policyLanguage}) is not one the claim extractor reads.`);
  const counts: Array<[string, string[] | undefined]> = [
    ['blocked by robots.txt', c.blockedByRobots],
    ['failed', c.failed],
    ['truncated', c.truncated],
    ['not fetched (budget ran out)', c.leftOver],
  ];
  for (const [label, list] of counts) {
    if (list && list.length) lines.push(`${list.length} page${list.length === 1 ? '' : 's'} ${label}.`);
  }
  if (c.budgetExhausted) lines.push(`Crawl budget exhausted: ${c.budgetExhausted}.`);
  for (const note of c.notes ?? []) lines.push(note);
  return lines;
}

export function countFindings(report: LintReport): { errors: number; warnings: number; baselined: number; suppressed: number } {
  const out = { errors: 0, warnings: 0, baselined: 0, suppressed: 0 };
  for (const f of report.findings) {
    if (f.suppressed) out.suppressed++;
    else if (f.baselined) out.baselined++;
    else if (f.severity === 'error') out.errors++;
    else out.warnings++;
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings grouped by rule (report order kept), then by evidence summary. */
export function groupFindings(findings: ReportFinding[]): Array<{ ruleId: string; groups: Array<{ evidence: string; findings: ReportFinding[] }> }> {
  const byRule = new Map<string, Map<string, ReportFinding[]>>();
  for (const f of findings) {
    let rule = byRule.get(f.ruleId);
    if (!rule) byRule.set(f.ruleId, (rule = new Map()));
    const key = evidenceSummary(f.evidence);
    const list = rule.get(key);
    if (list) list.push(f);
    else rule.set(key, [f]);
  }
  return [...byRule].map(([ruleId, groups]) => ({ ruleId, groups: [...groups].map(([evidence, list]) => ({ evidence, findings: list })) }));
}
