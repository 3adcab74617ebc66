/**
 * The pipeline, as a library: crawl -> evidence -> policy -> rules -> report.
 * `lint()` is the programmatic API and the CLI's engine. It does network I/O through the
 * crawler only, reads a local policy file when asked, and writes nothing: callers decide
 * where the report and the evidence go.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { getRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { createCrawler, defaultCrawlOptions } from './crawl/index.js';
import type { CrawlOptions, Crawler } from './crawl/api.js';
import { formatShard } from './crawl/shard.js';
import type { PageSnapshot } from './crawl/types.js';
import { extractPageEvidence } from './evidence/extract-page.js';
import { finalizeSiteEvidence } from './evidence/third-party.js';
import type { CoverageBlock, PageEvidence, PolicyLinkCheck, SiteEvidence } from './evidence/types.js';
import { discoverPolicy } from './policy/discover.js';
import { readPolicyDocument } from './policy/read-document.js';
import { mergeStatedClaims } from './policy/merge-stated.js';
import type { Claim, PolicyDocument } from './policy/types.js';
import type { StatedClaim } from './cli/config-schema.js';
import { buildReport, type RuleSetting } from './report/build-report.js';
import type { LintReport } from './report/types.js';
import { packageVersion } from './package-info.js';

export interface PolicySource {
  url: string;
  contentType: string;
  body: string;
  foundBy: string;
}

export interface LintOptions {
  /** Site to lint (http or https). Required unless `evidence` is given. */
  url?: string;
  crawl?: Partial<CrawlOptions>;
  /** Whether to run the DNT / GPC signals pass (default true). */
  signals?: boolean;
  /** Policy URL or local file path, overriding discovery. */
  policy?: string;
  rules?: Record<string, RuleSetting>;
  claims?: StatedClaim[];
  disclosed?: { vendors?: string[]; cookies?: string[] };
  firstPartyDomains?: string[];
  /** Saved evidence to lint instead of crawling. */
  evidence?: EvidenceInput;
  /** Base URL for rule doc links. */
  docsBase?: string;
  /** Working directory for a relative local policy path. */
  cwd?: string;
}

export interface EvidenceInput {
  site: SiteEvidence;
  policySource?: PolicySource;
}

export interface LintResult {
  report: LintReport;
  /** What was gathered, for --save-evidence. */
  evidence: EvidenceInput;
  policy: PolicyDocument | null;
}

export function isLocalPolicyPath(value: string): boolean {
  return !/^https?:\/\//i.test(value);
}

export async function readLocalPolicy(path: string): Promise<PolicySource> {
  const body = await readFile(path, 'utf8');
  const ext = extname(path).toLowerCase();
  const contentType = ext === '.html' || ext === '.htm' ? 'text/html' : ext === '.md' || ext === '.markdown' ? 'text/markdown' : 'text/plain';
  return { url: path, contentType, body, foundBy: '--policy file' };
}

function snapshotToSource(snapshot: PageSnapshot, foundBy: string): PolicySource | null {
  if (snapshot.body === undefined) return null;
  return { url: snapshot.finalUrl, contentType: snapshot.contentType || 'text/html', body: snapshot.body, foundBy };
}

/** Pages worth re-fetching with DNT / GPC: the home page, the policy, and where tracking was seen. */
export function signalTargets(pages: PageEvidence[], homeUrl: string, policyUrl: string | null, limit = 20): string[] {
  const targets = new Set<string>([homeUrl]);
  if (policyUrl && pages.some((p) => p.finalUrl === policyUrl || p.url === policyUrl)) targets.add(policyUrl);
  for (const page of pages) {
    if (targets.size >= limit) break;
    const tracks = page.cookies.length > 0 || page.resources.some((r) => r.thirdParty?.tracker && !r.notLoaded);
    if (tracks) targets.add(page.url);
  }
  return [...targets];
}

async function gatherPolicy(
  crawler: Crawler,
  pages: PageEvidence[],
  homeUrl: string,
  options: LintOptions,
): Promise<{ source: PolicySource | null; checks: PolicyLinkCheck[]; notes: string[] }> {
  const notes: string[] = [];
  const checks: PolicyLinkCheck[] = [];
  if (options.policy && isLocalPolicyPath(options.policy)) {
    return { source: await readLocalPolicy(options.policy), checks, notes };
  }
  let url: string | null;
  let foundBy: string;
  if (options.policy) {
    url = options.policy;
    foundBy = '--policy URL';
  } else {
    const discovery = discoverPolicy(pages, homeUrl);
    url = discovery.url;
    foundBy = discovery.foundBy;
  }
  if (!url) {
    notes.push('No privacy policy link was found on the crawled pages.');
    return { source: null, checks, notes };
  }
  const fetched = await crawler.fetchDocument(url);
  if ('error' in fetched) {
    checks.push({ url, status: 0, error: fetched.error });
    notes.push(`The policy at ${url} could not be fetched: ${fetched.error}`);
    return { source: null, checks, notes };
  }
  checks.push({ url, status: fetched.status, finalUrl: fetched.finalUrl });
  if (fetched.status >= 400) {
    notes.push(`The policy link ${url} answered HTTP ${fetched.status}.`);
    return { source: null, checks, notes };
  }
  const source = snapshotToSource(fetched, foundBy);
  if (!source) notes.push(`The policy at ${url} is ${fetched.contentType || 'not text'}; it was not read.`);
  return { source, checks, notes };
}

