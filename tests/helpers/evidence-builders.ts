/**
 * Builders for rule tests: complete SiteEvidence / PageEvidence / Claim objects from a few
 * fields, so a test states only what it is about. Defaults describe an honest, empty site
 * on https://shop.example/ with its policy at /privacy. Builders never share mutable
 * state between calls (each returns fresh arrays), so a frozen case cannot leak.
 */
import type {
  CookieEvidence,
  FormEvidence,
  FormFieldEvidence,
  LinkEvidence,
  PageEvidence,
  ResourceEvidence,
  SiteEvidence,
  ThirdPartyInfo,
} from '../../src/evidence/types.js';
import type { Claim, ClaimTopic, PolicyDocument } from '../../src/policy/types.js';
import type { RuleContext } from '../../rules/types.js';

export const HOME = 'https://shop.example/';
export const POLICY_URL = 'https://shop.example/privacy';

export function url(path: string): string {
  return new URL(path, HOME).href;
}

export function page(partial: Partial<PageEvidence> & { url?: string } = {}): PageEvidence {
  const u = partial.url ?? HOME;
  return {
    url: u,
    finalUrl: partial.finalUrl ?? u,
    status: 200,
    depth: 0,
    pass: 'crawl',
    contentType: 'text/html; charset=utf-8',
    hops: [{ url: u, status: 200, headers: {}, setCookie: [] }],
    links: [],
    cookies: [],
    resources: [],
    forms: [],
    scriptSignals: { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] },
    ...partial,
  };
}

export function link(href: string, text: string, extra: Partial<LinkEvidence> = {}): LinkEvidence {
  return { href: new URL(href, HOME).href, text, region: 'footer', ...extra };
}

export function headerCookie(name: string, extra: Partial<CookieEvidence> = {}): CookieEvidence {
  return {
    name,
    source: 'header',
    raw: `${name}=v1; Path=/`,
    responseUrl: HOME,
    responseStatus: 200,
    ...extra,
  };
}

export function metaCookie(name: string, extra: Partial<CookieEvidence> = {}): CookieEvidence {
  return { name, source: 'meta', raw: `<meta http-equiv="set-cookie" content="${name}=1">`, ...extra };
}

export function scriptCookie(name: string, extra: Partial<CookieEvidence> = {}): CookieEvidence {
  return { name, source: 'inline-script', raw: `document.cookie = "${name}=1; path=/"`, ...extra };
}

export function trackerCookie(name: string, vendor: string, extra: Partial<CookieEvidence> = {}): CookieEvidence {
  return { name, source: 'known-tracker', raw: `${vendor} sets ${name}`, vendor, persistent: true, ...extra };
}

const KNOWN: Record<string, ThirdPartyInfo> = {
  'Google Analytics': { domain: 'google-analytics.com', entity: 'Google Analytics', categories: ['analytics'], tracker: true },
  'Google Tag Manager': { domain: 'googletagmanager.com', entity: 'Google Tag Manager', categories: ['tag-manager'], tracker: true },
  Facebook: { domain: 'facebook.net', entity: 'Facebook', categories: ['social'], tracker: true },
  'Google/Doubleclick Ads': { domain: 'doubleclick.net', entity: 'Google/Doubleclick Ads', categories: ['ad'], tracker: true },
  Hotjar: { domain: 'hotjar.com', entity: 'Hotjar', categories: ['analytics', 'session-recording'], tracker: true },
  'Google Fonts': { domain: 'gstatic.com', entity: 'Google Fonts', categories: ['cdn'], tracker: false },
  TikTok: { domain: 'tiktok.com', entity: 'TikTok', categories: ['social'], tracker: true },
};

const SAMPLE_URL: Record<string, string> = {
  'Google Analytics': 'https://www.google-analytics.com/analytics.js',
  'Google Tag Manager': 'https://www.googletagmanager.com/gtm.js?id=GTM-ABC123',
  Facebook: 'https://connect.facebook.net/en_US/fbevents.js',
  'Google/Doubleclick Ads': 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/',
  Hotjar: 'https://static.hotjar.com/c/hotjar-1.js',
  'Google Fonts': 'https://fonts.gstatic.com/s/roboto.woff2',
  TikTok: 'https://analytics.tiktok.com/i18n/pixel/events.js',
};

