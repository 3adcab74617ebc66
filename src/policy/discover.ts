/**
 * Finds the privacy policy among the links of crawled pages: every link whose text, title,
 * aria-label (an image's alt text is part of the link text) or href says privacy is a
 * candidate, scored by wording and position (home page footer or nav first), with the reasons
 * kept so a user can see why one was chosen. Off-site targets (Termly, iubenda, a Google Doc,
 * a PDF) are allowed. Also finds a separate cookie policy, read as part of the policy.
 * Pure: reads evidence, fetches nothing.
 */
import type { LinkEvidence, PageEvidence } from '../evidence/types.js';
import type { PolicyCandidate, PolicyDiscovery } from './types.js';

interface Wording {
  pattern: RegExp;
  score: number;
  reason: string;
}

const LABEL_WORDING: Wording[] = [
  { pattern: /^(?:our |the |website |site |online )?privacy(?: policy| notice| statement)?$/, score: 60, reason: 'exact privacy wording' },
  { pattern: /^(?:our )?privacy (?:&|and|\+) cookies?(?: policy| notice)?$|^privacy (?:&|and|\+) cookie (?:policy|notice)$|^(?:our )?data protection(?: policy| notice| statement)?$/, score: 55, reason: 'exact privacy & cookies or data protection wording' },
  { pattern: /\bprivacy (?:policy|notice|statement|center|centre|information|practices)\b/, score: 45, reason: 'link text names the privacy policy' },
  { pattern: /\bdata protection\b|\bdatenschutz\w*\b|\bprotection des donn[ée]es\b/, score: 35, reason: 'link text says data protection' },
  { pattern: /\bprivacy\b|\bprivacidad\b|\bconfidentialit[ée]\b|\bprivacybeleid\b/, score: 30, reason: 'link text says privacy' },
];

const NOT_THE_POLICY =
  /\b(?:privacy (?:settings|preferences|choices|options|dashboard|request|controls)|manage (?:privacy|cookies|consent|preferences)|do not sell|your privacy choices|opt[- ]out|cookie (?:settings|preferences|consent)|consent (?:settings|preferences))\b/;
/** "Google's privacy policy", "Stripe privacy policy" in page text: another party's policy. */
const SOMEONE_ELSES = /\b(?!our\b|my\b|the\b|this\b)[a-z0-9][\w.-]*['’]s privacy\b|\b(?:google|facebook|meta|stripe|paypal|youtube|twitter|apple|microsoft|amazon|shopify|mailchimp|vimeo|hubspot)\b(?:['’]s)? privacy/;
const HREF_PRIVACY = /privacy|datenschutz|data-protection|dataprotection|privacidad|confidentialite/i;
const KNOWN_HOSTS = /(?:^|\.)(?:termly\.io|iubenda\.com|docs\.google\.com|privacypolicies\.com|freeprivacypolicy\.com|termsfeed\.com|policies\.google\.com|notion\.site|github\.com)$/;
const COOKIE_POLICY_LABEL = /\bcookies? (?:policy|notice|statement|information|declaration)\b|^(?:our )?cookies?$|^(?:about|use of) cookies$/;
const COOKIE_POLICY_HREF = /cookie[-_]?(?:policy|notice|statement|declaration)|\/cookies\/?$/i;

const MAX_LINKS_PER_PAGE = 5_000;
/**
 * Every wording above, and every href that scores, contains one of these: a link without any
 * cannot be a candidate, so the crawl's thousands of other links skip URL parsing and scoring.
 */
const MAYBE_RELEVANT = /privac|datenschutz|data\W*protection|protection des donn|confidentialit|cookie/i;

/** Whether discovery could ever rank this link; the crawler keeps only these (see CrawlOptions.keepLink). */
export function maybeRelevant(link: LinkEvidence): boolean {
  return (
    MAYBE_RELEVANT.test(link.href) ||
    MAYBE_RELEVANT.test(link.text) ||
    (link.title !== undefined && MAYBE_RELEVANT.test(link.title)) ||
    (link.ariaLabel !== undefined && MAYBE_RELEVANT.test(link.ariaLabel)) ||
    (link.rel !== undefined && MAYBE_RELEVANT.test(link.rel))
  );
}

