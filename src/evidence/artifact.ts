/**
 * The saved-evidence file (`--save-evidence FILE`, `--evidence FILE`): everything the
 * rules need, gathered once, replayable offline (as Lighthouse's -G / -A). Versioned JSON
 * `{ kind: 'policy-lint-evidence', version: 1, site, policySource?, cookiePolicySource? }`.
 * Reading validates with zod and reports every problem with its path; unknown extra
 * fields are kept, so files written by a newer minor version still load. No file I/O here:
 * the CLI reads and writes the files.
 */
import { z } from 'zod';
import type { SiteEvidence } from './types.js';

export const EVIDENCE_KIND = 'policy-lint-evidence';
export const EVIDENCE_VERSION = 1;

export interface SavedDocument {
  url: string;
  contentType: string;
  body: string;
  /** How the document was found (discovery, --policy); informational. */
  foundBy: string;
}

export interface EvidenceArtifact {
  kind: typeof EVIDENCE_KIND;
  version: typeof EVIDENCE_VERSION;
  site: SiteEvidence;
  policySource?: SavedDocument;
  cookiePolicySource?: SavedDocument;
}

export interface EvidenceBundle {
  site: SiteEvidence;
  policySource?: SavedDocument;
  cookiePolicySource?: SavedDocument;
}

export class EvidenceArtifactError extends Error {
  override name = 'EvidenceArtifactError';
}

const str = z.string();
const headers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const hop = z.looseObject({ url: str, status: z.number(), headers, setCookie: z.array(str), location: str.optional() });
const region = z.enum(['header', 'nav', 'main', 'footer', 'aside', 'other']);
const link = z.looseObject({ href: str, text: str, title: str.optional(), ariaLabel: str.optional(), rel: str.optional(), region });
const cookie = z.looseObject({
  name: str,
  source: z.enum(['header', 'meta', 'inline-script', 'known-tracker']),
  raw: str,
  responseUrl: str.optional(),
  responseStatus: z.number().optional(),
  domain: str.optional(),
  persistent: z.boolean().optional(),
  vendor: str.optional(),
  malformed: z.boolean().optional(),
});
const thirdParty = z.looseObject({ domain: str, entity: str.optional(), categories: z.array(str), tracker: z.boolean() });
const signal = z.enum(['dnt', 'gpc']);
const resource = z.looseObject({
  url: str,
  kind: z.enum(['script', 'iframe', 'img', 'link', 'form', 'inline-script', 'other']),
  via: str,
  noscript: z.boolean().optional(),
  notLoaded: z.enum(['resource-hint', 'html-comment', 'consent-held', 'anchor', 'inert-script-type']).optional(),
  thirdParty: thirdParty.optional(),
  gatedOn: z.array(signal).optional(),
});
const field = z.looseObject({
  name: str.optional(),
  type: str.optional(),
  label: str.optional(),
  dataType: z.enum(['email', 'name', 'phone', 'address', 'payment', 'birthdate', 'other-personal']),
});
const form = z.looseObject({ action: str, method: str, fields: z.array(field) });
const scriptSignals = z.looseObject({ readsDnt: z.boolean(), readsGpc: z.boolean(), dntGated: z.array(str), gpcGated: z.array(str) });
const page = z.looseObject({
  url: str,
  finalUrl: str,
  status: z.number(),
  depth: z.number(),
  pass: z.enum(['crawl', 'dnt', 'gpc']),
  contentType: str,
  hops: z.array(hop),
  title: str.optional(),
  lang: str.optional(),
  truncated: z.boolean().optional(),
  links: z.array(link),
  cookies: z.array(cookie),
  resources: z.array(resource),
  forms: z.array(form),
  scriptSignals,
});
const crawlError = z.looseObject({ url: str, message: str });
const site = z.looseObject({
  startUrl: str,
  homeUrl: str,
  firstParty: z.looseObject({ domains: z.array(str), entity: str.optional() }),
  pages: z.array(page),
  signals: z.looseObject({
    dnt: z.array(page).optional(),
    gpc: z.array(page).optional(),
    wellKnown: z.looseObject({
      gpcJson: z.looseObject({ gpc: z.boolean().optional(), lastUpdate: str.optional() }).optional(),
      dntPolicy: z.boolean().optional(),
      tk: z.array(str).optional(),
    }),
  }),
  policyLinkChecks: z.array(z.looseObject({ url: str, status: z.number(), finalUrl: str.optional(), error: str.optional() })),
  errors: z.array(crawlError),
  coverage: z.looseObject({
    pages: z.number(),
    blockedByRobots: z.array(str),
    failed: z.array(str),
    truncated: z.array(str),
    leftOver: z.array(str),
    budgetExhausted: z.enum(['max-pages', 'max-time', 'max-depth']).optional(),
    policyFound: z.boolean(),
    policyLanguage: str.optional(),
    notes: z.array(str),
  }),
  durationMs: z.number(),
});
const savedDocument = z.looseObject({ url: str, contentType: str, body: str, foundBy: str.default('saved evidence') });
const artifact = z.looseObject({
  kind: z.literal(EVIDENCE_KIND),
  version: z.literal(EVIDENCE_VERSION),
  site,
  policySource: savedDocument.optional(),
  cookiePolicySource: savedDocument.optional(),
});

/** The artifact as pretty JSON text with a trailing newline; key order is stable. */
export function serializeEvidence(bundle: EvidenceBundle): string {
  const out: EvidenceArtifact = { kind: EVIDENCE_KIND, version: EVIDENCE_VERSION, site: bundle.site };
  if (bundle.policySource) out.policySource = pickDocument(bundle.policySource);
  if (bundle.cookiePolicySource) out.cookiePolicySource = pickDocument(bundle.cookiePolicySource);
  return `${JSON.stringify(out, null, 2)}\n`;
}

function pickDocument(d: SavedDocument): SavedDocument {
  return { url: d.url, contentType: d.contentType, body: d.body, foundBy: d.foundBy ?? 'saved evidence' };
}

function describePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(top level)';
}

/** Validates parsed JSON as an evidence artifact; throws EvidenceArtifactError listing problems by path. */
export function parseEvidenceArtifact(json: unknown): EvidenceBundle {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EvidenceArtifactError('evidence file is not a JSON object');
  }
  const head = json as { kind?: unknown; version?: unknown };
  if (head.kind !== EVIDENCE_KIND) {
    throw new EvidenceArtifactError(`evidence file has kind ${JSON.stringify(head.kind)}; expected "${EVIDENCE_KIND}" (write one with --save-evidence)`);
  }
  if (typeof head.version === 'number' && head.version > EVIDENCE_VERSION) {
    throw new EvidenceArtifactError(`evidence file version ${head.version} was written by a newer policy-lint; this one reads version ${EVIDENCE_VERSION}`);
  }
  const result = artifact.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues;
    const lines = issues.slice(0, 10).map((i) => `  ${describePath(i.path)}: ${i.message}`);
    if (issues.length > 10) lines.push(`  ... and ${issues.length - 10} more`);
    throw new EvidenceArtifactError(`evidence file is not valid:\n${lines.join('\n')}`);
  }
  const data = result.data;
  const bundle: EvidenceBundle = { site: data.site as unknown as SiteEvidence };
  if (data.policySource) bundle.policySource = data.policySource as SavedDocument;
  if (data.cookiePolicySource) bundle.cookiePolicySource = data.cookiePolicySource as SavedDocument;
  return bundle;
}
