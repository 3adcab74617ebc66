/**
 * Which URLs belong to the site being linted. A site is a registrable domain (tldts with
 * private suffixes, so two `*.github.io` sites differ while `www.` and the apex are one),
 * or the exact host for IP addresses, `localhost` and names without a public suffix.
 * It must not resolve names or fetch; scope is a pure function of the URL.
 */
import type * as Tldts from 'tldts';
import { boundedMemo } from '../bounded-memo.js';
import { requireCjs } from '../require-cjs.js';

const { parse } = requireCjs('tldts') as typeof Tldts;

/** Site keys by URL: every page's off-site links (social, vendor) are asked about again on every page. */
const siteKeys = boundedMemo<string | undefined>(20_000);

/** The site key of a URL or host: registrable domain, or the exact host. */
export function siteKey(urlOrHost: string): string | undefined {
  return siteKeys(urlOrHost, () => computeSiteKey(urlOrHost));
}

function computeSiteKey(urlOrHost: string): string | undefined {
  let host: string;
  try {
    host = urlOrHost.includes('/') ? new URL(urlOrHost).hostname : urlOrHost;
  } catch {
    return undefined;
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || host.startsWith('[')) return host;
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  return parsed.domain ?? host;
}

export class Scope {
  private readonly sites = new Set<string>();

  add(url: string): void {
    const key = siteKey(url);
    if (key) this.sites.add(key);
  }

  /** http(s) URL on one of the sites in scope. */
  contains(url: string): boolean {
    if (!/^https?:/i.test(url)) return false;
    const key = siteKey(url);
    return key !== undefined && this.sites.has(key);
  }

  keys(): string[] {
    return [...this.sites].sort();
  }
}
