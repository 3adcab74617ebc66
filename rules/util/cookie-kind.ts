/**
 * A small, documented heuristic that tells a tracking cookie from a strictly necessary
 * one, so "we use no tracking cookies" does not reach a session id and "no cookies except
 * strictly necessary ones" does not reach a CSRF token. Order of evidence:
 *   1. set by a known tracker's script (cookie.vendor)      -> tracking
 *   2. a Domain attribute outside the first party            -> tracking
 *   3. a well-known tracker cookie name (table below)        -> tracking
 *   4. a well-known session / security / cart / consent name -> necessary
 *   5. anything else                                         -> unknown (rules treat it cautiously)
 * Names are public facts from the vendors' own cookie documentation (Google Analytics
 * "Cookie usage on websites", Meta "Cookies policy", Hotjar and Microsoft Clarity cookie
 * tables, LinkedIn "Cookie table", TikTok "Cookies policy", framework docs for session ids).
 */
import type { CookieEvidence } from '../../src/evidence/types.js';

export type CookieKind = 'tracking' | 'necessary' | 'unknown';
export type CookiePurpose = 'advertising' | 'analytics' | 'session-recording' | 'tracking';

export interface CookieClass {
  kind: CookieKind;
  purpose?: CookiePurpose;
  /** Which step of the heuristic decided, for the finding's evidence. */
  reason: 'vendor' | 'third-party-domain' | 'tracker-name' | 'necessary-name' | 'unknown';
}

const TRACKER_NAMES: Array<[RegExp, CookiePurpose]> = [
  // Google Analytics (analytics.js, gtag.js, urchin)
  [/^(_ga|_ga_.+|_gid|_gat(_.+)?|__utm[abcztv]|_dc_gtm_.+)$/i, 'analytics'],
  // Google Ads / DoubleClick conversion linker
  [/^(_gcl_(au|aw|dc|gb|gs|ha)|ide|dsid|test_cookie|__gads|__gpi)$/i, 'advertising'],
  // Meta Pixel
  [/^(_fbp|_fbc|fr)$/i, 'advertising'],
  // TikTok Pixel
  [/^(_ttp|_tt_enable_cookie|ttcsid(_.+)?)$/i, 'advertising'],
  // LinkedIn Insight Tag
  [/^(li_fat_id|li_sugr|bcookie|lidc|usermatchhistory|analyticssynchistory|ln_or)$/i, 'advertising'],
  // Microsoft Advertising UET, Pinterest, Snap, Reddit, X, Quantcast
  [/^(_uetsid|_uetvid|muid|_pin_unauth|_pinterest_ct_ua|_scid|_sctr|_rdt_uuid|personalization_id|muc_ads|__qca)$/i, 'advertising'],
  // Session recording: Hotjar, Microsoft Clarity, FullStory, Smartlook, Mouseflow
  [/^(_hj.*|_clck|_clsk|clid|fs_uid|fs_lua|smartlookcookie|mf_.+)$/i, 'session-recording'],
  // Product analytics: Matomo, Mixpanel, Segment, Amplitude, HubSpot, Plausible has none
  [/^(_pk_(id|ses|ref|cvar|hsr)(\..*)?|mp_.+_mixpanel|ajs_(anonymous|user)_id|amp_.+|amplitude_id.*|__hstc|__hssc|__hssrc|hubspotutk)$/i, 'analytics'],
];

const NECESSARY_NAMES: RegExp[] = [
  // Server-side sessions: PHP, Java, ASP.NET, Express, Django, Rails, Laravel, generic
  /^(phpsessid|jsessionid|asp\.net_sessionid|aspsessionid.*|connect\.sid|sessionid|session|sid|_session_id|.+_session|laravel_session|ci_session|cfid|cftoken)$/i,
  // CSRF / XSRF protection
  /^(csrftoken|csrf.*|_csrf|xsrf-token|x-csrf-token|__requestverificationtoken.*|authenticity_token)$/i,
  // Shopping carts (Shopify, WooCommerce, generic)
  /^(cart|cart_.+|basket|woocommerce_.+|wp_woocommerce_session_.+|_shopify_s|secure_customer_sig)$/i,
  // Load balancers and bot protection (Cloudflare, AWS)
  /^(__cf_bm|cf_clearance|__cfruid|_cfuvid|awsalb(cors)?|awselb(cors)?)$/i,
  // Login state (WordPress) and __Host- cookies, which can only be first-party and host-bound
  /^(wordpress_logged_in_.+|wordpress_sec_.+|wordpress_test_cookie|__host-.+)$/i,
  // Consent state itself is necessary to honour the choice (CMP docs)
  /^(cookieconsent_status|cookieconsent|optanonconsent|optanonalertboxclosed|euconsent-v2|cookielawinfo-.+|cmplz_.+)$/i,
];

const VENDOR_PURPOSE: Array<[RegExp, CookiePurpose]> = [
  [/hotjar|clarity|fullstory|smartlook|mouseflow|logrocket|lucky ?orange/i, 'session-recording'],
  [/analytics|matomo|piwik|mixpanel|segment|amplitude|heap|plausible|hubspot/i, 'analytics'],
  [/ads|doubleclick|facebook|meta|tiktok|linkedin|pinterest|snap|twitter|reddit|criteo|bing|quantcast/i, 'advertising'],
];

function domainIsFirstParty(domain: string, firstPartyDomains: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/^\./, '');
  return firstPartyDomains.some((fp) => {
    const f = fp.toLowerCase();
    return d === f || d.endsWith(`.${f}`) || f.endsWith(`.${d}`);
  });
}

export function classifyCookie(cookie: Pick<CookieEvidence, 'name' | 'vendor' | 'domain'>, firstPartyDomains: readonly string[] = []): CookieClass {
  if (cookie.vendor) {
    const purpose = VENDOR_PURPOSE.find(([re]) => re.test(cookie.vendor ?? ''))?.[1] ?? 'tracking';
    return { kind: 'tracking', purpose, reason: 'vendor' };
  }
  if (cookie.domain && firstPartyDomains.length > 0 && !domainIsFirstParty(cookie.domain, firstPartyDomains)) {
    return { kind: 'tracking', purpose: 'tracking', reason: 'third-party-domain' };
  }
  const name = cookie.name.trim();
  const tracker = TRACKER_NAMES.find(([re]) => re.test(name));
  if (tracker) return { kind: 'tracking', purpose: tracker[1], reason: 'tracker-name' };
  if (NECESSARY_NAMES.some((re) => re.test(name))) return { kind: 'necessary', reason: 'necessary-name' };
  return { kind: 'unknown', reason: 'unknown' };
}

/** Tags a claim's scope is matched against (see util/claims.ts scopeReaches). */
export function cookieTags(cls: CookieClass, persistent: boolean | undefined): string[] {
  const tags: string[] = [cls.kind];
  if (cls.purpose) tags.push(cls.purpose);
  // Only a cookie scoped to another site is a third-party cookie; _ga set by Google's script
  // on the site's own domain is a first-party cookie, whatever sets it.
  if (cls.reason === 'third-party-domain') tags.push('third-party');
  if (persistent === true) tags.push('persistent');
  if (persistent === false) tags.push('session');
  return tags;
}