/** The link's labels, each lower-cased: visible text (with image alt), title, aria-label. */
function labelsOf(link: LinkEvidence): string[] {
  return [link.text, link.title, link.ariaLabel]
    .map((label) => (label ?? '').replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((label) => label.length > 0 && label.length <= 300);
}

function displayLabel(link: LinkEvidence): string {
  return (link.text || link.ariaLabel || link.title || '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

function parseHttp(href: string): URL | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function hostOf(href: string): string {
  return parseHttp(href)?.hostname.toLowerCase().replace(/^www\./, '') ?? '';
}

function bestWording(labels: string[]): Wording | undefined {
  let best: Wording | undefined;
  for (const label of labels) {
    const found = LABEL_WORDING.find((wording) => wording.pattern.test(label));
    if (found && (!best || found.score > best.score)) best = found;
  }
  return best;
}

function scoreLink(link: LinkEvidence, onHome: boolean, siteHost: string): { score: number; reasons: string[] } | null {
  const url = parseHttp(link.href);
  if (!url) return null;
  const labels = labelsOf(link);
  const reasons: string[] = [];
  let score = 0;
  const wording = bestWording(labels);
  if (wording) {
    score += wording.score;
    reasons.push(wording.reason);
  }
  if (HREF_PRIVACY.test(url.pathname + url.search + url.hostname)) {
    score += 20;
    reasons.push('href says privacy');
  }
  if (/(?:^|\s)privacy-policy(?:\s|$)/i.test(link.rel ?? '')) {
    // RFC 6903 link relation: the site itself says this is its privacy policy.
    score += 40;
    reasons.push('rel="privacy-policy"');
  }
  if (score === 0) return null;
  if (labels.some((label) => NOT_THE_POLICY.test(label))) {
    score -= 40;
    reasons.push('settings or opt-out link, not the policy');
  }
  if (labels.some((label) => SOMEONE_ELSES.test(label))) {
    score -= 60;
    reasons.push("names another party's policy");
  }
  const offSite = siteHost !== '' && hostOf(link.href) !== siteHost;
  if (onHome) {
    score += 10;
    reasons.push('on the home page');
    if (link.region === 'footer' || link.region === 'nav') {
      score += 15;
      reasons.push(`in the home page ${link.region}`);
    }
  } else if (link.region === 'footer' || link.region === 'nav') {
    score += 5;
    reasons.push(`in a page ${link.region}`);
  } else if (offSite) {
    // An off-site privacy link in an article is usually someone else's policy.
    score -= 15;
    reasons.push('off-site link in page content');
  }
  if (KNOWN_HOSTS.test(url.hostname)) reasons.push('hosted by a policy service');
  else if (offSite) reasons.push('off-site');
  if (/\.pdf$/i.test(url.pathname)) reasons.push('a PDF');
  return { score, reasons };
}

function withoutFragment(url: string): string {
  return url.replace(/#.*$/, '');
}

/** Whether two URLs name one document: the fragment and a trailing slash do not count. */
export function sameDocument(a: string, b: string): boolean {
  return withoutFragment(a).replace(/\/$/, '') === withoutFragment(b).replace(/\/$/, '');
}

function isCookiePolicyLink(link: LinkEvidence): boolean {
  const url = parseHttp(link.href);
  if (!url) return false;
  const labels = labelsOf(link);
  if (labels.some((label) => /privacy|data protection/.test(label) || NOT_THE_POLICY.test(label))) return false;
  return labels.some((label) => COOKIE_POLICY_LABEL.test(label)) || (labels.length === 0 && COOKIE_POLICY_HREF.test(url.pathname));
}

interface Scored extends PolicyCandidate {
  home: boolean;
}

function compareCandidates(a: Scored, b: Scored): number {
  return b.score - a.score || Number(b.home) - Number(a.home) || a.url.length - b.url.length || a.url.localeCompare(b.url);
}

/**
 * Looks for a separate cookie policy among `links` (from the crawled pages, or from the policy
 * page itself). Returns its URL without fragment, or undefined. Links back to `exclude` (the
 * policy, or the page they sit on) are not a second document.
 */
export function findCookiePolicyLink(links: LinkEvidence[], exclude: string[]): string | undefined {
  for (const link of links.slice(0, MAX_LINKS_PER_PAGE)) {
    if (!isCookiePolicyLink(link)) continue;
    if (exclude.some((other) => sameDocument(other, link.href))) continue;
    return withoutFragment(link.href);
  }
  return undefined;
}

export function discoverPolicy(pages: PageEvidence[], homeUrl: string): PolicyDiscovery {
  const byUrl = new Map<string, Scored>();
  const siteHost = hostOf(homeUrl);
  let cookiePolicy: { url: string; score: number } | undefined;
  for (const page of pages) {
    if (page.pass !== 'crawl') continue;
    const onHome = sameDocument(page.finalUrl, homeUrl) || sameDocument(page.url, homeUrl);
    for (const link of page.links.slice(0, MAX_LINKS_PER_PAGE)) {
      if (!maybeRelevant(link)) continue;
      // A link back to the page itself or to the home page ("#privacy" on a one-page site,
      // a "Privacy" button that opens a dialog) is not a separate policy document.
      if (sameDocument(link.href, homeUrl) || sameDocument(link.href, page.finalUrl) || sameDocument(link.href, page.url)) continue;
      // Off-site, only a policy service counts: "About cookies" often points to a general explainer.
      if (isCookiePolicyLink(link) && (hostOf(link.href) === hostOf(page.finalUrl) || KNOWN_HOSTS.test(hostOf(link.href)))) {
        const score = (onHome ? 2 : 0) + (link.region === 'footer' || link.region === 'nav' ? 1 : 0);
        if (!cookiePolicy || score > cookiePolicy.score) cookiePolicy = { url: withoutFragment(link.href), score };
      }
      const scored = scoreLink(link, onHome, siteHost);
      if (!scored || scored.score <= 0) continue;
      const url = withoutFragment(link.href);
      const prior = byUrl.get(url);
      if (!prior || compareCandidates({ url, text: '', score: scored.score, reasons: [], home: onHome }, prior) < 0) {
        byUrl.set(url, { url, text: displayLabel(link), score: scored.score, reasons: scored.reasons, home: onHome });
      }
    }
  }
  const candidates = [...byUrl.values()].sort(compareCandidates);
  const best = candidates[0];
  const result: PolicyDiscovery = {
    url: best?.url ?? null,
    foundBy: best ? `link "${best.text || best.url}" (${best.reasons.join(', ')})` : 'no link to a privacy policy was found',
    candidates: candidates.slice(0, 20).map(({ url, text, score, reasons }) => ({ url, text, score, reasons })),
  };
  if (cookiePolicy && (!best || !sameDocument(cookiePolicy.url, best.url))) result.cookiePolicyUrl = cookiePolicy.url;
  return result;
}
