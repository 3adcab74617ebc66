/**
 * Third-party classification and the site-level evidence pass run after the crawl.
 * Who is first party: the start site's and final home page's registrable domains, the
 * domains the config declares, and the site's own third-party-web entity, but only when
 * the site lives on that entity's own domain: a site hosted by a vendor (blogspot.com,
 * storage.googleapis.com) never makes that vendor's other products first party, and
 * entities are compared by product (Google Analytics is not Google Fonts), not company.
 *
 * Trackers: third-party-web categories ad, analytics, social and tag-manager, plus our
 * session-recording list. Video, customer-success (chat), marketing, consent-provider,
 * cdn, hosting, utility (payments, maps, captcha) and content are not trackers: those
 * categories mostly hold embeds and widgets that serve the visitor; their categories are
 * still recorded so a rule can widen its reach. Classification is cached per host, so
 * thousands of pages with the same tags cost one lookup per host.
 */
import type TpwModule from 'third-party-web';
import type * as Tldts from 'tldts';
import { requireCjs } from '../require-cjs.js';
import type { CookieEvidence, FirstParty, PageEvidence, ResourceEvidence, ThirdPartyInfo } from './types.js';
import { SESSION_RECORDING_VENDORS } from './data/session-recording.js';
import { TRACKER_COOKIES, type TrackerCookieRow } from './data/tracker-cookies.js';
import { MAX_COOKIES_PER_PAGE } from './cookies.js';
import { hostOf } from './url.js';

const tpw = requireCjs('third-party-web') as typeof TpwModule;
const { getDomain } = requireCjs('tldts') as typeof Tldts;

export const TRACKER_CATEGORIES: ReadonlySet<string> = new Set(['ad', 'analytics', 'social', 'tag-manager', 'session-recording']);
/** Entity categories of platforms that host other people's sites: never adopted as "the site's own entity". */
const PLATFORM_CATEGORIES = new Set(['hosting', 'cdn', 'utility']);

interface HostClass {
  /** Registrable domain with private suffixes honoured, or the host itself. */
  siteDomain: string;
  /** Registrable domain under the public ICANN list only (for vendor domain tables). */
  icannDomain: string;
  entity?: string;
  categories: string[];
  tracker: boolean;
}

const hostCache = new Map<string, HostClass>();
const HOST_CACHE_LIMIT = 50_000;

const SR_BY_DOMAIN = new Map<string, string>();
const SR_BY_HOST = new Map<string, string>();
for (const row of SESSION_RECORDING_VENDORS) {
  for (const d of row.domains) SR_BY_DOMAIN.set(d, row.vendor);
  for (const h of row.hosts ?? []) SR_BY_HOST.set(h, row.vendor);
}

function isIpOrLocal(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || host.includes(':');
}

/** Registrable domain (private suffixes honoured); the exact host for IPs, localhost and bare names. */
export function siteDomainOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h || isIpOrLocal(h)) return h;
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

function icannDomainOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h || isIpOrLocal(h)) return h;
  return getDomain(h) ?? h;
}

/** Classification of a host, independent of who the first party is. Cached. */
export function classifyHost(host: string): HostClass {
  const h = host.toLowerCase();
  const cached = hostCache.get(h);
  if (cached) return cached;
  const siteDomain = siteDomainOf(h);
  const icannDomain = icannDomainOf(h);
  const entity = isIpOrLocal(h) ? undefined : tpw.getEntity(`https://${h}/`);
  const categories = entity ? [entity.category] : [];
  const recorder = SR_BY_HOST.get(h) ?? SR_BY_DOMAIN.get(icannDomain);
  if (recorder) categories.push('session-recording');
  const info: HostClass = {
    siteDomain,
    icannDomain,
    categories,
    tracker: categories.some((c) => TRACKER_CATEGORIES.has(c)),
  };
  const name = entity?.name ?? recorder;
  if (name) info.entity = name;
  if (hostCache.size >= HOST_CACHE_LIMIT) hostCache.clear();
  hostCache.set(h, info);
  return info;
}

/** A host whose vendor tracks (used to keep URL literals found in inline script). */
export function isTrackerHost(host: string): boolean {
  return host !== '' && classifyHost(host).tracker;
}

function normaliseDomain(value: string): string {
  let v = value.trim().toLowerCase();
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/^\*\./, '').replace(/\.$/, '');
  return v;
}

/** The site's own entity, only when the site sits on the entity's own registrable domain. */
function ownEntity(homeHost: string): string | undefined {
  if (!homeHost || isIpOrLocal(homeHost)) return undefined;
  const entity = tpw.getEntity(`https://${homeHost}/`);
  if (!entity || PLATFORM_CATEGORIES.has(entity.category)) return undefined;
  const site = siteDomainOf(homeHost);
  const own = entity.domains.some((d) => siteDomainOf(d.replace(/^\*\./, '')) === site);
  return own ? entity.name : undefined;
}

