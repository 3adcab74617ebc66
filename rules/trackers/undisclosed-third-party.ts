/**
 * trackers/undisclosed-third-party: advertising, analytics, social, tag-manager or
 * session-recording third parties load while the policy denies third-party tracking or
 * sharing. One finding per vendor (third-party-web entity, or domain when unknown) with
 * every page it loads on. A vendor the policy or config names is disclosed; a vendor named
 * inside a denial is not. Pure: third-party classification comes from src/evidence.
 */
import type { ResourceEvidence, ThirdPartyInfo } from '../../src/evidence/types.js';
import type { Claim, ClaimTopic } from '../../src/policy/types.js';
import { defineRule, toFindingClaim, type RuleFinding } from '../types.js';
import { boundFinding } from '../util/bound.js';
import { denials, namedInException, pickClaim, scopeReaches, severityFor, shortQuote } from '../util/claims.js';
import { EvidenceGroups, sortedUnique } from '../util/group.js';
import { trackingCategories, type TrackingCategory } from '../util/terms.js';
import { pathKey } from '../util/urls.js';
import { identifyTracker, identityMatches, isFirstPartyDomain, loadedTracker, type TrackerIdentity } from '../util/vendors.js';

type MessageId = 'undisclosedTracker' | 'deniedVendor';

/** Which tracker categories a denial on each topic speaks about. */
const TOPIC_REACH: Partial<Record<ClaimTopic, readonly TrackingCategory[]>> = {
  'third-party-tracking': ['advertising', 'analytics', 'social', 'tag-manager', 'session-recording'],
  // Social pixels exist to target ads, so "no behavioural advertising" and "we do not
  // share with outside parties" reach them; analytics is not selling or sharing.
  'behavioral-advertising': ['advertising', 'social'],
  sharing: ['advertising', 'social'],
  analytics: ['analytics', 'session-recording'],
};

const TOPICS = Object.keys(TOPIC_REACH) as ClaimTopic[];

interface Seen {
  page: string;
  resource: ResourceEvidence & { thirdParty: ThirdPartyInfo };
  id: TrackerIdentity;
}

function reaches(claim: Claim, id: TrackerIdentity, categories: TrackingCategory[]): boolean {
  if (claim.topic === 'named-vendor') {
    const named = (claim.vendors ?? []).filter((v) => identityMatches([v], id));
    if (named.length === 0 || named.every((v) => namedInException(claim.quote, v) || namedInException(claim.quote, id.key))) return false;
    return scopeReaches(claim, ['tracking', 'third-party', ...categories]);
  }
  const reach = TOPIC_REACH[claim.topic] ?? [];
  const inReach = categories.filter((c) => reach.includes(c));
  // The extractor called it a tracker without a category we know: only a blanket denial reaches it.
  const uncategorised = categories.length === 0 && claim.topic === 'third-party-tracking';
  if (inReach.length === 0 && !uncategorised) return false;
  // Scope terms may name a category ("no advertising partners") or a vendor ("except Stripe").
  if (identityMatches(claim.scope?.excludes ?? [], id)) return false;
  // Social pixels are ad tech: "no advertising networks" reaches the Meta Pixel.
  const tags = inReach.includes('social') ? [...inReach, 'advertising'] : inReach;
  return scopeReaches(claim, ['tracking', 'third-party', ...tags]);
}

export default defineRule<MessageId>({
  meta: {
    id: 'trackers/undisclosed-third-party',
    description: 'Third-party trackers load while the policy denies third-party tracking or sharing.',
    defaultSeverity: 'error',
    docs: 'rules/trackers/undisclosed-third-party.md',
    messages: {
      undisclosedTracker: 'The policy says "{quote}" but {page} loads {vendor} ({categories}) on {pages} page(s).',
      deniedVendor: 'The policy names {vendor} in a denial ("{quote}") but {page} loads it ({categories}) on {pages} page(s).',
    },
    requires: {
      policy: true,
      claims: ['third-party-tracking', 'behavioral-advertising', 'sharing', 'analytics', 'named-vendor'],
      evidence: ['pages', 'resources'],
    },
  },
  check(context) {
    const claimsDenying = denials(context.claims, [...TOPICS, 'named-vendor']);
    if (claimsDenying.length === 0) return [];
    const disclosed = [
      ...context.claims.filter((c) => c.topic === 'named-vendor' && (c.stance === 'affirms' || c.stance === 'permits')).flatMap((c) => c.vendors ?? []),
      ...context.disclosed.vendors,
    ];

    const groups = new EvidenceGroups<Seen>();
    // Every domain and category of a vendor, not only those of the bounded examples.
    const domainsOf = new Map<string, Set<string>>();
    const categoriesOf = new Map<string, Set<string>>();
    for (const page of context.site.pages) {
      for (const resource of page.resources ?? []) {
        if (!loadedTracker(resource)) continue;
        if (isFirstPartyDomain(resource.thirdParty.domain, context.site, context.disclosed.firstPartyDomains)) continue;
        const id = identifyTracker(resource);
        groups.add(id.key, page.url, { page: page.url, resource, id });
        if (!domainsOf.has(id.key)) domainsOf.set(id.key, new Set());
        if (!categoriesOf.has(id.key)) categoriesOf.set(id.key, new Set());
        domainsOf.get(id.key)?.add(id.domain);
        for (const c of id.categories) categoriesOf.get(id.key)?.add(c);
      }
    }

    const findings: RuleFinding<MessageId>[] = [];
    for (const group of groups.values()) {
      const first = group.examples[0];
      if (!first) continue;
      const id = first.id;
      const allCategories = sortedUnique(categoriesOf.get(group.key) ?? []);
      const categories = trackingCategories(allCategories);
      // A vendor named in a denial ("we do not use Google Analytics") is the most specific claim.
      const named = claimsDenying.filter((c) => c.topic === 'named-vendor' && reaches(c, id, categories));
      if (named.length === 0 && identityMatches(disclosed, id)) continue;
      const reaching = named.length ? named : claimsDenying.filter((c) => c.topic !== 'named-vendor' && reaches(c, id, categories));
      const claim = pickClaim(reaching);
      if (!claim) continue;
      findings.push({
        messageId: claim.topic === 'named-vendor' ? 'deniedVendor' : 'undisclosedTracker',
        severity: severityFor(claim, 'error'),
        data: {
          quote: shortQuote(claim.quote),
          page: pathKey(first.page),
          vendor: id.key,
          categories: categories.join(', ') || 'tracker',
          pages: group.urls.length,
        },
        urls: group.urls,
        claim: toFindingClaim(claim),
        ...(reaching.length > 1 ? { relatedClaims: reaching.filter((c) => c !== claim).slice(0, 3).map(toFindingClaim) } : {}),
        evidence: {
          thirdParty: {
            name: id.key,
            ...(id.product ? { product: id.product } : {}),
            ...(id.entity ? { entity: id.entity } : {}),
            domains: sortedUnique(domainsOf.get(group.key) ?? []),
            categories: allCategories,
          },
          loads: group.count,
          examples: group.examples.map((s) => ({
            page: s.page,
            url: s.resource.url,
            kind: s.resource.kind,
            via: s.resource.via,
            ...(s.resource.noscript ? { noscript: true } : {}),
            ...(s.resource.tagId ? { tagId: s.resource.tagId } : {}),
          })),
        },
        evidenceKey: `tracker:${id.key}`,
      });
    }
    return findings.map(boundFinding);
  },
});
