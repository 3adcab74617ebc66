/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Code scanning anchors a
 * result only to a repository file and line, so every result gets one (see
 * ../locations.ts); the page URL and policy quote travel in the message. Our own
 * fingerprint goes into partialFingerprints, because results anchored to the same
 * fallback line would otherwise share GitHub's line hash and collapse into one alert.
 */
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../../../rules/types.js';
import { safeJsonStringify, stripControls } from '../escape.js';
import { findingUrls, ruleDocsUrl } from '../finding-text.js';
import { anchorFor } from '../locations.js';
import type { LintReport, ReportFinding } from '../types.js';
import type { FormatContext, Formatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/policy-lint';
/** Key under partialFingerprints that carries our fingerprint as is. */
export const FINGERPRINT_KEY = 'policyLintFingerprint/v1';

const MAX_MESSAGE = 4000;

function text(value: unknown): string {
  return stripControls(value, { keepNewlines: true, max: MAX_MESSAGE });
}

function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Every registered rule, plus any rule a (merged or older) report mentions that is not. */
function collectRules(report: LintReport, ctx: FormatContext): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const meta of ctx.rulesMeta) byId.set(meta.id, meta);
  for (const f of report.findings) {
    if (byId.has(f.ruleId)) continue;
    byId.set(f.ruleId, {
      id: f.ruleId,
      description: f.ruleId,
      defaultSeverity: f.severity,
      docs: f.docs ?? `rules/${f.ruleId}.md`,
      messages: {},
      requires: { policy: false },
    });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function descriptor(meta: RuleMeta, report: LintReport, ctx: FormatContext): Sarif.ReportingDescriptor {
  const helpUri = ruleDocsUrl(meta, report, ctx);
  const name = meta.id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return {
    id: meta.id,
    name,
    shortDescription: { text: text(meta.description) },
    fullDescription: { text: text(meta.description) },
    helpUri,
    help: { text: `${text(meta.description)}\nSee ${helpUri}`, markdown: `${text(meta.description)}\n\n[Rule documentation](${helpUri})` },
    defaultConfiguration: { level: meta.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: { tags: ['privacy', meta.id.split('/')[0] ?? 'policy'] },
  };
}

function messageText(f: ReportFinding): string {
  const lines = [text(f.message)];
  for (const claim of [f.claim, ...(f.relatedClaims ?? [])]) {
    if (claim) lines.push(`Policy (${text(claim.url)}, line ${claim.line}): "${text(claim.quote)}"`);
  }
  const urls = findingUrls(f);
  lines.push(`Page${urls.length > 1 ? 's' : ''}: ${urls.slice(0, 10).map(text).join(', ')}${urls.length > 10 ? ` (+${urls.length - 10} more)` : ''}`);
  return lines.join('\n');
}

function result(f: ReportFinding, ruleIndex: number, ctx: FormatContext): Sarif.Result {
  const anchor = anchorFor(f, ctx);
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.severity === 'error' ? 'error' : 'warning',
    message: { text: messageText(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(anchor.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: anchor.line },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${f.fingerprint}:1`, [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      url: f.url,
      ...(f.urls ? { urls: f.urls } : {}),
      anchor: anchor.kind,
      evidence: f.evidence,
    },
  };
  if (f.baselined) out.baselineState = 'unchanged';
  if (f.suppressed) {
    out.suppressions = [{ kind: 'external', status: 'accepted', justification: text(f.suppressed.reason) }];
  }
  return out;
}

export function toSarifLog(report: LintReport, ctx: FormatContext): Sarif.Log {
  const rules = collectRules(report, ctx);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-lint',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => descriptor(r, report, ctx)),
          },
        },
        results: report.findings.map((f) => result(f, index.get(f.ruleId) ?? 0, ctx)),
        columnKind: 'utf16CodeUnits',
        properties: { target: report.target, policyUrl: report.policy.url, pages: report.crawl.pages },
      },
    ],
  };
}

export const sarif: Formatter = (report, ctx) => `${safeJsonStringify(toSarifLog(report, ctx), 2)}\n`;