export function firstPartyFor(startUrl: string, homeUrl: string, extraDomains: readonly string[] = []): FirstParty {
  const domains = new Set<string>();
  for (const url of [startUrl, homeUrl]) {
    const host = hostOf(url);
    if (host) domains.add(siteDomainOf(host));
  }
  for (const d of extraDomains) {
    const n = normaliseDomain(d);
    if (n) domains.add(n);
  }
  const fp: FirstParty = { domains: [...domains].sort() };
  const entity = ownEntity(hostOf(homeUrl) || hostOf(startUrl));
  if (entity) fp.entity = entity;
  return fp;
}

function isFirstParty(host: string, info: HostClass, fp: FirstParty): boolean {
  for (const d of fp.domains) {
    if (host === d || host.endsWith(`.${d}`) || info.siteDomain === d) return true;
  }
  return fp.entity !== undefined && info.entity === fp.entity;
}

/** Third-party info for a URL, or undefined when it is first party or not a web URL. */
export function classifyUrl(url: string, fp: FirstParty): ThirdPartyInfo | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const info = classifyHost(host);
  if (isFirstParty(host, info, fp)) return undefined;
  const out: ThirdPartyInfo = { domain: info.siteDomain, categories: [...info.categories], tracker: info.tracker };
  if (info.entity) out.entity = info.entity;
  return out;
}

/** Fills `thirdParty` on every third-party resource of every page (in place). */
export function classifySite(pages: readonly PageEvidence[], fp: FirstParty): void {
  for (const page of pages) {
    for (const resource of page.resources) {
      const tp = classifyUrl(resource.url, fp);
      if (tp) resource.thirdParty = tp;
      else delete resource.thirdParty;
    }
  }
}

function rowMatches(row: TrackerCookieRow, r: ResourceEvidence, host: string): boolean {
  if (r.vendor && row.snippetVendors?.includes(r.vendor) && (!row.tagIdPattern || row.tagIdPattern.test(r.tagId ?? ''))) return true;
  if (row.urlPattern?.test(r.url)) return true;
  if (!host || !r.thirdParty) return false;
  const domain = classifyHost(host).icannDomain;
  return row.domains.some((d) => domain === d || host === d || host.endsWith(`.${d}`));
}

/** The signal a page's pass sent, under which a gated load would not happen. */
function passSignal(page: PageEvidence): 'dnt' | 'gpc' | undefined {
  return page.pass === 'dnt' || page.pass === 'gpc' ? page.pass : undefined;
}

/**
 * Adds `known-tracker` cookies for trackers each page loads (not hints, comments, consent-
 * held or inert scripts; not loads gated on the signal the page's pass sent). A cookie the
 * page already shows with the same name is not duplicated. Idempotent.
 */
export function inferTrackerCookies(pages: readonly PageEvidence[]): void {
  for (const page of pages) {
    if (!Array.isArray(page.cookies) || !Array.isArray(page.resources)) continue;
    const signal = passSignal(page);
    page.cookies = page.cookies.filter((c) => c.source !== 'known-tracker');
    const names = new Set(page.cookies.map((c) => c.name));
    const added: CookieEvidence[] = [];
    // Script sets these cookies: a <noscript> pixel (seen only with script off) does not.
    const candidates = page.resources
      .filter((r) => !r.notLoaded && !r.noscript && !(signal && r.gatedOn?.includes(signal)) && (r.thirdParty || r.vendor || r.kind === 'script' || r.kind === 'inline-script'))
      .map((r) => ({ r, host: hostOf(r.url) }));
    if (candidates.length === 0) continue;
    for (const row of TRACKER_COOKIES) {
      const loads = candidates.filter((c) => rowMatches(row, c.r, c.host)).map((c) => c.r);
      // A snippet that switches the vendor's cookies off speaks for every load of it on the page.
      if (loads.length === 0 || loads.some((r) => r.cookieless)) continue;
      const ids = [...new Set(loads.map((r) => (r.tagId && row.idForName ? row.idForName(r.tagId) : undefined)).filter((v): v is string => !!v))].sort();
      for (const template of row.cookies) {
        const concrete = template.includes('<id>') ? (ids.length ? ids.map((id) => template.replace('<id>', id)) : [template.replace('<id>', '*')]) : [template];
        for (const name of concrete) {
          if (names.has(name) || page.cookies.length + added.length >= MAX_COOKIES_PER_PAGE) continue;
          names.add(name);
          const via = loads[0];
          added.push({
            name,
            source: 'known-tracker',
            raw: `${row.vendor} (${via?.url ?? ''}) sets ${name}; documented at ${row.source}`,
            vendor: row.vendor,
            persistent: true,
            sourceUrl: row.source,
          });
        }
      }
    }
    page.cookies.push(...added);
  }
}

export interface FinalizeInput {
  startUrl: string;
  homeUrl: string;
  extraDomains: readonly string[];
}

/** One call after a crawl pass: decide the first party, classify, infer tracker cookies. */
export function finalizeSiteEvidence(pages: readonly PageEvidence[], input: FinalizeInput): FirstParty {
  const fp = firstPartyFor(input.startUrl, input.homeUrl, input.extraDomains);
  classifySite(pages, fp);
  inferTrackerCookies(pages);
  return fp;
}
