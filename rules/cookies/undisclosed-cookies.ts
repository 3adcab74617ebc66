/**
 * cookies/undisclosed-cookies: the policy denies using cookies (or tracking cookies) but
 * the site sets them. One finding per cookie name and source, listing every page where it
 * was seen, with the raw line and the response (possibly a redirect hop) that carried it.
 * Pure: reads claims and page evidence only; the tracking-vs-necessary call is the
 * heuristic in util/cookie-kind.ts, and a scope the heuristic cannot decide is a warning.
 */
import type { CookieEvidence, CookieSource } from '../../src/evidence/types.js';
import type { Claim } from '../../src/policy/types.js';
import { defineRule, toFindingClaim, type RuleFinding, type Severity } from '../types.js';
import { boundFinding } from '../util/bound.js';
import { cookieNameMatches, denials, pickClaim, scopeReaches, shortQuote } from '../util/claims.js';
import { classifyCookie, cookieTags, type CookieClass } from '../util/cookie-kind.js';
import { EvidenceGroups, type Group } from '../util/group.js';
import { canonicalTag } from '../util/terms.js';
import { pathKey } from '../util/urls.js';
import { vendorMatches } from '../util/vendors.js';

type MessageId = 'headerCookie' | 'metaCookie' | 'scriptCookie' | 'trackerCookie';

const MESSAGE_BY_SOURCE: Record<CookieSource, MessageId> = {
  header: 'headerCookie',
  meta: 'metaCookie',
  'inline-script': 'scriptCookie',
  'known-tracker': 'trackerCookie',
};

// Meta cookies are ignored by current browsers and known-tracker cookies are inferred,
// so neither is a contradiction seen directly in HTTP evidence.
const BASE_SEVERITY: Record<CookieSource, Severity> = {
  header: 'error',
  meta: 'warning',
  'inline-script': 'error',
  'known-tracker': 'warning',
};

interface Seen {
  page: string;
  finalUrl?: string;
  cookie: CookieEvidence;
}

/** A header that only deletes a cookie is not a set; the extractor should drop it, this is defence in depth. */
function isDeletion(cookie: CookieEvidence): boolean {
  return cookie.source === 'header' && /;\s*max-age\s*=\s*(-\d+|0+)\s*(;|$)/i.test(cookie.raw ?? '');
}

/** Vendors the policy names (not inside a denial) or the config lists. */
function namedVendors(claims: readonly Claim[], configured: readonly string[]): string[] {
  return [...claims.filter((c) => c.topic === 'named-vendor' && (c.stance === 'affirms' || c.stance === 'permits')).flatMap((c) => c.vendors ?? []), ...configured];
}

/**
 * An inferred cookie of a vendor the policy names is disclosed: the reader was told about
 * the vendor, and the inference may be wrong (self-hosted Matomo "with cookies disabled").
 * Cookies seen in headers or scripts need their own name in the policy.
 */
function vendorDisclosed(cookie: CookieEvidence, vendors: readonly string[]): boolean {
  const vendor = cookie.source === 'known-tracker' ? cookie.vendor?.trim() : undefined;
  if (!vendor) return false;
  return vendors.some((v) => vendorMatches(v, { entity: vendor, domain: '' }) || vendorMatches(vendor, { entity: v, domain: '' }));
}

function namedCookies(claims: readonly Claim[], configured: readonly string[]): string[] {
  const named = claims
    .filter((c) => c.topic === 'named-cookie' && c.stance !== 'denies')
    .flatMap((c) => c.cookies ?? []);
  return [...named, ...configured];
}

