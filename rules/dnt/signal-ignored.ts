/**
 * dnt/signal-ignored: the site promises to honour Do Not Track (a policy claim, or an EFF
 * /.well-known/dnt-policy.txt) or Global Privacy Control (a claim, or gpc.json with
 * gpc: true), yet the pass that sent the signal still loaded trackers or got tracking
 * cookies. GPC covers sale and sharing, so only advertising and social vendors count for
 * it. A tracker whose loading page script gates on the signal is honoured. Pure: compares
 * the signals-pass evidence with the normal pass; with no signals pass it reports nothing.
 */
import type { CookieEvidence, PageEvidence, ResourceEvidence, ThirdPartyInfo } from '../../src/evidence/types.js';
import type { Claim } from '../../src/policy/types.js';
import { defineRule, toFindingClaim, type RuleContext, type RuleFinding, type Severity } from '../types.js';
import { boundFinding } from '../util/bound.js';
import { findClaims, pickClaim, shortQuote } from '../util/claims.js';
import { classifyCookie, type CookieClass } from '../util/cookie-kind.js';
import { EvidenceGroups, sortedUnique } from '../util/group.js';
import { trackingCategories, type TrackingCategory } from '../util/terms.js';
import { comparableUrl, pathKey } from '../util/urls.js';
import { gatedIdentities, identifyTracker, isFirstPartyDomain, loadedTracker, type TrackerIdentity } from '../util/vendors.js';

type MessageId = 'dntTracker' | 'dntCookie' | 'gpcTracker' | 'gpcCookie';
type Signal = 'dnt' | 'gpc';

const SIGNALS: Record<Signal, { header: string; topic: 'dnt' | 'gpc'; categories: readonly TrackingCategory[]; tracker: MessageId; cookie: MessageId }> = {
  dnt: { header: 'DNT: 1', topic: 'dnt', categories: ['advertising', 'analytics', 'social', 'tag-manager', 'session-recording'], tracker: 'dntTracker', cookie: 'dntCookie' },
  // GPC is an opt-out of sale and sharing; first-party analytics is neither.
  gpc: { header: 'Sec-GPC: 1', topic: 'gpc', categories: ['advertising', 'social'], tracker: 'gpcTracker', cookie: 'gpcCookie' },
};

const ANALYTICS_ONLY = /\banalytic|\bstatistic|\bmeasurement\b/i;

