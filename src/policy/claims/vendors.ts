/**
 * Vendor names in policy text mapped to third-party-web entity names, so a rule can match
 * a vendor the policy names against the trackers the crawl saw. Each alias points at one of
 * the vendor's domains and the entity is looked up there; vendors third-party-web does not
 * know keep the name written here. Also the cookie names whose owner is well known.
 */
import type TpwModule from 'third-party-web';
import { requireCjs } from '../../require-cjs.js';

const tpw = requireCjs('third-party-web') as typeof TpwModule;

interface VendorAlias {
  pattern: RegExp;
  /** A domain of the vendor, to ask third-party-web for its entity. */
  domain?: string;
  /** Name used when third-party-web has no entity for the domain. */
  name: string;
  /** Loading it means third-party tracking (analytics/advertising/social/session replay by an outside party). */
  tracker: boolean;
  analytics?: boolean;
}

const ALIASES: VendorAlias[] = [
  { pattern: /\b(?:google analytics|ga4|universal analytics)\b/, domain: 'google-analytics.com', name: 'Google Analytics', tracker: true, analytics: true },
  { pattern: /\bgoogle tag manager\b/, domain: 'googletagmanager.com', name: 'Google Tag Manager', tracker: true },
  { pattern: /\b(?:google ads|google adsense|adsense|doubleclick|google ad manager|adwords)\b/, domain: 'doubleclick.net', name: 'Google/Doubleclick Ads', tracker: true },
  { pattern: /\b(?:meta|facebook) pixels?\b|\bfacebook\b|\bmeta platforms\b|\bmeta\b(?= (?:to|may|can|uses?|collects?|sets?|ads|pixel|and|or)\b)/, domain: 'facebook.com', name: 'Facebook', tracker: true },
  { pattern: /\binstagram\b/, domain: 'instagram.com', name: 'Instagram', tracker: true },
  { pattern: /\bhotjar\b/, domain: 'hotjar.com', name: 'Hotjar', tracker: true, analytics: true },
  { pattern: /\bmatomo\b|\bpiwik\b(?! pro)/, domain: 'matomo.cloud', name: 'Matomo', tracker: false, analytics: true },
  { pattern: /\bplausible\b(?= analytics|\s|,|\.)/, domain: 'plausible.io', name: 'Plausible', tracker: false, analytics: true },
  { pattern: /\bfathom(?: analytics)?\b/, domain: 'usefathom.com', name: 'Fathom Analytics', tracker: false, analytics: true },
  { pattern: /\bsimple analytics\b/, name: 'Simple Analytics', tracker: false, analytics: true },
  { pattern: /\bumami\b/, name: 'Umami', tracker: false, analytics: true },
  { pattern: /\bgoatcounter\b/, name: 'GoatCounter', tracker: false, analytics: true },
  { pattern: /\bcloudflare web analytics\b/, domain: 'cloudflareinsights.com', name: 'Cloudflare', tracker: false, analytics: true },
  { pattern: /\bcloudflare\b/, domain: 'cloudflareinsights.com', name: 'Cloudflare', tracker: false },
  { pattern: /\bstripe\b/, domain: 'stripe.com', name: 'Stripe', tracker: false },
  { pattern: /\bpaypal\b/, domain: 'paypal.com', name: 'PayPal', tracker: false },
  { pattern: /\bhcaptcha\b/, name: 'hCaptcha', tracker: false },
  { pattern: /\brecaptcha\b/, domain: 'recaptcha.net', name: 'Google reCAPTCHA', tracker: false },
  { pattern: /\b(?:microsoft )?clarity\b(?=.*\b(?:microsoft|session|record|heatmap|analytics)\b)|\bmicrosoft clarity\b/, domain: 'clarity.ms', name: 'Clarity', tracker: true, analytics: true },
  { pattern: /\btiktok(?: pixel)?\b/, domain: 'tiktok.com', name: 'TikTok', tracker: true },
  { pattern: /\blinkedin(?: insight tag)?\b/, domain: 'licdn.com', name: 'LinkedIn Ads', tracker: true },
  { pattern: /\b(?:twitter|x) (?:pixel|ads)\b|\btwitter\b/, domain: 'ads-twitter.com', name: 'Twitter Online Conversion Tracking', tracker: true },
  { pattern: /\bpinterest\b/, domain: 'pinterest.com', name: 'Pinterest', tracker: true },
  { pattern: /\bsnapchat\b/, domain: 'snapchat.com', name: 'Snapchat', tracker: true },
  { pattern: /\breddit pixel\b/, domain: 'redditstatic.com', name: 'reddit', tracker: true },
  { pattern: /\b(?:bing ads|microsoft advertising)\b/, domain: 'bing.com', name: 'Bing Ads', tracker: true },
  { pattern: /\bfirebase analytics\b|\bgoogle analytics for firebase\b/, name: 'Firebase', tracker: true, analytics: true },
  { pattern: /\bfirebase\b/, name: 'Firebase', tracker: false },
  { pattern: /\b(?:google )?admob\b/, domain: 'doubleclick.net', name: 'Google/Doubleclick Ads', tracker: true },
  { pattern: /\bapplovin\b/, name: 'AppLovin', tracker: true },
  { pattern: /\bunity ads\b/, name: 'Unity Ads', tracker: true },
  { pattern: /\bironsource\b/, name: 'ironSource', tracker: true },
  { pattern: /\bappsflyer\b/, name: 'AppsFlyer', tracker: true, analytics: true },
  { pattern: /\bpaddle\b/, name: 'Paddle', tracker: false },
  { pattern: /\bsquareup\b|\bsquare (?:payments?|pos|terminal|checkout|point of sale)\b/, name: 'Square', tracker: false },
  { pattern: /\bbraintree\b/, name: 'Braintree', tracker: false },
  { pattern: /\bklarna\b/, name: 'Klarna', tracker: false },
  { pattern: /\bpostmark\b/, name: 'Postmark', tracker: false },
  { pattern: /\bsendgrid\b/, name: 'SendGrid', tracker: false },
  { pattern: /\bmailgun\b/, name: 'Mailgun', tracker: false },
  { pattern: /\bmixpanel\b/, domain: 'mixpanel.com', name: 'Mixpanel', tracker: true, analytics: true },
  { pattern: /\bamplitude\b/, domain: 'amplitude.com', name: 'Amplitude Mobile Analytics', tracker: true, analytics: true },
  { pattern: /\b(?:twilio segment|segment\.com|segment \(analytics\)|segment analytics)\b/, domain: 'segment.com', name: 'Segment', tracker: true, analytics: true },
  { pattern: /\bheap\b(?= analytics)/, domain: 'heapanalytics.com', name: 'Heap', tracker: true, analytics: true },
  { pattern: /\bfullstory\b/, domain: 'fullstory.com', name: 'FullStory', tracker: true, analytics: true },
  { pattern: /\bmouseflow\b/, domain: 'mouseflow.com', name: 'Mouseflow', tracker: true, analytics: true },
  { pattern: /\bcrazy ?egg\b/, domain: 'crazyegg.com', name: 'Crazy Egg', tracker: true, analytics: true },
  { pattern: /\byandex(?: metrica)?\b/, domain: 'mc.yandex.ru', name: 'Yandex Metrica', tracker: true, analytics: true },
  { pattern: /\badobe analytics\b/, domain: 'omtrdc.net', name: 'Adobe Experience Cloud', tracker: true, analytics: true },
  { pattern: /\bcriteo\b/, domain: 'criteo.com', name: 'Criteo', tracker: true },
  { pattern: /\btaboola\b/, domain: 'taboola.com', name: 'Taboola', tracker: true },
  { pattern: /\boutbrain\b/, domain: 'outbrain.com', name: 'Outbrain', tracker: true },
  { pattern: /\bquantcast\b/, domain: 'quantserve.com', name: 'Quantcast', tracker: true },
  { pattern: /\bhubspot\b/, domain: 'hubspot.com', name: 'Hubspot', tracker: true },
  { pattern: /\bintercom\b/, domain: 'intercom.io', name: 'Intercom', tracker: false },
  { pattern: /\bzendesk\b/, domain: 'zdassets.com', name: 'ZenDesk', tracker: false },
  { pattern: /\bmailchimp\b/, domain: 'mailchimp.com', name: 'Mailchimp', tracker: false },
  { pattern: /\bklaviyo\b/, domain: 'klaviyo.com', name: 'Klaviyo', tracker: true },
  { pattern: /\bsentry\b/, domain: 'sentry.io', name: 'Sentry', tracker: false },
  { pattern: /\byoutube\b/, domain: 'youtube.com', name: 'YouTube', tracker: false },
  { pattern: /\bvimeo\b/, domain: 'vimeo.com', name: 'Vimeo', tracker: false },
  { pattern: /\bdisqus\b/, domain: 'disqus.com', name: 'Disqus', tracker: true },
  { pattern: /\baddthis\b/, domain: 'addthis.com', name: 'AddThis', tracker: true },
  { pattern: /\bsharethis\b/, domain: 'sharethis.com', name: 'ShareThis', tracker: true },
  { pattern: /\bgoogle fonts\b/, domain: 'fonts.googleapis.com', name: 'Google Fonts', tracker: false },
  { pattern: /\bgoogle maps\b/, domain: 'maps.googleapis.com', name: 'Google Maps', tracker: false },
  { pattern: /\bshopify\b/, domain: 'shopify.com', name: 'Shopify', tracker: false },
  { pattern: /\bnetlify\b/, name: 'Netlify', tracker: false },
  { pattern: /\bvercel\b/, name: 'Vercel', tracker: false },
  { pattern: /\bamazon web services\b|\baws\b/, name: 'Amazon Web Services', tracker: false },
  { pattern: /\bgithub\b/, name: 'GitHub', tracker: false },
  { pattern: /\bbuttondown\b/, name: 'Buttondown', tracker: false },
  { pattern: /\bcookiebot\b/, domain: 'cookiebot.com', name: 'Cookiebot', tracker: false },
  { pattern: /\bonetrust\b/, domain: 'onetrust.com', name: 'Optanon', tracker: false },
];

