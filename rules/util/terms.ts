/**
 * Shared vocabulary for rules: normalises the free words a policy (or a config file)
 * uses for scopes, purposes and categories into a small set of canonical tags, so that
 * "strictly necessary cookies", "essential" and "necessary" mean one thing to every rule.
 * Pure string work only: no evidence, no claims, no I/O.
 */

/** Lower-case, words joined by '-', a trailing "cookie(s)" dropped: "Strictly Necessary Cookies" -> "strictly-necessary". */
export function normaliseTerm(term: string): string {
  return String(term ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-?cookies?$/, '')
    .replace(/-+$/, '');
}

// Synonyms a policy uses for one canonical tag. Unknown words stay themselves, so a
// config may still scope a claim with its own vocabulary and match exactly.
const SYNONYMS: Record<string, string> = {
  'strictly-necessary': 'necessary',
  'strictly-required': 'necessary',
  essential: 'necessary',
  'strictly-essential': 'necessary',
  required: 'necessary',
  technical: 'necessary',
  security: 'necessary',
  authentication: 'necessary',
  login: 'necessary',
  'session-management': 'necessary',
  functional: 'functional',
  functionality: 'functional',
  preference: 'functional',
  preferences: 'functional',
  ad: 'advertising',
  ads: 'advertising',
  advert: 'advertising',
  advertising: 'advertising',
  advertisement: 'advertising',
  marketing: 'advertising',
  targeting: 'advertising',
  'targeted-advertising': 'advertising',
  'behavioral-advertising': 'advertising',
  'behavioural-advertising': 'advertising',
  retargeting: 'advertising',
  analytics: 'analytics',
  analytical: 'analytics',
  statistics: 'analytics',
  statistical: 'analytics',
  performance: 'analytics',
  measurement: 'analytics',
  social: 'social',
  'social-media': 'social',
  tracking: 'tracking',
  tracker: 'tracking',
  trackers: 'tracking',
  'third-party-tracking': 'tracking',
  'cross-site-tracking': 'tracking',
  'behavioral-tracking': 'tracking',
  'behavioural-tracking': 'tracking',
  'session-recording': 'session-recording',
  'session-replay': 'session-recording',
  heatmap: 'session-recording',
  heatmaps: 'session-recording',
  'tag-manager': 'tag-manager',
  'tag-management': 'tag-manager',
  'third-party': 'third-party',
  'third-parties': 'third-party',
  'first-party': 'first-party',
  session: 'session',
  persistent: 'persistent',
};

// Own keys only: a policy may well contain the word "constructor".
function synonym(norm: string): string | undefined {
  return Object.hasOwn(SYNONYMS, norm) ? SYNONYMS[norm] : undefined;
}

export function canonicalTag(term: string): string {
  const norm = normaliseTerm(term);
  return synonym(norm) ?? norm;
}

/** Tracker categories as the evidence names them (third-party-web plus our own) -> canonical tags. */
export function canonicalCategory(category: string): string {
  const norm = normaliseTerm(category);
  if (norm === 'ad' || norm === 'ads' || norm === 'advertising') return 'advertising';
  // third-party-web's 'marketing' is chat and CRM widgets, not ad tech.
  if (norm === 'marketing') return 'marketing';
  return synonym(norm) ?? norm;
}

/** The categories that make a third party a tracker for these rules. */
export const TRACKING_CATEGORIES = ['advertising', 'analytics', 'social', 'tag-manager', 'session-recording'] as const;
export type TrackingCategory = (typeof TRACKING_CATEGORIES)[number];

export function trackingCategories(categories: readonly string[]): TrackingCategory[] {
  const out = new Set<TrackingCategory>();
  for (const c of categories) {
    const tag = canonicalCategory(c);
    if ((TRACKING_CATEGORIES as readonly string[]).includes(tag)) out.add(tag as TrackingCategory);
  }
  return [...out].sort();
}
