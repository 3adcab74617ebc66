/**
 * Vendor identity for rules: the key a tracker is grouped under, and whether a vendor
 * name from the policy or the config (free text: "Google", "Meta Pixel", "hotjar.com")
 * refers to a third party the evidence classified. Pure string work; the classification
 * itself (third-party-web, tldts) happens in src/evidence, never here.
 */
import type { ResourceEvidence, SiteEvidence, ThirdPartyInfo } from '../../src/evidence/types.js';

// Brand names people write for a third-party-web entity that does not contain them.
const ALIASES: Record<string, string[]> = {
  meta: ['facebook'],
  'meta-pixel': ['facebook'],
  'facebook-pixel': ['facebook'],
  instagram: ['facebook'],
  x: ['twitter'],
  'x-twitter': ['twitter'],
  'google-ads': ['google-doubleclick-ads'],
  'google-adsense': ['google-doubleclick-ads'],
  doubleclick: ['google-doubleclick-ads'],
  'microsoft-clarity': ['clarity'],
  'google-analytics-4': ['google-analytics'],
  ga4: ['google-analytics'],
  gtm: ['google-tag-manager'],
  'linkedin-insight-tag': ['linkedin-ads'],
  'tiktok-pixel': ['tiktok'],
  'x-twitter-pixel': ['twitter'],
  'twitter-pixel': ['twitter'],
  'pinterest-tag': ['pinterest'],
  'snap-pixel': ['snapchat', 'snap'],
  'reddit-pixel': ['reddit'],
};

// Categories of products a loader snippet names (ResourceEvidence.vendor) when they differ
// from the entity of the URL that loads them: gtag.js for Google Analytics comes from
// googletagmanager.com, whose third-party-web entity is the tag manager.
const PRODUCT_CATEGORIES: Array<[RegExp, string[]]> = [
  [/^(google-analytics|universal-analytics|ga4)$/, ['analytics']],
  [/^(google-ads|google-adsense|doubleclick|floodlight)$/, ['ad']],
  [/^(hotjar|microsoft-clarity|clarity|fullstory|smartlook|logrocket|inspectlet|lucky-orange|mouseflow|crazy-egg)$/, ['analytics', 'session-recording']],
  [/^(heap|mixpanel|segment|amplitude|matomo|piwik|plausible|yandex-metrica)$/, ['analytics']],
  [/pixel$|-tag$|^linkedin-insight/, ['ad']],
];

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}

export interface TrackerIdentity {
  /** Group key and display name: the product, the entity, or the domain. */
  key: string;
  domain: string;
  entity?: string;
  /** The product a loader snippet names, when it is not the URL's entity. */
  product?: string;
  categories: string[];
}