export interface VendorMention {
  name: string;
  index: number;
  tracker: boolean;
  analytics: boolean;
}

const entityCache = new Map<string, string>();

function entityName(alias: VendorAlias): string {
  if (!alias.domain) return alias.name;
  const cached = entityCache.get(alias.domain);
  if (cached) return cached;
  let name = alias.name;
  try {
    name = tpw.getEntity(`https://${alias.domain}/`)?.name ?? alias.name;
  } catch {
    // third-party-web throws on odd input; the written name is a fine fallback.
  }
  entityCache.set(alias.domain, name);
  return name;
}

const mentionCache = new Map<string, VendorMention[]>();
const MENTION_CACHE_SIZE = 2_000;

/** Vendors named in a normalised sentence, in text order, one mention per entity. */
export function findVendors(norm: string): VendorMention[] {
  const cached = mentionCache.get(norm);
  if (cached) return cached;
  const found = scanVendors(norm);
  if (mentionCache.size >= MENTION_CACHE_SIZE) mentionCache.clear();
  mentionCache.set(norm, found);
  return found;
}

function scanVendors(norm: string): VendorMention[] {
  const found = new Map<string, VendorMention>();
  for (const alias of ALIASES) {
    const match = alias.pattern.exec(norm);
    if (!match) continue;
    const name = entityName(alias);
    const prior = found.get(name);
    if (!prior || (match.index ?? 0) < prior.index) {
      found.set(name, { name, index: match.index ?? 0, tracker: alias.tracker, analytics: alias.analytics ?? false });
    }
  }
  // "Google Analytics" must not also count as a bare mention of another Google product.
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** Cookie names whose owner is well known, by exact name or prefix. */
const KNOWN_COOKIES: Array<[RegExp, string]> = [
  [/^_ga(?:_.*)?$|^_gid$|^_gat(?:_.*)?$|^__utm[abcvz]$/, 'Google Analytics'],
  [/^_gcl_.*$|^ide$|^test_cookie$|^__gads$|^__gpi$/, 'Google/Doubleclick Ads'],
  [/^_fbp$|^_fbc$|^fr$/, 'Facebook'],
  [/^_hj.*$/, 'Hotjar'],
  [/^_clck$|^_clsk$|^clid$/, 'Clarity'],
  [/^_pk_.*$|^mtm_.*$/, 'Matomo'],
  [/^__cf_bm$|^cf_clearance$|^__cfruid$/, 'Cloudflare'],
  [/^__stripe_.*$/, 'Stripe'],
  [/^intercom-.*$/, 'Intercom'],
  [/^_ttp$|^_tt_.*$/, 'TikTok'],
  [/^li_.*$|^bcookie$|^lidc$/, 'LinkedIn Ads'],
  [/^hubspotutk$|^__hs.*$/, 'Hubspot'],
  [/^ajs_.*$/, 'Segment'],
  [/^mp_.*_mixpanel$/, 'Mixpanel'],
];

export function cookieOwner(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [pattern, owner] of KNOWN_COOKIES) if (pattern.test(lower)) return owner;
  return undefined;
}