// Words before "cookies" that are grammar, not a kind of cookie.
const NOT_A_KIND = /^(use|uses|used|using|set|sets|setting|place|places|placing|store|stores|any|no|the|a|an|of|our|all|these|those|other|such|its|their|your|what|which|not|nor|do|does|don't|dont|without|with|and|or|about|on|via|browser|accept|disable|block|delete|manage|collect|collects|some|many|few|more|own|similar|web|http|of-any)$/i;
const NON_ESSENTIAL = /^(non-?essential|non-?necessary|unnecessary|optional)$/i;

/**
 * The scope a denial's own words give the cookies it denies, when the claim carries none:
 * "We do not use persistent cookies" is limited to persistent ones, "no unclassified
 * cookies" to unclassified ones, "no non-essential cookies" leaves the necessary ones out.
 * Only the first "<word> cookies" counts, so "no cookies, except session cookies" stays whole.
 */
function effectiveScope(claim: Claim): Claim['scope'] {
  const scope = claim.scope ?? { excludes: [], limitedTo: [] };
  if ((scope.limitedTo ?? []).length > 0 || claim.topic === 'named-cookie') return scope;
  const match = /\b(third[- ]party|first[- ]party|[a-z][a-z'-]*)\s+cookies?\b/i.exec(claim.quote ?? '');
  const word = match?.[1];
  if (!word || NOT_A_KIND.test(word)) return scope;
  if (NON_ESSENTIAL.test(word)) return { ...scope, excludes: [...(scope.excludes ?? []), 'necessary'] };
  return { ...scope, limitedTo: [word] };
}

/** A denial of a named cookie ("we do not set _ga") reaches exactly that cookie. */
function reaches(claim: Claim, cookie: CookieEvidence, tags: string[]): boolean {
  if (claim.topic === 'named-cookie') return (claim.cookies ?? []).some((p) => cookieNameMatches(p, cookie.name));
  if (claim.topic === 'tracking-cookies' && !tags.includes('tracking')) return false;
  return scopeReaches({ scope: effectiveScope(claim) }, tags);
}

// The crawler never consents and is not a court: "without your consent" and "unless the law
// requires" do not excuse a cookie it received. Any other exception might cover an unknown cookie.
const NEVER_COVERS = new Set(['with-permission', 'legal-requirement', 'tracking', 'advertising', 'analytics', 'social', 'session-recording', 'third-party']);

function mayCoverUnknownCookie(term: string): boolean {
  const tag = canonicalTag(term);
  return tag !== '' && !NEVER_COVERS.has(tag);
}

// A name computed at run time may be a deletion or a consent flag: the write is real, its meaning unsure.
function severityOf(cookie: CookieEvidence, cls: CookieClass, claim: Claim): Severity {
  const source = cookie.source;
  if (BASE_SEVERITY[source] === 'warning' || claim.confidence === 'low' || cookie.dynamicName) return 'warning';
  // "No cookies except necessary ones" and a cookie the heuristic cannot place: report, but as a doubt.
  if (cls.kind === 'unknown' && (claim.scope?.excludes ?? []).some(mayCoverUnknownCookie)) return 'warning';
  return 'error';
}

function example(s: Seen) {
  return {
    page: s.page,
    raw: (s.cookie.raw ?? '').slice(0, 500),
    ...(s.cookie.responseUrl ? { responseUrl: s.cookie.responseUrl } : {}),
    ...(s.cookie.responseStatus !== undefined ? { responseStatus: s.cookie.responseStatus } : {}),
    ...(s.cookie.domain ? { domain: s.cookie.domain } : {}),
    ...(s.cookie.malformed ? { malformed: true } : {}),
  };
}

function toFinding(group: Group<Seen>, cls: CookieClass, claim: Claim, related: Claim[]): RuleFinding<MessageId> | null {
  const first = group.examples[0];
  if (!first) return null;
  const { cookie } = first;
  // A 3xx answer, or any response other than the page's final one, is a redirect hop.
  const status = cookie.responseStatus;
  const hop = (status !== undefined && status >= 300 && status < 400) || (cookie.responseUrl !== undefined && first.finalUrl !== undefined && cookie.responseUrl !== first.finalUrl);
  return {
    messageId: MESSAGE_BY_SOURCE[cookie.source],
    severity: severityOf(cookie, cls, claim),
    data: {
      name: cookie.name,
      page: pathKey(first.page),
      pages: group.urls.length,
      quote: shortQuote(claim.quote),
      vendor: cookie.vendor ?? 'a known tracker',
    },
    urls: group.urls,
    claim: toFindingClaim(claim),
    ...(related.length ? { relatedClaims: related.map(toFindingClaim) } : {}),
    evidence: {
      cookie: {
        name: cookie.name,
        source: cookie.source,
        kind: cls.kind,
        ...(cls.purpose ? { purpose: cls.purpose } : {}),
        classifiedBy: cls.reason,
        ...(cookie.vendor ? { vendor: cookie.vendor } : {}),
        ...(cookie.persistent !== undefined ? { persistent: cookie.persistent } : {}),
        ...(cookie.dynamicName ? { dynamicName: true } : {}),
      },
      raw: (cookie.raw ?? '').slice(0, 500),
      ...(cookie.responseUrl ? { responseUrl: cookie.responseUrl } : {}),
      ...(cookie.responseStatus !== undefined ? { responseStatus: cookie.responseStatus } : {}),
      ...(hop ? { onRedirectHop: true } : {}),
      occurrences: group.count,
      examples: group.examples.map(example),
    },
    evidenceKey: `cookie:${cookie.source}:${cookie.name}`,
  };
}

export default defineRule<MessageId>({
  meta: {
    id: 'cookies/undisclosed-cookies',
    description: 'The policy denies using cookies (or tracking cookies) but the site sets them.',
    defaultSeverity: 'error',
    docs: 'rules/cookies/undisclosed-cookies.md',
    messages: {
      headerCookie: 'The policy says "{quote}" but {page} sets cookie {name} in a Set-Cookie header ({pages} page(s)).',
      metaCookie: 'The policy says "{quote}" but {page} tries to set cookie {name} with <meta http-equiv="set-cookie"> ({pages} page(s)); browsers ignore it, the intent is still there.',
      scriptCookie: 'The policy says "{quote}" but an inline script on {page} writes cookie {name} with document.cookie ({pages} page(s)).',
      trackerCookie: 'The policy says "{quote}" but {page} loads {vendor}, which is known to set cookie {name} ({pages} page(s)).',
    },
    requires: { policy: true, claims: ['cookies', 'tracking-cookies', 'named-cookie'], evidence: ['pages', 'cookies'] },
  },
  check(context) {
    const claimsDenying = denials(context.claims, ['cookies', 'tracking-cookies', 'named-cookie'], ['first-party']);
    if (claimsDenying.length === 0) return [];
    const disclosed = namedCookies(context.claims, context.disclosed.cookies);
    const vendors = namedVendors(context.claims, context.disclosed.vendors);
    const firstPartyDomains = [...(context.site.firstParty?.domains ?? []), ...context.disclosed.firstPartyDomains];

    const groups = new EvidenceGroups<Seen>();
    for (const page of context.site.pages) {
      for (const cookie of page.cookies ?? []) {
        if (!cookie.name || !Object.hasOwn(MESSAGE_BY_SOURCE, cookie.source) || isDeletion(cookie)) continue;
        if (disclosed.some((p) => cookieNameMatches(p, cookie.name)) || vendorDisclosed(cookie, vendors)) continue;
        groups.add(`${cookie.source}\u0000${cookie.name}`, page.url, { page: page.url, finalUrl: page.finalUrl, cookie });
      }
    }

    const findings: RuleFinding<MessageId>[] = [];
    for (const group of groups.values()) {
      const first = group.examples[0];
      if (!first) continue;
      const cls = classifyCookie(first.cookie, firstPartyDomains);
      const tags = cookieTags(cls, first.cookie.persistent);
      const reaching = claimsDenying.filter((c) => reaches(c, first.cookie, tags));
      const claim = pickClaim(reaching);
      if (!claim) continue;
      const finding = toFinding(group, cls, claim, reaching.filter((c) => c !== claim).slice(0, 3));
      if (finding) findings.push(finding);
    }
    return findings.map(boundFinding);
  },
});
