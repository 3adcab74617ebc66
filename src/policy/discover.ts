/**
 * Finds the privacy policy among the links of crawled pages: every link whose text, title,
 * aria-label or href says privacy is a candidate, scored by wording and position (home page
 * footer or nav first), with the reasons kept so a user can see why one was chosen. Off-site
 * targets (Termly, iubenda, a Google Doc, a PDF) are allowed. Pure: reads evidence, fetches nothing.
 */
import type { LinkEvidence, PageEvidence } from '../evidence/types.js';
import type { PolicyCandidate, PolicyDiscovery } from './types.js';

interface Wording {
  pattern: RegExp;
  score: number;
  reason: string;
}

const LABEL_WORDING: Wording[] = [
  { pattern: /^(?:our |website |site )?privacy(?: policy| notice| statement)?$/, score: 60, reason: 'exact privacy wording' },
  { pattern: /^privacy (?:&|and) cookies?(?: policy)?$|^privacy (?:&|and) cookie policy$/, score: 55, reason: 'privacy & cookies wording' },
  { pattern: /\bprivacy (?:policy|notice|statement|center|centre|information)\b/, score: 45, reason: 'link text names the privacy policy' },
  { pattern: /\bprivacy\b|\bprivacidad\b|\bconfidentialit[ée]\b|\bprivacybeleid\b/, score: 30, reason: 'link text says privacy' },
  { pattern: /\bdata protection\b|\bdatenschutz\w*\b|\bprotection des donn[ée]es\b/, score: 35, reason: 'link text says data protection' },
];

const NOT_THE_POLICY = /\b(?:privacy (?:settings|preferences|choices|options|dashboard|request)|manage (?:privacy|cookies|consent)|do not sell|your privacy choices|opt[- ]out|cookie settings|cookie preferences)\b/;
const HREF_PRIVACY = /privacy|datenschutz|data-protection|dataprotection|privacidad|confidentialite/i;
const KNOWN_HOSTS = /(?:^|\.)(?:termly\.io|iubenda\.com|docs\.google\.com|privacypolicies\.com|freeprivacypolicy\.com|app\.termly\.io|policies\.google\.com|notion\.site|github\.com)$/;
const COOKIE_POLICY = /\bcookie (?:policy|notice|statement|information)\b|^cookies?$/;

function labelOf(link: LinkEvidence): string {
  return [link.text, link.title, link.ariaLabel].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

function scoreLink(link: LinkEvidence, onHome: boolean): { score: number; reasons: string[] } | null {
  const label = labelOf(link);
  const reasons: string[] = [];
  let score = 0;
  for (const wording of LABEL_WORDING) {
    if (wording.pattern.test(label)) {
      score += wording.score;
      reasons.push(wording.reason);
      break;
    }
  }
  let url: URL;
  try {
    url = new URL(link.href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (HREF_PRIVACY.test(url.pathname + url.search + url.hostname)) {
    score += 20;
    reasons.push('href says privacy');
  }
  if (score === 0) return null;
  if (NOT_THE_POLICY.test(label)) {
    score -= 40;
    reasons.push('settings or opt-out link, not the policy');
  }
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
  }
  if (KNOWN_HOSTS.test(url.hostname)) reasons.push('hosted by a policy service');
  if (/\.pdf$/i.test(url.pathname)) reasons.push('a PDF');
  return { score, reasons };
}

function sameDocument(a: string, b: string): boolean {
  return a.replace(/#.*$/, '').replace(/\/$/, '') === b.replace(/#.*$/, '').replace(/\/$/, '');
}

export function discoverPolicy(pages: PageEvidence[], homeUrl: string): PolicyDiscovery {
  const byUrl = new Map<string, PolicyCandidate & { home: boolean }>();
  let cookiePolicy: { url: string; home: boolean } | undefined;
  for (const page of pages) {
    if (page.pass !== 'crawl') continue;
    const onHome = sameDocument(page.finalUrl, homeUrl) || sameDocument(page.url, homeUrl);
    for (const link of page.links.slice(0, 5_000)) {
      const label = labelOf(link);
      if (COOKIE_POLICY.test(label) && !/privacy/.test(label) && (!cookiePolicy || (onHome && !cookiePolicy.home))) {
        cookiePolicy = { url: link.href, home: onHome };
      }
      const scored = scoreLink(link, onHome);
      if (!scored || scored.score <= 0) continue;
      const url = link.href.replace(/#.*$/, '');
      const prior = byUrl.get(url);
      if (!prior || scored.score > prior.score) {
        byUrl.set(url, { url, text: link.text.slice(0, 200), score: scored.score, reasons: scored.reasons, home: onHome });
      }
    }
  }
  const candidates = [...byUrl.values()].sort(
    (a, b) => b.score - a.score || Number(b.home) - Number(a.home) || a.url.length - b.url.length || a.url.localeCompare(b.url),
  );
  const best = candidates[0];
  const result: PolicyDiscovery = {
    url: best?.url ?? null,
    foundBy: best ? `link "${best.text || best.url}" (${best.reasons.join(', ')})` : 'no link to a privacy policy was found',
    candidates: candidates.slice(0, 20).map(({ url, text, score, reasons }) => ({ url, text, score, reasons })),
  };
  if (cookiePolicy && (!best || !sameDocument(cookiePolicy.url, best.url))) result.cookiePolicyUrl = cookiePolicy.url.replace(/#.*$/, '');
  return result;
}
