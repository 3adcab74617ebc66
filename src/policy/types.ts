/**
 * Types at the policy boundary: the policy text as read, and the Claims extracted from it.
 * A claim is what the policy says about one practice, with its exact quote and location.
 */

export type ClaimTopic =
  | 'cookies'
  | 'tracking-cookies'
  | 'analytics'
  | 'third-party-tracking'
  | 'behavioral-advertising'
  | 'sharing'
  | 'sale'
  | 'collection'
  | 'dnt'
  | 'gpc'
  | 'children'
  | 'effective-date'
  | 'change-notification'
  | 'review-process'
  | 'named-vendor'
  | 'named-cookie';

/** denies: "we do not"; affirms: "we do"; permits: "we may"; conditional: "if you ..., we". */
export type ClaimStance = 'denies' | 'affirms' | 'permits' | 'conditional';

/** Who the sentence speaks of: "we" (first party) or "our partners", "Google" (third party). */
export type ClaimActor = 'first-party' | 'third-party';

export interface ClaimScope {
  /** What the claim explicitly leaves out: "except strictly necessary cookies" -> ['strictly-necessary']. */
  excludes: string[];
  /** What the claim is limited to: "no tracking cookies" -> ['tracking']. */
  limitedTo: string[];
  /** Free text of the scoping phrase, for display. */
  text?: string;
}

export interface ClaimLocation {
  /** URL or file path of the policy document. */
  url: string;
  /** 1-based line in the extracted policy text (or in the local source file). */
  line: number;
  /** Nearest heading above the sentence. */
  heading?: string;
}

export interface Claim {
  /** Stable within one policy: c1, c2 ... in text order. */
  id: string;
  topic: ClaimTopic;
  stance: ClaimStance;
  actor: ClaimActor;
  scope: ClaimScope;
  /** Exact sentence as it appears in the policy. */
  quote: string;
  location: ClaimLocation;
  confidence: 'high' | 'low';
  /** For collection claims: the data types named. */
  dataTypes?: string[];
  /** For named-vendor claims: third-party-web entity names; for named-cookie: cookie names. */
  vendors?: string[];
  cookies?: string[];
  /** For effective-date: ISO date. */
  date?: string;
  /** 'config' when stated in the config file instead of read from the text. */
  source: 'extracted' | 'config';
}

export interface PolicySentence {
  text: string;
  line: number;
  heading?: string;
}

export interface PolicyDocument {
  /** Where it was read from: URL, or a local file path. */
  url: string;
  /** Why this document was chosen (link text, position, --policy). */
  foundBy: string;
  /** Extracted main text, one block per line. */
  text: string;
  sentences: PolicySentence[];
  claims: Claim[];
  /** BCP 47 language guess; claims are extracted only for languages understood. */
  language?: string;
  /**
   * Additional documents read as part of the policy (e.g. a cookie policy); their claims are
   * in `claims`, each with its own `location.url`; `coverageNote` says why one was not read.
   */
  related?: Array<{ url: string; foundBy: string; coverageNote?: string }>;
  /** Links that might have been the policy, best first, with why each scored as it did (discovery only). */
  candidates?: PolicyCandidate[];
  /**
   * Set when the document could not be read as text (a PDF, a page only a browser renders,
   * a language the extractor does not read): says why, so coverage reports it instead of guessing.
   */
  coverageNote?: string;
}

/** One link that might be the policy, with why it scored as it did. */
export interface PolicyCandidate {
  url: string;
  text: string;
  score: number;
  reasons: string[];
}

/** Result of looking for the policy among crawled pages. */
export interface PolicyDiscovery {
  /** Best candidate, or null when no link looks like a privacy policy. */
  url: string | null;
  /** Why `url` was chosen, for PolicyDocument.foundBy. */
  foundBy: string;
  /** Every candidate, best first. */
  candidates: PolicyCandidate[];
  /** A separate cookie policy linked from the site, read as part of the policy. */
  cookiePolicyUrl?: string;
}
