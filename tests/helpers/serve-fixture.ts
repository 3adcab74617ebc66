/**
 * Test helpers for the bundled fixture sites: start one on 127.0.0.1, read its
 * expected.json, and compare a report's findings with the expectations. Shared by the
 * e2e tests and anyone writing crawler-level rule tests. Touches only 127.0.0.1.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { demoSitesRoot, serveSite } from '../../src/cli/serve-site.js';
import type { ServeSiteOptions, ServedSite } from '../../src/cli/serve-site.js';

export const expectedFindingSchema = z.strictObject({
  ruleId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  messageId: z.string().min(1).optional(),
  severity: z.enum(['error', 'warning']).optional(),
  /** Substring of the finding's `url` path (the first page where the evidence was seen). */
  pathContains: z.string().min(1).optional(),
  /** Substring (case-insensitive) of the claim quote or of a related claim's quote. */
  quoteContains: z.string().min(1).optional(),
  /** Substring (case-insensitive) of the finding's messageId, message or evidence JSON. */
  mentions: z.string().min(1).optional(),
  /** Allowed but not required: a finding a careful reader would accept either way. */
  optional: z.boolean().optional(),
});

export const expectedSiteSchema = z.strictObject({
  description: z.string().min(10),
  findings: z.array(expectedFindingSchema),
  exitCode: z.union([z.literal(0), z.literal(1)]),
});

export type ExpectedFinding = z.infer<typeof expectedFindingSchema>;
export type ExpectedSite = z.infer<typeof expectedSiteSchema>;

/** The part of a report finding the comparison reads (a subset of ReportFinding). */
export interface ActualFinding {
  ruleId: string;
  messageId?: string;
  severity: string;
  message?: string;
  url: string;
  claim?: { quote: string };
  relatedClaims?: Array<{ quote: string }>;
  evidence?: unknown;
}

export function fixtureSitesRoot(): string {
  return demoSitesRoot();
}

/** Names of every fixture site (folders with expected.json), sorted. */
export function fixtureSiteNames(): string[] {
  const root = fixtureSitesRoot();
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'expected.json')))
    .map((entry) => entry.name)
    .sort();
}

export function readExpected(name: string): ExpectedSite {
  const path = join(fixtureSitesRoot(), name, 'expected.json');
  const parsed = expectedSiteSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface StartedSite extends ServedSite {
  name: string;
  dir: string;
}

export async function startSite(name: string, opts: ServeSiteOptions = {}): Promise<StartedSite> {
  const dir = join(fixtureSitesRoot(), name);
  const site = await serveSite(dir, opts);
  return { ...site, name, dir };
}

/** Start the site, run `fn`, and always stop the server. */
export async function withSite<T>(name: string, fn: (site: StartedSite) => Promise<T>, opts: ServeSiteOptions = {}): Promise<T> {
  const site = await startSite(name, opts);
  try {
    return await fn(site);
  } finally {
    await site.close();
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export function matchesExpected(expected: ExpectedFinding, actual: ActualFinding): boolean {
  if (expected.ruleId !== actual.ruleId) return false;
  if (expected.messageId !== undefined && expected.messageId !== actual.messageId) return false;
  if (expected.severity !== undefined && expected.severity !== actual.severity) return false;
  if (expected.pathContains !== undefined && !pathOf(actual.url).includes(expected.pathContains)) return false;
  if (expected.quoteContains !== undefined) {
    const wanted = expected.quoteContains.toLowerCase();
    const quotes = [actual.claim?.quote, ...(actual.relatedClaims ?? []).map((c) => c.quote)];
    if (!quotes.some((quote) => quote?.toLowerCase().includes(wanted))) return false;
  }
  if (expected.mentions !== undefined) {
    const text = JSON.stringify({ messageId: actual.messageId, message: actual.message, evidence: actual.evidence }).toLowerCase();
    if (!text.includes(expected.mentions.toLowerCase())) return false;
  }
  return true;
}

export interface FindingsComparison {
  /** Expected entries no reported finding matches. */
  missing: ExpectedFinding[];
  /** Reported findings no expected entry matches. */
  unexpected: ActualFinding[];
}

/** Set equality under `matchesExpected`: every entry is met and every finding is expected. */
export function compareFindings(expected: readonly ExpectedFinding[], actual: readonly ActualFinding[]): FindingsComparison {
  return {
    missing: expected.filter((e) => e.optional !== true && !actual.some((f) => matchesExpected(e, f))),
    unexpected: actual.filter((f) => !expected.some((e) => matchesExpected(e, f))),
  };
}

export function describeFinding(finding: ActualFinding): string {
  const id = finding.messageId ? `${finding.ruleId} [${finding.messageId}]` : finding.ruleId;
  const message = (finding.message ?? '').replace(/\s+/g, ' ').slice(0, 200);
  return `${id} ${finding.severity} at ${pathOf(finding.url)}: ${message}`;
}

/** A readable diff for a failed comparison; empty string when everything matches. */
export function formatComparison(site: string, comparison: FindingsComparison, exit: { expected: number; actual: number | null }): string {
  const lines: string[] = [];
  if (comparison.missing.length > 0) {
    lines.push('  missing (in expected.json, not reported):');
    for (const entry of comparison.missing) lines.push(`    - ${JSON.stringify(entry)}`);
  }
  if (comparison.unexpected.length > 0) {
    lines.push('  unexpected (reported, not in expected.json):');
    for (const finding of comparison.unexpected) lines.push(`    + ${describeFinding(finding)}`);
  }
  if (exit.expected !== exit.actual) lines.push(`  exit code: expected ${exit.expected}, got ${exit.actual}`);
  return lines.length === 0 ? '' : [`fixture site ${site} differs from its expected.json:`, ...lines].join('\n');
}
