/**
 * Gathering the site's policy documents after (or during) a crawl: which link is the policy
 * (discover.ts), fetching it and a separate cookie policy behind the crawler's guards, or a
 * local file given with --policy. Each way a document cannot be read becomes a coverage
 * note; only an unreadable local file is a usage error.
 *
 * The policy can be fetched and read early (`startEarlyPolicy`): from the start page's links
 * alone, or from --policy, while the crawl goes on; after the crawl, discovery over every page
 * decides, and the early work is used only when it chose the same document.
 */
import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Crawler } from '../crawl/api.js';
import type { PageSnapshot } from '../crawl/types.js';
import { UsageError } from '../cli/errors.js';
import { extractPageEvidence } from '../evidence/extract-page.js';
import type { PageEvidence, PolicyLinkCheck } from '../evidence/types.js';
import { discoverPolicy, findCookiePolicyLink, sameDocument } from './discover.js';
import type { PolicySource } from './read-related.js';
import type { PolicyCandidate, PolicyDocument } from './types.js';

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

export interface GatheredPolicy {
  source: PolicySource | null;
  cookieSource: PolicySource | null;
  checks: PolicyLinkCheck[];
  notes: string[];
  /** The policy as read early, when the early guess was the document discovery chose (and no cookie policy joins it). */
  earlyDocument?: Promise<PolicyDocument | undefined>;
}

type Fetched = Awaited<ReturnType<Crawler['fetchDocument']>>;

/** A policy fetched and being read while the crawl goes on. */
export interface EarlyPolicy {
  url: string;
  /** The fetch, or null if it failed in a way a fetch made later should retry. Never rejects. */
  fetching: Promise<{ fetched: Fetched; source: PolicySource | null; notes: string[] } | null>;
  document: Promise<PolicyDocument | undefined>;
}

/**
 * Fetches `url` as the policy now and has `read` read it (on a worker); never rejects. The
 * start page's best policy link, or --policy, is almost always what discovery settles on.
 */
export function startEarlyPolicy(crawler: Crawler, url: string, read: (source: PolicySource) => Promise<PolicyDocument | undefined>): EarlyPolicy {
  const notes: string[] = [];
  const fetching = fetchPolicyDocument(crawler, url, '', 'policy', notes)
    .then(({ fetched, source }) => ({ fetched, source, notes }))
    .catch(() => null);
  const document = fetching.then((taken) => (taken?.source ? read(taken.source) : undefined)).catch(() => undefined);
  return { url, fetching, document };
}

/** The policy link the start page alone points to, if any: the guess an early read starts from. */
export function guessPolicyFromStartPage(start: PageEvidence): string | null {
  return discoverPolicy([start], start.finalUrl).url;
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
): Promise<{ fetched: Fetched; source: PolicySource | null }> {
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

export async function gatherPolicy(
  crawler: Crawler,
  pages: PageEvidence[],
  homeUrl: string,
  options: { policy?: string; cwd?: string },
  early?: EarlyPolicy,
): Promise<GatheredPolicy> {
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
  const taken = early !== undefined && early.url === url ? await takeEarly(early, foundBy, notes) : null;
  const useEarly = taken !== null;
  const { fetched, source } = taken ?? (await fetchPolicyDocument(crawler, url, foundBy, 'policy', notes));
  checks.push('error' in fetched ? { url, status: 0, error: fetched.error } : { url, status: fetched.status, finalUrl: fetched.finalUrl });
  // What the early read gave, made what reading `source` now would give.
  const earlyDocument = (): Promise<PolicyDocument | undefined> | undefined =>
    useEarly && source && early ? early.document.then((doc) => doc && { ...doc, foundBy, ...(source.candidates?.length ? { candidates: source.candidates } : {}) }) : undefined;
  if (!source || 'error' in fetched || options.policy) return { source, cookieSource: null, checks, notes, ...(source && useEarly ? { earlyDocument: earlyDocument() } : {}) };
  if (candidates.length > 0) source.candidates = candidates;
  let cookieFoundBy = 'link to a separate cookie policy from the site';
  if (!cookiePolicyUrl) {
    cookiePolicyUrl = cookieLinkOnPolicyPage(fetched, url);
    cookieFoundBy = 'link to a separate cookie policy from the privacy policy';
  }
  const linked = cookiePolicyUrl;
  if (linked && [url, fetched.finalUrl].some((u) => sameDocument(u, linked))) cookiePolicyUrl = undefined;
  const cookieSource = cookiePolicyUrl ? await gatherCookiePolicy(crawler, cookiePolicyUrl, cookieFoundBy, notes) : null;
  const readEarly = cookieSource ? undefined : earlyDocument();
  return { source, cookieSource, checks, notes, ...(readEarly ? { earlyDocument: readEarly } : {}) };
}

/** The early fetch, as if made now for `foundBy` (its notes join this run's), or null to fetch afresh. */
async function takeEarly(early: EarlyPolicy, foundBy: string, notes: string[]): Promise<{ fetched: Fetched; source: PolicySource | null } | null> {
  const taken = await early.fetching;
  if (!taken) return null;
  notes.push(...taken.notes);
  return { fetched: taken.fetched, source: taken.source ? { ...taken.source, foundBy } : null };
}

