/**
 * Types at the evidence boundary: compact, JSON-serialisable facts about each page.
 * Rules read only these (and claims); they never see HTML. Every item says where it
 * came from so a finding can show its proof.
 */
import type { CrawlError, CrawlPass, HopRecord } from '../crawl/types.js';

export type PageRegion = 'header' | 'nav' | 'main' | 'footer' | 'aside' | 'other';

export interface LinkEvidence {
  /** Absolute URL, fragment dropped. */
  href: string;
  /** Visible text, whitespace collapsed. */
  text: string;
  title?: string;
  ariaLabel?: string;
  rel?: string;
  region: PageRegion;
}

export type CookieSource = 'header' | 'meta' | 'inline-script' | 'known-tracker';

export interface CookieEvidence {
  name: string;
  source: CookieSource;
  /** Raw line or snippet that set it (header line, meta content, script excerpt). */
  raw: string;
  /** The response (hop) URL and status that carried it, for header cookies. */
  responseUrl?: string;
  responseStatus?: number;
  /** For header cookies: the cookie's domain attribute, if any. */
  domain?: string;
  /** Max-Age / Expires give a lifetime; absent for session cookies. */
  persistent?: boolean;
  /** For `known-tracker`: the vendor whose script sets it. */
  vendor?: string;
  /** Set-Cookie line that could not be parsed; kept as raw evidence. */
  malformed?: boolean;
  /** For `inline-script`: the name is computed at run time; `name` holds the expression. */
  dynamicName?: boolean;
  /** For `known-tracker`: the vendor's public documentation of the cookie. */
  sourceUrl?: string;
}

export type ResourceKind = 'script' | 'iframe' | 'img' | 'link' | 'form' | 'inline-script' | 'other';

/** Why a referenced third-party URL does not count as a load. */
export type NotLoadedReason = 'resource-hint' | 'html-comment' | 'consent-held' | 'anchor' | 'inert-script-type';

export interface ThirdPartyInfo {
  /** Registrable domain (tldts) or host for IPs. */
  domain: string;
  /** third-party-web entity name, when known. */
  entity?: string;
  /** third-party-web categories plus our own ('session-recording'). */
  categories: string[];
  /** Counts as tracking: advertising, analytics, social, tag-manager, session-recording. */
  tracker: boolean;
}

export interface ResourceEvidence {
  url: string;
  kind: ResourceKind;
  /** How it was found: element selector-ish description or snippet marker. */
  via: string;
  /** Inside `<noscript>`. */
  noscript?: boolean;
  /** Set when the reference is present but the page does not load it. */
  notLoaded?: NotLoadedReason;
  /** Third-party classification; absent for first-party URLs. */
  thirdParty?: ThirdPartyInfo;
  /** Loading is gated in page script on a privacy signal. */
  gatedOn?: Array<'dnt' | 'gpc'>;
  /** Product a loader snippet or tag id names (e.g. 'Google Analytics', 'Meta Pixel'). */
  vendor?: string;
  /** Tag or account id found with it (G-..., GTM-..., a pixel id). */
  tagId?: string;
  /** The snippet turns the vendor's cookies off (Matomo disableCookies, GA client_storage 'none'). */
  cookieless?: boolean;
}

export type PersonalDataType = 'email' | 'name' | 'phone' | 'address' | 'payment' | 'birthdate' | 'other-personal';

export interface FormFieldEvidence {
  name?: string;
  type?: string;
  label?: string;
  dataType: PersonalDataType;
  /** The field's autocomplete token, when it named the data type. */
  autocomplete?: string;
  required?: boolean;
}

export interface FormEvidence {
  action: string;
  method: string;
  fields: FormFieldEvidence[];
  /** Form `id` or `name` attribute, to tell forms on one page apart. */
  id?: string;
  /** Personal-data fields outside any <form> (submitted by script): action is the page URL. */
  detached?: boolean;
}

export interface InlineScriptSignals {
  /** Script reads navigator.doNotTrack / globalPrivacyControl at all. */
  readsDnt: boolean;
  readsGpc: boolean;
  /** Tracker loads guarded by a check on the signal (entity names or URLs). */
  dntGated: string[];
  gpcGated: string[];
}

export interface PageEvidence {
  url: string;
  finalUrl: string;
  status: number;
  depth: number;
  pass: CrawlPass;
  contentType: string;
  hops: HopRecord[];
  title?: string;
  lang?: string;
  truncated?: boolean;
  /** Nesting beyond the depth cap was flattened before parsing (structure, not text, lost). */
  flattened?: boolean;
  /** `<base href>` in effect, when it differs from the final URL. */
  baseUrl?: string;
  /** The page had more links than the extractor keeps (5,000); only those were followed. Exact duplicates are kept once. */
  linksTruncated?: boolean;
  links: LinkEvidence[];
  cookies: CookieEvidence[];
  resources: ResourceEvidence[];
  forms: FormEvidence[];
  scriptSignals: InlineScriptSignals;
}

export interface WellKnownSignals {
  /** Parsed /.well-known/gpc.json, if served as valid JSON. */
  gpcJson?: { gpc?: boolean; lastUpdate?: string };
  /** /.well-known/dnt-policy.txt present (2xx). */
  dntPolicy?: boolean;
  /** `Tk` response header values seen (e.g. 'N', 'T'). */
  tk?: string[];
}

export interface SignalsEvidence {
  dnt?: PageEvidence[];
  gpc?: PageEvidence[];
  wellKnown: WellKnownSignals;
}

export interface FirstParty {
  /** Registrable domains (or exact hosts for IPs/localhost) treated as first party. */
  domains: string[];
  /** third-party-web entity of the home page's final URL, if any. */
  entity?: string;
}

export interface PolicyLinkCheck {
  url: string;
  status: number;
  finalUrl?: string;
  error?: string;
}

export interface CoverageBlock {
  /** Pages examined. */
  pages: number;
  blockedByRobots: string[];
  failed: string[];
  truncated: string[];
  /** Discovered but not fetched because a budget (pages, depth, time) ran out. */
  leftOver: string[];
  budgetExhausted?: 'max-pages' | 'max-time' | 'max-depth';
  /** URLs beyond what each list above keeps (250 each); absent when every URL is listed. */
  unlisted?: { blockedByRobots: number; truncated: number; leftOver: number };
  policyFound: boolean;
  /** Policy language when it is not one the extractor reads. */
  policyLanguage?: string;
  /** `--shard i/n` of this run; absent for a whole-site (or merged) report. */
  shard?: string;
  /** First-level URLs left to the other shards. */
  shardSkipped?: number;
  notes: string[];
}

export interface SiteEvidence {
  startUrl: string;
  /** Home page URL after redirects. */
  homeUrl: string;
  firstParty: FirstParty;
  /** Normal-pass pages in crawl order. */
  pages: PageEvidence[];
  signals: SignalsEvidence;
  /** Result of fetching the policy link(s) found on the home page. */
  policyLinkChecks: PolicyLinkCheck[];
  errors: CrawlError[];
  coverage: CoverageBlock;
  durationMs: number;
}
