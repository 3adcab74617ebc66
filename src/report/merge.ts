/**
 * Merges the reports of a sharded run into one: findings de-duplicated by fingerprint
 * (their pages unioned and sorted), errors and coverage unioned, pages summed, and the
 * same ordering and summary as build-report.ts, so a merged report reads like a single
 * run. Shards run side by side, so the duration is the longest shard's, not the sum.
 */
import { compareFindings, summarise } from './build-report.js';
import type { LintReport, ReportFinding } from './types.js';

function sortedUnion(...lists: Array<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))].sort();
}

function mergeFinding(a: ReportFinding, b: ReportFinding): ReportFinding {
  const urls = sortedUnion([a.url], a.urls, [b.url], b.urls);
  // The stricter severity wins: a shard that ran the rule at error must not be hidden by one at warn.
  const base = a.severity === 'warning' && b.severity === 'error' ? { ...b, url: a.url } : { ...a };
  const merged: ReportFinding = { ...base, baselined: a.baselined && b.baselined ? true : undefined, suppressed: a.suppressed && b.suppressed ? a.suppressed : undefined };
  if (urls.length > 1) merged.urls = urls;
  else delete merged.urls;
  if (merged.baselined === undefined) delete merged.baselined;
  if (merged.suppressed === undefined) delete merged.suppressed;
  return merged;
}

export function mergeReports(reports: readonly LintReport[]): LintReport {
  const first = reports[0];
  if (!first) throw new Error('mergeReports needs at least one report');
  const byFingerprint = new Map<string, ReportFinding>();
  for (const report of reports) {
    for (const f of report.findings) {
      const seen = byFingerprint.get(f.fingerprint);
      byFingerprint.set(f.fingerprint, seen ? mergeFinding(seen, f) : f);
    }
  }
  const findings = [...byFingerprint.values()].sort(compareFindings);

  const errorKeys = new Map<string, { url: string; message: string }>();
  for (const report of reports) for (const e of report.errors) errorKeys.set(`${e.url}\u0000${e.message}`, e);
  const errors = [...errorKeys.values()].sort((a, b) => a.url.localeCompare(b.url) || a.message.localeCompare(b.message));

  const withPolicy = reports.find((r) => r.policy.url !== null) ?? first;
  const coverages = reports.map((r) => r.coverage);
  // Every shard crawls the home page; count it once.
  const shardReports = coverages.filter((c) => c.shard !== undefined).length;
  const repeatedHomePages = shardReports > 1 ? shardReports - 1 : 0;
  const coverage: LintReport['coverage'] = {
    pages: Math.max(0, coverages.reduce((n, c) => n + (c.pages ?? 0), 0) - repeatedHomePages),
    blockedByRobots: sortedUnion(...coverages.map((c) => c.blockedByRobots)),
    failed: sortedUnion(...coverages.map((c) => c.failed)),
    truncated: sortedUnion(...coverages.map((c) => c.truncated)),
    leftOver: sortedUnion(...coverages.map((c) => c.leftOver)),
    policyFound: coverages.some((c) => c.policyFound),
    notes: sortedUnion(...coverages.map((c) => c.notes)),
  };
  const unlisted = { blockedByRobots: 0, truncated: 0, leftOver: 0 };
  for (const c of coverages) for (const key of ['blockedByRobots', 'truncated', 'leftOver'] as const) unlisted[key] += c.unlisted?.[key] ?? 0;
  if (unlisted.blockedByRobots + unlisted.truncated + unlisted.leftOver > 0) coverage.unlisted = unlisted;
  const budget = coverages.find((c) => c.budgetExhausted)?.budgetExhausted;
  if (budget) coverage.budgetExhausted = budget;
  const language = coverages.find((c) => c.policyLanguage)?.policyLanguage;
  if (language) coverage.policyLanguage = language;
  const shards = [...new Set(coverages.map((c) => c.shard).filter((s): s is string => s !== undefined))];
  const total = shards.length > 0 ? Number(shards[0]?.split('/')[1]) : 0;
  if (shards.length > 0 && (shards.length !== total || shards.some((s) => Number(s.split('/')[1]) !== total))) {
    coverage.notes = sortedUnion(coverage.notes, [`Merged shards ${shards.sort().join(', ')} do not make up one whole ${total}-part run.`]);
  }

  return {
    ...first,
    policy: withPolicy.policy,
    crawl: {
      pages: Math.max(0, reports.reduce((n, r) => n + r.crawl.pages, 0) - repeatedHomePages),
      errors: errors.length,
      durationMs: Math.max(...reports.map((r) => r.crawl.durationMs)),
    },
    findings,
    errors,
    coverage,
    summary: summarise(findings),
  };
}
