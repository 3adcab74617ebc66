/**
 * Cookies well-known trackers set from their script, by vendor. When a page loads one of
 * these trackers, the crawl (which runs no script) cannot see the cookie, so it is
 * inferred as `known-tracker` evidence, a weaker kind the rules report as a warning.
 * Each row cites the vendor's public documentation of its cookies. `<id>` in a name is
 * filled from the tag id found on the page when there is one; `*` stays a wildcard.
 * Data only; matching lives in third-party.ts.
 */

export interface TrackerCookieRow {
  vendor: string;
  /** Cookie names; `<id>` is replaced by the tag id (transformed by `idForName`). */
  cookies: string[];
  /** Registrable domains whose loaded resources mean this tracker runs. */
  domains: string[];
  /** Alternatively, a URL pattern (e.g. gtag.js for a GA measurement id). */
  urlPattern?: RegExp;
  /** `vendor` values of inline-snippet detections that mean this tracker runs. */
  snippetVendors?: string[];
  /** When set, a snippet matches only if its tag id matches too (GA4 vs Universal Analytics). */
  tagIdPattern?: RegExp;
  /** How a tag id becomes the `<id>` part of a cookie name. */
  idForName?: (tagId: string) => string | undefined;
  source: string;
}

export const TRACKER_COOKIES: readonly TrackerCookieRow[] = [
  {
    vendor: 'Google Analytics',
    // GA4 (gtag.js with a G- measurement id): _ga plus a session cookie named after the id.
    cookies: ['_ga', '_ga_<id>'],
    domains: [],
    urlPattern: /googletagmanager\.com\/gtag\/js\?id=G-/i,
    snippetVendors: ['Google Analytics'],
    tagIdPattern: /^G-/i,
    // The cookie name carries the measurement id without its "G-".
    idForName: (id) => (/^G-/i.test(id) ? id.slice(2).toUpperCase() : undefined),
    source: 'https://developers.google.com/analytics/devguides/collection/analyticsjs/cookie-usage',
  },
  {
    vendor: 'Google Analytics',
    // Universal Analytics (analytics.js, or gtag.js with a UA- property id).
    cookies: ['_ga', '_gid', '_gat'],
    domains: ['google-analytics.com'],
    urlPattern: /googletagmanager\.com\/gtag\/js\?id=UA-/i,
    snippetVendors: ['Google Analytics'],
    tagIdPattern: /^UA-/i,
    source: 'https://developers.google.com/analytics/devguides/collection/analyticsjs/cookie-usage',
  },
  {
    vendor: 'Google Ads',
    cookies: ['_gcl_au'],
    domains: ['googleadservices.com', 'doubleclick.net'],
    urlPattern: /googletagmanager\.com\/gtag\/js\?id=(?:AW|DC)-/i,
    snippetVendors: ['Google Ads'],
    source: 'https://business.safety.google/adscookies/',
  },
  {
    vendor: 'Meta Pixel',
    cookies: ['_fbp', '_fbc'],
    domains: ['facebook.net'],
    urlPattern: /facebook\.com\/tr\b/i,
    snippetVendors: ['Meta Pixel'],
    source: 'https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc/',
  },
  {
    vendor: 'Hotjar',
    cookies: ['_hjSessionUser_<id>', '_hjSession_<id>'],
    domains: ['hotjar.com'],
    snippetVendors: ['Hotjar'],
    idForName: (id) => (/^\d+$/.test(id) ? id : undefined),
    source: 'https://help.hotjar.com/hc/en-us/articles/115011789248-Hotjar-Cookie-Information',
  },
  {
    vendor: 'Microsoft Clarity',
    cookies: ['_clck', '_clsk'],
    domains: ['clarity.ms'],
    snippetVendors: ['Microsoft Clarity'],
    source: 'https://learn.microsoft.com/en-us/clarity/setup-and-installation/cookie-list',
  },
  {
    vendor: 'TikTok Pixel',
    cookies: ['_ttp'],
    domains: ['tiktok.com'],
    urlPattern: /analytics\.tiktok\.com/i,
    snippetVendors: ['TikTok Pixel'],
    source: 'https://ads.tiktok.com/help/article/using-cookies-with-tiktok-pixel',
  },
  {
    vendor: 'LinkedIn Insight Tag',
    cookies: ['li_fat_id', 'bcookie', 'lidc', 'UserMatchHistory', 'AnalyticsSyncHistory'],
    domains: ['licdn.com', 'ads.linkedin.com'],
    snippetVendors: ['LinkedIn Insight Tag'],
    source: 'https://www.linkedin.com/legal/l/cookie-table',
  },
  {
    vendor: 'Matomo',
    cookies: ['_pk_id.*', '_pk_ses.*'],
    domains: ['matomo.cloud'],
    urlPattern: /\/(?:matomo|piwik)\.(?:js|php)\b/i,
    snippetVendors: ['Matomo'],
    source: 'https://matomo.org/faq/general/faq_146/',
  },
  {
    vendor: 'Microsoft Advertising',
    cookies: ['_uetsid', '_uetvid'],
    domains: ['bing.com'],
    urlPattern: /bat\.bing\.com/i,
    source: 'https://help.ads.microsoft.com/apex/index/3/en/60000',
  },
  {
    vendor: 'HubSpot',
    cookies: ['__hstc', 'hubspotutk', '__hssc', '__hssrc'],
    domains: ['hs-scripts.com', 'hs-analytics.net'],
    source: 'https://knowledge.hubspot.com/privacy-and-consent/what-cookies-does-hubspot-set-in-a-visitor-s-browser',
  },
  {
    vendor: 'Pinterest Tag',
    cookies: ['_pin_unauth', '_pinterest_ct_ua'],
    domains: ['pinimg.com', 'ct.pinterest.com'],
    urlPattern: /s\.pinimg\.com\/ct\//i,
    snippetVendors: ['Pinterest Tag'],
    source: 'https://policy.pinterest.com/en/cookies',
  },
  {
    vendor: 'FullStory',
    cookies: ['fs_uid', 'fs_lua'],
    domains: ['fullstory.com'],
    snippetVendors: ['FullStory'],
    source: 'https://help.fullstory.com/hc/en-us/articles/360020829513-Why-Fullstory-uses-First-Party-Cookies',
  },
  {
    vendor: 'Segment',
    cookies: ['ajs_anonymous_id', 'ajs_user_id'],
    domains: ['segment.com', 'segment.io'],
    snippetVendors: ['Segment'],
    source: 'https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/identity/',
  },
  {
    vendor: 'Heap',
    cookies: ['_hp2_id.<id>', '_hp2_ses_props.<id>'],
    domains: ['heapanalytics.com'],
    snippetVendors: ['Heap'],
    idForName: (id) => (/^\d+$/.test(id) ? id : undefined),
    source: 'https://help.heap.io/data-management/data-privacy/heap-cookies/',
  },
];