const COOKIE_TOKEN = /(?<![\w@./-])(_{1,2}[a-z0-9][\w-]*\*?|[a-z][a-z0-9]*(?:[_-][a-z0-9*]+)+\*?|phpsessid|jsessionid|asp\.net_sessionid|csrftoken|sessionid|laravel_session|wordpress_[\w*]+|wp-settings-[\w*-]+)(?![\w@/])/gi;

/**
 * Cookie names in a sentence: tokens shaped like identifiers (underscores, or hyphens with a
 * wildcard) that appear in a cookie context. Plain words are never taken for cookie names.
 */
export function findCookieNames(sentence: string, cookieContext: boolean): string[] {
  const names: string[] = [];
  for (const match of sentence.matchAll(COOKIE_TOKEN)) {
    const token = match[0];
    const lower = token.toLowerCase();
    const known = cookieOwner(token) !== undefined;
    const codeLike = /_/.test(token) || /\*$/.test(token) || /sessid|session/.test(lower);
    if (!known && !(cookieContext && codeLike)) continue;
    if (/^(?:e-mail|opt-out|third-party|first-party|log-in|sign-up|e_mail)$/.test(lower)) continue;
    if (lower.includes('-') && !lower.includes('_') && !lower.endsWith('*') && !known) continue;
    if (!names.includes(token)) names.push(token);
    if (names.length >= 20) break;
  }
  return names;
}
