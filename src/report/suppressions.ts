/**
 * Suppressions from config: a finding that matches (rule, optional page glob, optional
 * fingerprint) is reported as `suppressed` with its reason and does not fail the run. A
 * suppression past its expiry date stops suppressing and produces a warning for the CLI
 * to print, so a temporary exception cannot become a permanent blind spot. `today` is
 * passed in (YYYY-MM-DD): no clock here.
 */
import { summarise } from './build-report.js';
import type { LintReport, ReportFinding } from './types.js';

export interface Suppression {
  /** Rule id, or a glob over rule ids (`cookies/*`). */
  rule: string;
  /** Glob over page paths: `*` within a segment, `**` across segments, `?` one character. */
  url?: string;
  fingerprint?: string;
  reason: string;
  /** Last day it applies, YYYY-MM-DD. */
  expires?: string;
}

export interface SuppressionResult {
  report: LintReport;
  /** One line per expired or malformed suppression, for stderr. */
  warnings: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** A glob written as a full URL is matched on its path part: hosts change between environments. */
function pathGlob(glob: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(glob);
  if (m) return m[1] ?? '/';
  return glob.startsWith('/') || glob.startsWith('*') ? glob : `/${glob}`;
}

/** Every page of the finding must match: one suppressed page must not hide the others. */
function matches(s: Suppression, f: ReportFinding, ruleRe: RegExp, urlRe: RegExp | undefined): boolean {
  if (!ruleRe.test(f.ruleId)) return false;
  if (s.fingerprint !== undefined && s.fingerprint !== f.fingerprint) return false;
  if (urlRe) {
    const pages = [f.url, ...(f.urls ?? [])];
    if (!pages.every((u) => urlRe.test(pathOf(u)))) return false;
  }
  return true;
}

function describe(s: Suppression): string {
  return `suppression for ${s.rule}${s.url ? ` on ${s.url}` : ''}${s.fingerprint ? ` (${s.fingerprint})` : ''} ("${s.reason}")`;
}

export function applySuppressions(report: LintReport, suppressions: readonly Suppression[], today: string): SuppressionResult {
  const warnings: string[] = [];
  const active: Array<{ s: Suppression; ruleRe: RegExp; urlRe: RegExp | undefined }> = [];
  for (const s of suppressions) {
    if (s.expires !== undefined && !DATE.test(s.expires)) {
      warnings.push(`${describe(s)} has an invalid expiry date "${s.expires}" (expected YYYY-MM-DD); it is ignored`);
      continue;
    }
    if (s.expires !== undefined && DATE.test(today) && today > s.expires) {
      warnings.push(`${describe(s)} expired on ${s.expires}; its findings are reported again`);
      continue;
    }
    active.push({ s, ruleRe: globToRegExp(s.rule), urlRe: s.url ? globToRegExp(pathGlob(s.url)) : undefined });
  }
  if (!active.length) return { report, warnings };
  const findings = report.findings.map((f) => {
    if (f.suppressed) return f;
    const hit = active.find((a) => matches(a.s, f, a.ruleRe, a.urlRe));
    if (!hit) return f;
    return { ...f, suppressed: { reason: hit.s.reason, ...(hit.s.expires ? { expires: hit.s.expires } : {}) } };
  });
  return { report: { ...report, findings, summary: summarise(findings) }, warnings };
}
