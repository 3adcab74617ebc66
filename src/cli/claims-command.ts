/**
 * `policy-lint claims <url|file>`: shows what was understood from a policy, so a user can see
 * why a rule fired or stayed silent. A site URL is followed to its policy link; a policy URL
 * or a local file is read directly. Config-stated claims are merged and marked as such.
 */
import { resolve } from 'node:path';
import { getRules } from '../../rules/index.js';
import { createCrawler, defaultCrawlOptions } from '../crawl/index.js';
import { extractPageEvidence } from '../evidence/extract-page.js';
import { discoverPolicy } from '../policy/discover.js';
import { formatClaimsTable } from '../policy/format-claims.js';
import { mergeStatedClaims } from '../policy/merge-stated.js';
import { readPolicyDocument } from '../policy/read-document.js';
import type { PolicyDocument } from '../policy/types.js';
import { StartPageError } from '../crawl/api.js';
import { isLocalPolicyPath, readLocalPolicy, type PolicySource } from '../lint.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { resolveColor } from './output.js';
import { checkSiteUrl, crawlOptionsFrom } from './lint-command.js';

const POLICY_PATH = /privacy|datenschutz|data-protection|policy|legal/i;

async function fetchPolicySource(url: string, flags: Record<string, unknown>, crawl: ReturnType<typeof crawlOptionsFrom>): Promise<PolicySource> {
  const crawler = createCrawler({ ...defaultCrawlOptions(url), ...crawl, startUrl: url });
  try {
    const first = await crawler.fetchDocument(url);
    if ('error' in first) throw new StartPageError(`cannot fetch ${url}: ${first.error}`);
    if (first.status >= 400) throw new StartPageError(`${url} answered HTTP ${first.status}`);
    if (first.body === undefined) throw new UsageError(`${url} is ${first.contentType || 'not text'}; give an HTML page or a local file`);
    const looksLikePolicy = POLICY_PATH.test(new URL(first.finalUrl).pathname);
    if (!looksLikePolicy && flags.followLinks !== false) {
      const discovery = discoverPolicy([extractPageEvidence(first)], first.finalUrl);
      if (discovery.url && discovery.url !== first.finalUrl) {
        const policy = await crawler.fetchDocument(discovery.url);
        if (!('error' in policy) && policy.status < 400 && policy.body !== undefined) {
          return { url: policy.finalUrl, contentType: policy.contentType, body: policy.body, foundBy: discovery.foundBy };
        }
      }
    }
    return { url: first.finalUrl, contentType: first.contentType, body: first.body, foundBy: 'given URL' };
  } finally {
    await crawler.close();
  }
}

export async function runClaims(target: string, flags: Record<string, unknown>): Promise<number> {
  const cwd = process.cwd();
  const { config } = await loadConfig({
    cwd,
    ...(typeof flags.config === 'string' ? { configFile: flags.config } : {}),
    knownRuleIds: getRules().map((r) => r.meta.id),
  });
  const format = typeof flags.format === 'string' ? flags.format : 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format "${format}" for claims; use stylish or json`);
  const source = isLocalPolicyPath(target)
    ? await readLocalPolicy(resolve(cwd, target)).catch(() => {
        throw new UsageError(`cannot read ${target}: give a readable .html, .md or .txt file, or an http(s) URL`);
      })
    : await fetchPolicySource(checkSiteUrl(target), flags, crawlOptionsFrom(config, flags));
  const doc: PolicyDocument = readPolicyDocument({ url: source.url, body: source.body, contentType: source.contentType }, source.foundBy);
  const claims = mergeStatedClaims(doc.claims, config.claims ?? [], doc.url);
  const merged = { ...doc, claims };
  if (format === 'json') {
    const { sentences: _sentences, text: _text, ...rest } = merged;
    process.stdout.write(JSON.stringify(rest, null, 2) + '\n');
  } else {
    process.stdout.write(formatClaimsTable(merged, { color: resolveColor(flags.color as boolean | undefined, process.stdout.isTTY === true) }));
  }
  return 0;
}
