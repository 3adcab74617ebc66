/**
 * The rule contract. A rule is a pure, synchronous module: `meta` plus `check(context)`.
 * It reads claims and site evidence and returns findings; it does no I/O, no HTML
 * parsing, no clock. Messages are ids plus data, rendered by the engine.
 */
import type { SiteEvidence } from '../src/evidence/types.js';
import type { Claim, ClaimTopic, PolicyDocument } from '../src/policy/types.js';

export type Severity = 'error' | 'warning';
export type RuleLevel = 'off' | 'warn' | 'error';

export type EvidenceArtifact = 'pages' | 'cookies' | 'resources' | 'forms' | 'links' | 'signals' | 'policyLinkChecks';

export interface RuleMeta<MessageId extends string = string> {
  /** `<area>/<name>`, equal to its path under rules/. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Path of the doc relative to the package root, e.g. rules/cookies/undisclosed-cookies.md. */
  docs: string;
  /** Message templates keyed by id; `{name}` placeholders are filled from finding data. */
  messages: Record<MessageId, string>;
  /** What the rule reads: lets the engine mark it not applicable when inputs are missing. */
  requires: {
    policy: boolean;
    claims?: ClaimTopic[];
    evidence?: EvidenceArtifact[];
  };
}

/** The claim as carried on a finding. */
export interface FindingClaim {
  id: string;
  quote: string;
  url: string;
  line: number;
  heading?: string;
  topic?: ClaimTopic;
  stance?: Claim['stance'];
}

export interface RuleFinding<MessageId extends string = string> {
  messageId: MessageId;
  /** Values for the message template. Site text here is raw; formatters escape it. */
  data?: Record<string, string | number>;
  /** Overrides meta.defaultSeverity for this finding (e.g. inferred evidence -> warning). */
  severity?: Severity;
  /** Pages where the evidence was seen, in crawl order; the first becomes `url`. */
  urls: string[];
  claim?: FindingClaim;
  relatedClaims?: FindingClaim[];
  /** Typed per rule: cookies, thirdParties, forms, headers, ... */
  evidence: Record<string, unknown>;
  /** Identity of the evidence for fingerprints, independent of host/port/page order. */
  evidenceKey: string;
}

export interface RuleContext {
  site: SiteEvidence;
  policy: PolicyDocument | null;
  /** Claims after config overrides (stated claims win). */
  claims: Claim[];
  /** Vendors and cookies the config declares as disclosed. */
  disclosed: { vendors: string[]; cookies: string[]; firstPartyDomains: string[] };
  options: Record<string, unknown>;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  check(context: RuleContext): RuleFinding<MessageId>[];
}

/** Identity helper so a wrong message id is a compile error. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

/** Shape a claim for a finding. */
export function toFindingClaim(claim: Claim): FindingClaim {
  return {
    id: claim.id,
    quote: claim.quote,
    url: claim.location.url,
    line: claim.location.line,
    ...(claim.location.heading ? { heading: claim.location.heading } : {}),
    topic: claim.topic,
    stance: claim.stance,
  };
}