function readPolicy(source: PolicySource | undefined | null, options: LintOptions): { doc: PolicyDocument | null; claims: Claim[] } {
  const doc = source ? readPolicyDocument({ url: source.url, body: source.body, contentType: source.contentType }, source.foundBy) : null;
  const claims = mergeStatedClaims(doc?.claims ?? [], options.claims ?? [], doc?.url ?? 'config');
  return { doc, claims };
}

function addPolicyCoverage(coverage: CoverageBlock, doc: PolicyDocument | null): CoverageBlock {
  const notes = [...coverage.notes];
  const note = (doc as (PolicyDocument & { coverageNote?: string }) | null)?.coverageNote;
  if (note) notes.push(note);
  return {
    ...coverage,
    policyFound: doc !== null,
    ...(doc?.language && !doc.language.startsWith('en') ? { policyLanguage: doc.language } : {}),
    notes: [...new Set(notes)].sort(),
  };
}

async function crawlSite(options: LintOptions): Promise<EvidenceInput> {
  if (!options.url) throw new Error('lint() needs a url or saved evidence');
  const crawlOptions: CrawlOptions = { ...defaultCrawlOptions(options.url), ...options.crawl, startUrl: options.url };
  const crawler = createCrawler(crawlOptions);
  try {
    const pass = await crawler.crawl(extractPageEvidence);
    const firstParty = finalizeSiteEvidence(pass.pages, {
      startUrl: options.url,
      homeUrl: pass.homeUrl,
      extraDomains: options.firstPartyDomains ?? [],
    });
    const policy = await gatherPolicy(crawler, pass.pages, pass.homeUrl, options);
    const policyUrl = policy.checks[0]?.finalUrl ?? policy.checks[0]?.url ?? null;
    const signals =
      options.signals === false
        ? { wellKnown: {} }
        : await crawler.signalsPass(signalTargets(pass.pages, pass.homeUrl, policyUrl), extractPageEvidence);
    for (const passPages of [signals.dnt, signals.gpc]) {
      if (passPages) finalizeSiteEvidence(passPages, { startUrl: options.url, homeUrl: pass.homeUrl, extraDomains: options.firstPartyDomains ?? [] });
    }
    const notes = [...policy.notes];
    if (pass.pages.some((p) => p.resources.some((r) => r.kind === 'script' && r.thirdParty))) {
      notes.push('Scripts were not run: trackers that other scripts load at run time are seen only in a browser.');
    }
    const site: SiteEvidence = {
      startUrl: options.url,
      homeUrl: pass.homeUrl,
      firstParty,
      pages: pass.pages,
      signals,
      policyLinkChecks: policy.checks,
      errors: pass.errors,
      coverage: {
        pages: pass.pages.length,
        blockedByRobots: [...pass.blockedByRobots].sort(),
        failed: [...new Set(pass.errors.map((e) => e.url))].sort(),
        truncated: [...pass.truncated].sort(),
        leftOver: [...pass.leftOver].sort(),
        ...(pass.budgetExhausted ? { budgetExhausted: pass.budgetExhausted } : {}),
        ...(crawlOptions.shard ? { shard: formatShard(crawlOptions.shard), shardSkipped: pass.shardSkipped ?? 0 } : {}),
        policyFound: policy.source !== null,
        notes,
      },
      durationMs: pass.durationMs,
    };
    return { site, ...(policy.source ? { policySource: policy.source } : {}) };
  } finally {
    await crawler.close();
  }
}

/** Lints a site (or saved evidence) and returns the report. */
export async function lint(options: LintOptions, ruleSet: Rule[] = getRules()): Promise<LintResult> {
  const evidence = options.evidence ?? (await crawlSite(options));
  let policySource = evidence.policySource;
  if (options.evidence && options.policy && isLocalPolicyPath(options.policy)) policySource = await readLocalPolicy(options.policy);
  const { doc, claims } = readPolicy(policySource, options);
  const site: SiteEvidence = { ...evidence.site, coverage: addPolicyCoverage(evidence.site.coverage, doc) };
  const report = buildReport({
    version: packageVersion(),
    site,
    policy: doc,
    context: {
      claims,
      disclosed: {
        vendors: options.disclosed?.vendors ?? [],
        cookies: options.disclosed?.cookies ?? [],
        firstPartyDomains: options.firstPartyDomains ?? [],
      },
    },
    rules: ruleSet,
    settings: options.rules ?? {},
    ...(options.docsBase ? { docsBase: options.docsBase } : {}),
  });
  return { report, evidence: { ...evidence, site }, policy: doc };
}
