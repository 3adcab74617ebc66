/**
 * The pipeline, as a library: crawl -> evidence -> policy -> rules -> report.
 * `lint()` is the programmatic API and the CLI's engine. It does network I/O through the
 * crawler only, reads a local policy file when asked, and writes nothing: callers decide
 * where the report and the evidence go.
 */
import { resolve } from 'node:path';
import { getRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { createCrawler, defaultCrawlOptions } from './crawl/index.js';
import type { CrawlOptions } from './crawl/api.js';
import { formatShard } from './crawl/shard.js';
import type { PageSnapshot } from './crawl/types.js';
import { createExtractPool } from './evidence/extract-pool.js';
import { finalizeSiteEvidence } from './evidence/third-party.js';
import type { CoverageBlock, PageEvidence, SiteEvidence } from './evidence/types.js';
import { maybeRelevant } from './policy/discover.js';
import { gatherPolicy, guessPolicyFromStartPage, isLocalPolicyPath, readLocalPolicy, startEarlyPolicy, type EarlyPolicy } from './policy/gather.js';
import type { PolicySource } from './policy/read-related.js';
import { mergeStatedClaims } from './policy/merge-stated.js';
import type { Claim, PolicyDocument } from './policy/types.js';
import type { StatedClaim } from './cli/config-schema.js';
import { buildReport, type RuleSetting } from './report/build-report.js';
import type { LintReport } from './report/types.js';
import { packageVersion } from './package-info.js';

export type { PolicySource } from './policy/read-related.js';

export interface LintOptions {
  /** Site to lint (http or https). Required unless `evidence` is given. */
  url?: string;
  crawl?: Partial<CrawlOptions>;
  /** Worker threads that parse pages (default: one per spare core, at most 4; 0 parses on the main thread). */
  workers?: number;
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
  /** A separate cookie policy the site links to, read as part of the policy (the artifact's `cookiePolicySource`). */
  cookiePolicySource?: PolicySource;
}

export interface LintResult {
  report: LintReport;
  /** What was gathered, for --save-evidence. */
  evidence: EvidenceInput;
  policy: PolicyDocument | null;
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

/** The policy as read on a worker during the crawl, or read here now (loading the reader only then). */
async function readPolicy(
  source: PolicySource | undefined | null,
  options: LintOptions,
  cookieSource?: PolicySource | null,
  readAlready?: PolicyDocument,
): Promise<{ doc: PolicyDocument | null; claims: Claim[] }> {
  const doc = readAlready ?? (source ? (await import('./policy/read-related.js')).readPolicyWithRelated(source, cookieSource) : null);
  const claims = mergeStatedClaims(doc?.claims ?? [], options.claims ?? [], doc?.url ?? 'config');
  return { doc, claims };
}

function addPolicyCoverage(coverage: CoverageBlock, doc: PolicyDocument | null): CoverageBlock {
  const notes = [...coverage.notes];
  if (doc?.coverageNote) notes.push(doc.coverageNote);
  for (const related of doc?.related ?? []) {
    if (related.coverageNote) notes.push(`Cookie policy ${related.url}: ${related.coverageNote}`);
  }
  return {
    ...coverage,
    policyFound: doc !== null,
    ...(doc?.language && !doc.language.startsWith('en') ? { policyLanguage: doc.language } : {}),
    notes: [...new Set(notes)].sort(),
  };
}

/** What a crawl gathered, and the policy already read from it (on a worker thread) when there was one. */
interface CrawledSite {
  evidence: EvidenceInput;
  policyDocument?: PolicyDocument;
}

async function crawlSite(options: LintOptions): Promise<CrawledSite> {
  if (!options.url) throw new Error('lint() needs a url or saved evidence');
  const crawlOptions: CrawlOptions = { ...defaultCrawlOptions(options.url), keepLink: maybeRelevant, ...options.crawl, startUrl: options.url };
  const crawler = createCrawler(crawlOptions);
  const pool = createExtractPool(options.workers, { readsPolicy: true });
  const readOnPool = (source: PolicySource): Promise<PolicyDocument | undefined> => pool.readPolicy(source);
  // The policy is fetched and read while the crawl goes on: --policy at once, else the start
  // page's best policy link as soon as that page is parsed. Discovery decides after the crawl.
  let early: EarlyPolicy | undefined =
    options.policy && !isLocalPolicyPath(options.policy) ? startEarlyPolicy(crawler, options.policy, readOnPool) : undefined;
  const guessFrom = (evidence: PageEvidence): void => {
    if (early || options.policy) return;
    try {
      const guess = guessPolicyFromStartPage(evidence);
      if (guess) early = startEarlyPolicy(crawler, guess, readOnPool);
    } catch {
      // Only a head start: discovery after the crawl fetches the policy anyway.
    }
  };
  const extract = (snapshot: PageSnapshot): PageEvidence | Promise<PageEvidence> => {
    const evidence = pool.extract(snapshot);
    if (snapshot.depth === 0 && snapshot.pass === 'crawl') {
      if (evidence instanceof Promise) void evidence.then(guessFrom, () => undefined);
      else guessFrom(evidence);
    }
    return evidence;
  };
  try {
    const pass = await crawler.crawl(extract);
    // What decides first- from third-party, for the crawl and the signals passes alike.
    const firstPartyScope = { startUrl: options.url, homeUrl: pass.homeUrl, extraDomains: options.firstPartyDomains ?? [] };
    const firstParty = finalizeSiteEvidence(pass.pages, firstPartyScope);
    const policy = await gatherPolicy(crawler, pass.pages, pass.homeUrl, options, early);
    // The policy is read on a worker (if not read already) while this thread sends the DNT and GPC requests.
    const policyRead = policy.source ? (policy.earlyDocument ?? pool.readPolicy(policy.source, policy.cookieSource)) : undefined;
    const policyUrl = policy.checks[0]?.finalUrl ?? policy.checks[0]?.url ?? null;
    const signals =
      options.signals === false
        ? { wellKnown: {} }
        : await crawler.signalsPass(signalTargets(pass.pages, pass.homeUrl, policyUrl), extract);
    for (const passPages of [signals.dnt, signals.gpc]) {
      if (passPages) finalizeSiteEvidence(passPages, firstPartyScope);
    }
    const notes = [...policy.notes];
    const linkCapped = pass.pages.filter((p) => p.linksTruncated).length;
    if (linkCapped > 0) notes.push(`${linkCapped} page(s) had more links than are read from one page; links past the cap were not followed.`);
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
        ...(pass.unlisted ? { unlisted: pass.unlisted } : {}),
        ...(crawlOptions.shard ? { shard: formatShard(crawlOptions.shard), shardSkipped: pass.shardSkipped ?? 0 } : {}),
        policyFound: policy.source !== null,
        notes,
      },
      durationMs: pass.durationMs,
    };
    const policyDocument = await policyRead;
    return {
      evidence: {
        site,
        ...(policy.source ? { policySource: policy.source } : {}),
        ...(policy.cookieSource ? { cookiePolicySource: policy.cookieSource } : {}),
      },
      ...(policyDocument ? { policyDocument } : {}),
    };
  } finally {
    await Promise.all([crawler.close(), pool.close()]);
  }
}

/** Lints a site (or saved evidence) and returns the report. */
export async function lint(options: LintOptions, ruleSet: Rule[] = getRules()): Promise<LintResult> {
  const crawled: CrawledSite = options.evidence ? { evidence: options.evidence } : await crawlSite(options);
  const { evidence } = crawled;
  let policySource = evidence.policySource;
  let cookiePolicySource = evidence.cookiePolicySource;
  if (options.evidence && options.policy && isLocalPolicyPath(options.policy)) {
    policySource = await readLocalPolicy(resolve(options.cwd ?? process.cwd(), options.policy));
    cookiePolicySource = undefined;
  }
  const { doc, claims } = await readPolicy(policySource, options, cookiePolicySource, crawled.policyDocument);
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