/** A loaded third-party resource for a known entity (see KNOWN) or a custom ThirdPartyInfo. */
export function tracker(entityOrInfo: string | ThirdPartyInfo, extra: Partial<ResourceEvidence> = {}): ResourceEvidence {
  const info = typeof entityOrInfo === 'string' ? KNOWN[entityOrInfo] : entityOrInfo;
  if (!info) throw new Error(`unknown test entity ${String(entityOrInfo)}`);
  const sample = typeof entityOrInfo === 'string' ? SAMPLE_URL[entityOrInfo] : undefined;
  return {
    url: sample ?? `https://cdn.${info.domain}/t.js`,
    kind: 'script',
    via: 'script[src]',
    thirdParty: { ...info, categories: [...info.categories] },
    ...extra,
  };
}

const GTM_ENTITY: ThirdPartyInfo = { domain: 'googletagmanager.com', entity: 'Google Tag Manager', categories: ['tag-manager'], tracker: true };

/**
 * Google Analytics as the extractor sees gtag.js: the URL belongs to Google Tag Manager's
 * entity; the product is named by the snippet (`vendor`), or only by the id in the URL
 * when `named` is false.
 */
export function gtag(id: string, extra: Partial<ResourceEvidence> & { named?: boolean } = {}): ResourceEvidence {
  const { named = true, ...rest } = extra;
  return {
    url: `https://www.googletagmanager.com/gtag/js?id=${id}`,
    kind: named ? 'inline-script' : 'script',
    via: named ? `gtag('config', '${id}')` : 'script[src]',
    thirdParty: { ...GTM_ENTITY, categories: [...GTM_ENTITY.categories] },
    ...(named ? { vendor: id.startsWith('AW-') ? 'Google Ads' : 'Google Analytics', tagId: id } : {}),
    ...rest,
  };
}

/** A Google Tag Manager container load. */
export function gtmContainer(id: string, extra: Partial<ResourceEvidence> = {}): ResourceEvidence {
  return { url: `https://www.googletagmanager.com/gtm.js?id=${id}`, kind: 'inline-script', via: `GTM container ${id}`, thirdParty: { ...GTM_ENTITY, categories: [...GTM_ENTITY.categories] }, vendor: 'Google Tag Manager', tagId: id, ...extra };
}

export function field(dataType: FormFieldEvidence['dataType'], extra: Partial<FormFieldEvidence> = {}): FormFieldEvidence {
  return { name: dataType, type: dataType === 'email' ? 'email' : 'text', dataType, ...extra };
}

export function form(action: string, fields: FormFieldEvidence[], method = 'post'): FormEvidence {
  return { action: new URL(action, HOME).href, method, fields };
}

let claimCounter = 0;

export function claim(topic: ClaimTopic, stance: Claim['stance'], partial: Partial<Claim> = {}): Claim {
  claimCounter++;
  return {
    id: partial.id ?? `c${claimCounter}`,
    topic,
    stance,
    actor: 'first-party',
    scope: { excludes: [], limitedTo: [] },
    quote: partial.quote ?? `Claim about ${topic} (${stance}).`,
    location: { url: POLICY_URL, line: claimCounter },
    confidence: 'high',
    source: 'extracted',
    ...partial,
  };
}

export function policy(claims: Claim[] = [], partial: Partial<PolicyDocument> = {}): PolicyDocument {
  return {
    url: POLICY_URL,
    foundBy: 'link text "Privacy Policy"',
    text: claims.map((c) => c.quote).join('\n'),
    sentences: claims.map((c) => ({ text: c.quote, line: c.location.line })),
    claims,
    language: 'en',
    ...partial,
  };
}

export function site(partial: Partial<SiteEvidence> = {}): SiteEvidence {
  return {
    startUrl: HOME,
    homeUrl: HOME,
    firstParty: { domains: ['shop.example'] },
    pages: [page()],
    signals: { wellKnown: {} },
    policyLinkChecks: [],
    errors: [],
    coverage: { pages: partial.pages?.length ?? 1, blockedByRobots: [], failed: [], truncated: [], leftOver: [], policyFound: true, notes: [] },
    durationMs: 0,
    ...partial,
  };
}

export interface ContextInput {
  pages?: PageEvidence[];
  site?: Partial<SiteEvidence>;
  claims?: Claim[];
  /** null: no policy found. Default: a policy at POLICY_URL holding `claims`. */
  policy?: PolicyDocument | null;
  disclosed?: Partial<RuleContext['disclosed']>;
  options?: Record<string, unknown>;
}

export function context(input: ContextInput = {}): RuleContext {
  const claims = input.claims ?? [];
  return {
    site: site({ ...(input.pages ? { pages: input.pages } : {}), ...input.site }),
    policy: input.policy === undefined ? policy(claims) : input.policy,
    claims,
    disclosed: { vendors: [], cookies: [], firstPartyDomains: [], ...input.disclosed },
    options: input.options ?? {},
  };
}
