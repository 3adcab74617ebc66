/**
 * `policy-lint claims <url|file>`: shows what was understood from a policy, so a user can see
 * why a rule fired or stayed silent. A site URL is followed to its policy link; a policy URL
 * or a local file is read directly. A separate cookie policy the site (or the policy page) links
 * to is read too and its claims are listed after the policy's, each with its own URL.
 * Config-stated claims are merged and marked as such.
 */
import { resolve } from 'node:path';
import { getRules } from '../../rules/index.js';
import { createCrawler, defaultCrawlOptions } from '../crawl/index.js';
import { extractPageEvidence } from '../evidence/extract-page.js';
import { discoverPolicy, sameDocument } from '../policy/discover.js';
import { formatClaimsTable, stripControl } from '../policy/format-claims.js';
import { mergeStatedClaims } from '../policy/merge-stated.js';
import type { PolicyDocument } from '../policy/types.js';
import { StartPageError } from '../crawl/api.js';
import { installUndiciGuard } from '../crawl/undici-guard.js';
import type { PageSnapshot } from '../crawl/types.js';
import { cookieLinkOnPolicyPage, gatherCookiePolicy, isLocalPolicyPath, readLocalPolicy } from '../policy/gather.js';
import { readPolicyWithRelated, type PolicySource } from '../policy/read-related.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { resolveColor } from './output.js';
import { checkSiteUrl, crawlOptionsFrom } from './lint-command.js';

const POLICY_PATH = /privacy|datenschutz|data-protection|policy|legal/i;

interface FetchedPolicy {
  source: PolicySource;
  cookieSource?: PolicySource;
  notes: string[];
}

/** Fetches the policy (following a site URL to its policy link) and the separate cookie policy it or the site links to. */
async function fetchPolicySources(url: string, flags: Record<string, unknown>, crawl: ReturnType<typeof crawlOptionsFrom>): Promise<FetchedPolicy> {
  const crawler = createCrawler({ ...defaultCrawlOptions(url), ...crawl, startUrl: url });
  const notes: string[] = [];
  try {
    const first = await crawler.fetchDocument(url);
    if ('error' in first) throw new StartPageError(`cannot fetch ${url}: ${first.error}`);
    if (first.status >= 400) throw new StartPageError(`${url} answered HTTP ${first.status}`);
    if (first.body === undefined) throw new UsageError(`${url} is ${first.contentType || 'not text'}; give an HTML page or a local file`);
    let policy: PageSnapshot = first;
    let source: PolicySource = { url: first.finalUrl, contentType: first.contentType, body: first.body, foundBy: 'given URL' };
    let cookieUrl: string | undefined;
    let cookieFoundBy = 'link to a separate cookie policy from the privacy policy';
    const looksLikePolicy = POLICY_PATH.test(new URL(first.finalUrl).pathname);
    if (!looksLikePolicy && flags.followLinks !== false) {
      const discovery = discoverPolicy([extractPageEvidence({ ...first })], first.finalUrl);
      if (discovery.url && discovery.url !== first.finalUrl) {
        const fetched = await crawler.fetchDocument(discovery.url);
        if (!('error' in fetched) && fetched.status < 400 && fetched.body !== undefined) {
          policy = fetched;
          source = { url: fetched.finalUrl, contentType: fetched.contentType, body: fetched.body, foundBy: discovery.foundBy, candidates: discovery.candidates };
          cookieUrl = discovery.cookiePolicyUrl;
          cookieFoundBy = 'link to a separate cookie policy from the site';
        } else {
          notes.push(`The policy link ${discovery.url} could not be read; showing ${first.finalUrl} itself.`);
        }
      }
    }
    cookieUrl ??= cookieLinkOnPolicyPage(policy, source.url);
    // The same test as a lint run's: a link back into the policy page itself is not a second document.
    const cookieSource = cookieUrl && !sameDocument(cookieUrl, source.url) ? await gatherCookiePolicy(crawler, cookieUrl, cookieFoundBy, notes) : null;
    return { source, notes, ...(cookieSource ? { cookieSource } : {}) };
  } finally {
    await crawler.close();
  }
}

function relatedLines(doc: PolicyDocument, notes: string[]): string {
  const lines: string[] = [];
  for (const related of doc.related ?? []) {
    const ids = doc.claims.filter((c) => c.location.url === related.url && c.source === 'extracted').map((c) => c.id);
    const range = ids.length === 0 ? 'no claims' : ids.length === 1 ? `claim ${ids[0]}` : `claims ${ids[0]}-${ids[ids.length - 1]}`;
    lines.push(`Also read: ${stripControl(related.url)} (${stripControl(related.foundBy)}; ${range})`);
    if (related.coverageNote) lines.push(`  Note: ${stripControl(related.coverageNote)}`);
  }
  for (const note of notes) lines.push(`Note: ${stripControl(note)}`);
  const others = (doc.candidates ?? []).slice(1, 4);
  if (others.length > 0) {
    lines.push('Other candidates:');
    for (const c of others) lines.push(`  ${c.score} ${stripControl(c.url)} "${stripControl(c.text)}" (${stripControl(c.reasons.join(', '))})`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export async function runClaims(target: string, flags: Record<string, unknown>): Promise<number> {
  installUndiciGuard();
  const cwd = process.cwd();
  const { config } = await loadConfig({
    cwd,
    ...(typeof flags.config === 'string' ? { configFile: flags.config } : {}),
    knownRuleIds: getRules().map((r) => r.meta.id),
  });
  const format = typeof flags.format === 'string' ? flags.format : 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format "${format}" for claims; use stylish or json`);
  const fetched: FetchedPolicy = isLocalPolicyPath(target)
    ? {
        source: await readLocalPolicy(resolve(cwd, target)).catch(() => {
          throw new UsageError(`cannot read ${target}: give a readable .html, .md or .txt file, or an http(s) URL`);
        }),
        notes: [],
      }
    : await fetchPolicySources(checkSiteUrl(target), flags, crawlOptionsFrom(config, flags));
  const doc: PolicyDocument = readPolicyWithRelated(fetched.source, fetched.cookieSource);
  const claims = mergeStatedClaims(doc.claims, config.claims ?? [], doc.url);
  const merged = { ...doc, claims };
  if (format === 'json') {
    const { sentences: _sentences, text: _text, ...rest } = merged;
    process.stdout.write(JSON.stringify(fetched.notes.length > 0 ? { ...rest, notes: fetched.notes } : rest, null, 2) + '\n');
  } else {
    const color = resolveColor(flags.color as boolean | undefined, process.stdout.isTTY === true);
    process.stdout.write(formatClaimsTable(merged, { color }) + relatedLines(merged, fetched.notes));
  }
  return 0;
}
