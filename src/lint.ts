/**
 * The pipeline, as a library: crawl -> evidence -> policy -> rules -> report.
 * `lint()` is the programmatic API and the CLI's engine. It does network I/O through the
 * crawler only, reads a local policy file when asked, and writes nothing: callers decide
 * where the report and the evidence go.
 */
import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { getRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { createCrawler, defaultCrawlOptions } from './crawl/index.js';
import type { CrawlOptions, Crawler } from './crawl/api.js';
import { formatShard } from './crawl/shard.js';
import type { PageSnapshot } from './crawl/types.js';
import { extractPageEvidence } from './evidence/extract-page.js';
import { createExtractPool } from './evidence/extract-pool.js';
import { finalizeSiteEvidence } from './evidence/third-party.js';
import type { CoverageBlock, PageEvidence, PolicyLinkCheck, SiteEvidence } from './evidence/types.js';
import { discoverPolicy, findCookiePolicyLink, maybeRelevant, sameDocument } from './policy/discover.js';
import type { PolicySource } from './policy/read-related.js';
import { mergeStatedClaims } from './policy/merge-stated.js';
import type { Claim, PolicyCandidate, PolicyDocument } from './policy/types.js';
import type { StatedClaim } from './cli/config-schema.js';
import { UsageError } from './cli/errors.js';
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

export function isLocalPolicyPath(value: string): boolean {
  return !/^https?:\/\//i.test(value);
}

export async function readLocalPolicy(path: string): Promise<PolicySource> {
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.pdf') {
      // Read nothing: the document reader reports a PDF in coverage instead of guessing at its bytes.
      await access(path);
      return { url: path, contentType: 'application/pdf', body: '', foundBy: '--policy file' };
    }
    const body = await readFile(path, 'utf8');
    const contentType = ext === '.html' || ext === '.htm' ? 'text/html' : ext === '.md' || ext === '.markdown' ? 'text/markdown' : 'text/plain';
    return { url: path, contentType, body, foundBy: '--policy file' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read the policy file ${path} (${code}): give a readable .html, .md or .txt file, or an http(s) URL`);
  }
}

function snapshotToSource(snapshot: PageSnapshot, foundBy: string): PolicySource | null {
  if (snapshot.body === undefined) {
    // A PDF is a policy found but not read: the reader turns it into a coverage note.
    if (/pdf/i.test(snapshot.contentType) || (!snapshot.contentType && /\.pdf$/i.test(new URL(snapshot.finalUrl).pathname))) {
      return { url: snapshot.finalUrl, contentType: snapshot.contentType || 'application/pdf', body: '', foundBy };
    }
    return null;
  }
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

interface GatheredPolicy {
  source: PolicySource | null;
  cookieSource: PolicySource | null;
  checks: PolicyLinkCheck[];
  notes: string[];
}

function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).host === new URL(b).host;
  } catch {
    return false;
  }
}

/** A cookie policy linked from the policy page itself, on the policy's own host (policy services link theirs there). */
export function cookieLinkOnPolicyPage(snapshot: PageSnapshot, policyUrl: string): string | undefined {
  if (snapshot.body === undefined || !/html|xml/i.test(snapshot.contentType || 'text/html')) return undefined;
  try {
    const links = extractPageEvidence({ ...snapshot }).links.filter((link) => sameHost(link.href, snapshot.finalUrl));
    return findCookiePolicyLink(links, [policyUrl, snapshot.url, snapshot.finalUrl]);
  } catch {
    return undefined;
  }
}

/** Fetches a policy document; each way it cannot be read is a note naming `what` it is ("policy", "cookie policy"). */
async function fetchPolicyDocument(
  crawler: Crawler,
  url: string,
  foundBy: string,
  what: string,
  notes: string[],
): Promise<{ fetched: Awaited<ReturnType<Crawler['fetchDocument']>>; source: PolicySource | null }> {
  const fetched = await crawler.fetchDocument(url);
  if ('error' in fetched) {
    notes.push(`The ${what} at ${url} could not be fetched: ${fetched.error}`);
    return { fetched, source: null };
  }
  if (fetched.status >= 400) {
    notes.push(`The ${what} link ${url} answered HTTP ${fetched.status}.`);
    return { fetched, source: null };
  }
  const source = snapshotToSource(fetched, foundBy);
  if (!source) notes.push(`The ${what} at ${url} is ${fetched.contentType || 'not text'}; it was not read.`);
  return { fetched, source };
}

/** Fetches the separate cookie policy; a failure is a coverage note, never a policy-link check. */
export async function gatherCookiePolicy(crawler: Crawler, url: string, foundBy: string, notes: string[]): Promise<PolicySource | null> {
  return (await fetchPolicyDocument(crawler, url, foundBy, 'cookie policy', notes)).source;
}

async function gatherPolicy(crawler: Crawler, pages: PageEvidence[], homeUrl: string, options: LintOptions): Promise<GatheredPolicy> {
  const notes: string[] = [];
  const checks: PolicyLinkCheck[] = [];
  if (options.policy && isLocalPolicyPath(options.policy)) {
    return { source: await readLocalPolicy(resolve(options.cwd ?? process.cwd(), options.policy)), cookieSource: null, checks, notes };
  }
  let url: string | null;
  let foundBy: string;
  let cookiePolicyUrl: string | undefined;
  let candidates: PolicyCandidate[] = [];
  if (options.policy) {
    // --policy overrides discovery, the cookie policy included: the user named the document.
    url = options.policy;
    foundBy = '--policy URL';
  } else {
    const discovery = discoverPolicy(pages, homeUrl);
    url = discovery.url;
    foundBy = discovery.foundBy;
    cookiePolicyUrl = discovery.cookiePolicyUrl;
    candidates = discovery.candidates;
  }
  if (!url) {
    notes.push('No privacy policy link was found on the crawled pages.');
    return { source: null, cookieSource: null, checks, notes };
  }
  const { fetched, source } = await fetchPolicyDocument(crawler, url, foundBy, 'policy', notes);
  checks.push('error' in fetched ? { url, status: 0, error: fetched.error } : { url, status: fetched.status, finalUrl: fetched.finalUrl });
  if (!source || 'error' in fetched || options.policy) return { source, cookieSource: null, checks, notes };
  if (candidates.length > 0) source.candidates = candidates;
  let cookieFoundBy = 'link to a separate cookie policy from the site';
  if (!cookiePolicyUrl) {
    cookiePolicyUrl = cookieLinkOnPolicyPage(fetched, url);
    cookieFoundBy = 'link to a separate cookie policy from the privacy policy';
  }
  const linked = cookiePolicyUrl;
  if (linked && [url, fetched.finalUrl].some((u) => sameDocument(u, linked))) cookiePolicyUrl = undefined;
  const cookieSource = cookiePolicyUrl ? await gatherCookiePolicy(crawler, cookiePolicyUrl, cookieFoundBy, notes) : null;
  return { source, cookieSource, checks, notes };
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
  const extract = (snapshot: PageSnapshot): PageEvidence | Promise<PageEvidence> => pool.extract(snapshot);
  try {
    const pass = await crawler.crawl(extract);
    const firstParty = finalizeSiteEvidence(pass.pages, {
      startUrl: options.url,
      homeUrl: pass.homeUrl,
      extraDomains: options.firstPartyDomains ?? [],
    });
    const policy = await gatherPolicy(crawler, pass.pages, pass.homeUrl, options);
    // The policy is read on a worker while this thread sends the DNT and GPC requests.
    const policyRead = policy.source ? pool.readPolicy(policy.source, policy.cookieSource) : undefined;
    const policyUrl = policy.checks[0]?.finalUrl ?? policy.checks[0]?.url ?? null;
    const signals =
      options.signals === false
        ? { wellKnown: {} }
        : await crawler.signalsPass(signalTargets(pass.pages, pass.homeUrl, policyUrl), extract);
    for (const passPages of [signals.dnt, signals.gpc]) {
      if (passPages) finalizeSiteEvidence(passPages, { startUrl: options.url, homeUrl: pass.homeUrl, extraDomains: options.firstPartyDomains ?? [] });
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