/** The product behind a resource when the extractor did not name it: gtag.js with a G-/UA- id loads Google Analytics. */
function productFromUrl(url: string): string | undefined {
  const m = /googletagmanager\.com\/gtag\/js\?(?:[^#]*&)?id=(G|UA|AW|DC)-/i.exec(String(url ?? ''));
  if (!m) return undefined;
  const kind = (m[1] ?? '').toUpperCase();
  return kind === 'AW' || kind === 'DC' ? 'Google Ads' : 'Google Analytics';
}

/**
 * Who a loaded tracker really is. A snippet's product (Google Analytics via gtag.js) wins
 * over the entity of the loader's URL (Google Tag Manager); a product that is just the
 * entity's brand ("Meta Pixel" on Facebook's domain) folds into the entity, so the
 * script and its <noscript> pixel are one vendor.
 */
// Rules see the same resource objects many times (both signal passes, several rules): identify each once.
const identities = new WeakMap<object, TrackerIdentity>();

export function identifyTracker(r: ResourceEvidence & { thirdParty: ThirdPartyInfo }): TrackerIdentity {
  const known = identities.get(r);
  if (known) return known;
  const id = computeIdentity(r);
  identities.set(r, id);
  return id;
}

function computeIdentity(r: ResourceEvidence & { thirdParty: ThirdPartyInfo }): TrackerIdentity {
  const tp = r.thirdParty;
  const domain = String(tp.domain ?? '');
  const product = (typeof r.vendor === 'string' && r.vendor.trim()) || productFromUrl(r.url);
  const base = { domain, ...(tp.entity ? { entity: tp.entity } : {}) };
  if (product && !(tp.entity && vendorMatches(product, tp))) {
    const s = slug(product);
    const categories = PRODUCT_CATEGORIES.find(([re]) => re.test(s))?.[1] ?? tp.categories ?? [];
    return { ...base, key: product, product, categories: [...categories] };
  }
  // A brand product folded into its entity still says what it is: the Snap Pixel is ad tech
  // even where third-party-web files Snapchat under analytics.
  const productCategories = product ? (PRODUCT_CATEGORIES.find(([re]) => re.test(slug(product)))?.[1] ?? []) : [];
  return { ...base, key: vendorKey(tp) || product || domain, categories: [...new Set([...(tp.categories ?? []), ...productCategories])] };
}

/** Does a name from a claim or config designate this tracker (its product, entity or domain)? */
export function identityMatches(names: readonly string[], id: TrackerIdentity): boolean {
  return names.some((n) => vendorMatches(n, { entity: id.key, domain: id.domain }) || (id.product === undefined && id.entity !== undefined && vendorMatches(n, { entity: id.entity, domain: id.domain })));
}

/** Group key for a third party: its entity, or its domain when third-party-web does not know it. */
export function vendorKey(tp: Pick<ThirdPartyInfo, 'entity' | 'domain'>): string {
  return tp.entity?.trim() || String(tp.domain ?? '');
}

/**
 * Does `name` (from a claim or config) designate this third party? Exact entity or
 * domain, an alias, or a whole-word prefix: "Google" names "Google Analytics" and
 * "Google/Doubleclick Ads", because a policy that says it shares with Google has
 * disclosed Google's products; "Goo" names nothing.
 */
export function vendorMatches(name: string, tp: Pick<ThirdPartyInfo, 'entity' | 'domain'>): boolean {
  const wanted = slug(name);
  if (!wanted) return false;
  const domain = String(tp.domain ?? '').toLowerCase();
  if (wanted === domain || domain.endsWith(`.${wanted}`)) return true;
  if (!tp.entity) return false;
  const entity = slug(tp.entity);
  const candidates = [wanted, ...(Object.hasOwn(ALIASES, wanted) ? (ALIASES[wanted] ?? []) : [])];
  return candidates.some((c) => entity === c || entity.startsWith(`${c}-`));
}

export function anyVendorMatches(names: readonly string[], tp: Pick<ThirdPartyInfo, 'entity' | 'domain'>): boolean {
  return names.some((n) => vendorMatches(n, tp));
}

/** A third party the site or its config declares as its own (defence in depth over the extractor). */
export function isFirstPartyDomain(domain: string, site: Pick<SiteEvidence, 'firstParty'>, configured: readonly string[]): boolean {
  const d = String(domain ?? '').toLowerCase();
  if (!d) return false;
  return [...(site.firstParty?.domains ?? []), ...configured].some((fp) => {
    const f = fp.toLowerCase().replace(/^\*\./, '');
    return d === f || d.endsWith(`.${f}`);
  });
}

/** A resource that is a third-party tracker the page actually loads. */
export function loadedTracker(r: ResourceEvidence): r is ResourceEvidence & { thirdParty: ThirdPartyInfo } {
  return Boolean(r.thirdParty?.tracker) && !r.notLoaded;
}

/** Is this load made conditional on the signal in page script (marked on it, or listed by URL or vendor name)? */
export function isGatedOn(r: ResourceEvidence, signal: 'dnt' | 'gpc', gated: readonly string[]): boolean {
  if (r.gatedOn?.includes(signal)) return true;
  const tp = r.thirdParty;
  return gated.some((g) => {
    const v = String(g ?? '').trim();
    if (!v) return false;
    if (v === r.url) return true;
    // A list entry that is a name, not a URL, names the vendor.
    return tp !== undefined && !/[/:]/.test(v) && vendorMatches(v, tp);
  });
}

/**
 * Tracker identities the page script honours the signal for. A product tracks through its
 * init or config call, so a gated `gtag('config')` honours the signal even when the
 * gtag.js file itself is a static script tag.
 */
export function gatedIdentities(resources: readonly ResourceEvidence[], signal: 'dnt' | 'gpc', gated: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const r of resources) {
    if (loadedTracker(r) && isGatedOn(r, signal, gated)) keys.add(identifyTracker(r).key);
  }
  return keys;
}