const SPECIFIC: Record<Signal, RegExp> = {
  dnt: /\b(?:do not|don't|not|no|stop|disable|without)\b[^.]{0,60}\b(?:track|load|set|analytics|cookies?|advertis)/i,
  gpc: /\bopt(?:s|ed)?[- ]?out\b|\bsale\b|\bsell|\bshar(?:e|ing)\b|\badvertis|\bpixel|\bads\b/i,
};

interface Basis {
  claim?: Claim;
  /** Human-readable statement the finding rests on. */
  statement: string;
  severity: Severity;
  source: 'policy' | 'dnt-policy.txt' | 'gpc.json' | 'tk-header';
}

function basisFor(signal: Signal, context: RuleContext): Basis | undefined {
  // "We treat GPC as a request to reject analytics cookies" promises nothing about the sale
  // and sharing this rule checks under GPC.
  const promises = findClaims(context.claims, { topics: [SIGNALS[signal].topic], stances: ['affirms'], actors: ['first-party'] }).filter(
    (c) => signal !== 'gpc' || !ANALYTICS_ONLY.test(c.quote) || SPECIFIC.gpc.test(c.quote),
  );
  // Cite the sentence that says what honouring means ("... as an opt-out of sale and sharing"),
  // not a cross-reference ("We honour GPC, as described below").
  const specific = promises.filter((c) => SPECIFIC[signal].test(c.quote));
  const claim = pickClaim(specific.length ? specific : promises);
  if (claim) {
    return { claim, statement: `The policy says "${shortQuote(claim.quote)}"`, severity: claim.confidence === 'low' ? 'warning' : 'error', source: 'policy' };
  }
  const wk = context.site.signals?.wellKnown ?? {};
  if (signal === 'gpc' && wk.gpcJson?.gpc === true) {
    return { statement: 'The site declares gpc: true in /.well-known/gpc.json', severity: 'error', source: 'gpc.json' };
  }
  // The EFF DNT policy allows exceptions (e.g. short-lived logs) a crawl cannot weigh: a warning.
  if (signal === 'dnt' && wk.dntPolicy === true) {
    return { statement: 'The site publishes the EFF Do Not Track policy at /.well-known/dnt-policy.txt', severity: 'warning', source: 'dnt-policy.txt' };
  }
  // A `Tk: N` answer (W3C Tracking Preference Expression, now obsolete) asserts "not tracking".
  if (signal === 'dnt' && (wk.tk ?? []).some((v) => String(v).trim().toUpperCase() === 'N')) {
    return { statement: 'The site answers with the tracking status header Tk: N ("not tracking")', severity: 'warning', source: 'tk-header' };
  }
  return undefined;
}

interface SeenTracker {
  page: string;
  resource: ResourceEvidence & { thirdParty: ThirdPartyInfo };
  id: TrackerIdentity;
}

interface SeenCookie {
  page: string;
  cookie: CookieEvidence;
  cls: CookieClass;
}

function gatedList(page: PageEvidence, signal: Signal): string[] {
  const s = page.scriptSignals;
  return (signal === 'dnt' ? s?.dntGated : s?.gpcGated) ?? [];
}

const MAX_DIFF_URLS = 20;

/** The pass without the signal, as a difference: the page lists themselves are on the finding. */
function normalPassEvidence(signalUrls: readonly string[], normalUrls: readonly string[]) {
  const normal = new Set(normalUrls);
  const onlyWithSignal = signalUrls.filter((u) => !normal.has(u));
  return {
    pages: normalUrls.length,
    sameAsWithoutSignal: onlyWithSignal.length === 0,
    ...(onlyWithSignal.length ? { onlyWithSignal: onlyWithSignal.slice(0, MAX_DIFF_URLS) } : {}),
  };
}

function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

function checkSignal(signal: Signal, context: RuleContext): RuleFinding<MessageId>[] {
  const passPages = context.site.signals?.[signal];
  if (!passPages || passPages.length === 0) return [];
  const basis = basisFor(signal, context);
  if (!basis) return [];
  const spec = SIGNALS[signal];
  const firstPartyDomains = [...(context.site.firstParty?.domains ?? []), ...context.disclosed.firstPartyDomains];
  // What each normal-pass page loaded, by URL, for the "without the signal" side of the evidence.
  const comparable = memo(comparableUrl);
  const normalTrackers = new Map<string, Set<string>>();
  const normalCookies = new Map<string, Set<string>>();
  for (const p of context.site.pages ?? []) {
    const key = comparable(p.url);
    normalTrackers.set(key, new Set((p.resources ?? []).filter(loadedTracker).map((r) => identifyTracker(r).key)));
    normalCookies.set(key, new Set((p.cookies ?? []).map((c) => `${c.source}\u0000${c.name}`)));
  }

  const trackers = new EvidenceGroups<SeenTracker>();
  const categoriesOf = new Map<string, Set<string>>();
  const cookies = new EvidenceGroups<SeenCookie>();
  for (const page of passPages) {
    const honoured = gatedIdentities(page.resources ?? [], signal, gatedList(page, signal));
    for (const resource of page.resources ?? []) {
      if (!loadedTracker(resource)) continue;
      if (isFirstPartyDomain(resource.thirdParty.domain, context.site, context.disclosed.firstPartyDomains)) continue;
      const id = identifyTracker(resource);
      const tracking = trackingCategories(id.categories);
      // Do Not Track covers any tracker, even one without a category we know; GPC only sale and sharing.
      if (!(tracking.some((c) => spec.categories.includes(c)) || (signal === 'dnt' && tracking.length === 0))) continue;
      if (honoured.has(id.key)) continue;
      trackers.add(id.key, page.url, { page: page.url, resource, id });
      if (!categoriesOf.has(id.key)) categoriesOf.set(id.key, new Set());
      for (const c of id.categories) categoriesOf.get(id.key)?.add(c);
    }
    for (const cookie of page.cookies ?? []) {
      // Inferred tracker cookies follow their tracker, which is reported (or honoured) above.
      if (!cookie.name || cookie.source === 'known-tracker') continue;
      const cls = classifyCookie(cookie, firstPartyDomains);
      if (cls.kind !== 'tracking') continue;
      if (signal === 'gpc' && cls.purpose !== 'advertising') continue;
      cookies.add(`${cookie.source}\u0000${cookie.name}`, page.url, { page: page.url, cookie, cls });
    }
  }

  const claimPart = basis.claim ? { claim: toFindingClaim(basis.claim) } : {};
  const basisEvidence = { signal, header: spec.header, basis: basis.source };
  const findings: RuleFinding<MessageId>[] = [];

  for (const group of trackers.values()) {
    const first = group.examples[0];
    if (!first) continue;
    const { id } = first;
    const key = id.key;
    const allCategories = sortedUnique(categoriesOf.get(key) ?? []);
    const categories = trackingCategories(allCategories).filter((c) => spec.categories.includes(c));
    const normalUrls = group.urls.filter((u) => normalTrackers.get(comparable(u))?.has(key));
    // A tag manager alone does not track; what it loads under the signal is not visible in HTTP evidence.
    const onlyTagManager = categories.length > 0 && categories.every((c) => c === 'tag-manager');
    findings.push({
      messageId: spec.tracker,
      severity: onlyTagManager ? 'warning' : basis.severity,
      data: { basis: basis.statement, page: pathKey(first.page), vendor: key, categories: categories.join(', ') || 'tracker', pages: group.urls.length },
      urls: group.urls,
      ...claimPart,
      evidence: {
        ...basisEvidence,
        thirdParty: { name: id.key, ...(id.product ? { product: id.product } : {}), ...(id.entity ? { entity: id.entity } : {}), domain: id.domain, categories: allCategories },
        signalPass: {
          pages: group.urls.length,
          examples: group.examples.map((s) => ({ page: s.page, url: s.resource.url.slice(0, 500), kind: s.resource.kind, via: s.resource.via, ...(s.resource.noscript ? { noscript: true } : {}) })),
        },
        normalPass: normalPassEvidence(group.urls, normalUrls),
      },
      evidenceKey: `${signal}:tracker:${key}`,
    });
  }

  for (const group of cookies.values()) {
    const first = group.examples[0];
    if (!first) continue;
    const { cookie, cls } = first;
    const normalUrls = group.urls.filter((u) => normalCookies.get(comparable(u))?.has(`${cookie.source}\u0000${cookie.name}`));
    findings.push({
      messageId: spec.cookie,
      severity: cookie.source === 'meta' ? 'warning' : basis.severity,
      data: { basis: basis.statement, page: pathKey(first.page), name: cookie.name, pages: group.urls.length },
      urls: group.urls,
      ...claimPart,
      evidence: {
        ...basisEvidence,
        cookie: { name: cookie.name, source: cookie.source, kind: cls.kind, ...(cls.purpose ? { purpose: cls.purpose } : {}), classifiedBy: cls.reason },
        signalPass: {
          pages: group.urls.length,
          raw: (cookie.raw ?? '').slice(0, 500),
          ...(cookie.responseUrl ? { responseUrl: cookie.responseUrl } : {}),
          ...(cookie.responseStatus !== undefined ? { responseStatus: cookie.responseStatus } : {}),
        },
        normalPass: normalPassEvidence(group.urls, normalUrls),
      },
      evidenceKey: `${signal}:cookie:${cookie.source}:${cookie.name}`,
    });
  }
  return findings;
}

export default defineRule<MessageId>({
  meta: {
    id: 'dnt/signal-ignored',
    description: 'The site says it honours Do Not Track or Global Privacy Control, but a request sending the signal still gets trackers or tracking cookies.',
    defaultSeverity: 'error',
    docs: 'rules/dnt/signal-ignored.md',
    messages: {
      dntTracker: '{basis}, but with DNT: 1 {page} still loads {vendor} ({categories}) on {pages} page(s).',
      dntCookie: '{basis}, but with DNT: 1 {page} still sets tracking cookie {name} ({pages} page(s)).',
      gpcTracker: '{basis}, but with Sec-GPC: 1 {page} still loads {vendor} ({categories}), which sells or shares data ({pages} page(s)).',
      gpcCookie: '{basis}, but with Sec-GPC: 1 {page} still sets advertising cookie {name} ({pages} page(s)).',
    },
    requires: { policy: false, claims: ['dnt', 'gpc'], evidence: ['pages', 'signals', 'resources', 'cookies'] },
  },
  check(context) {
    return [...checkSignal('dnt', context), ...checkSignal('gpc', context)].map(boundFinding);
  },
});
