/**
 * policy/self-contradiction: the policy affirms or permits a practice it also denies, for
 * the same actor and a scope the denial reaches. One finding per topic and actor, quoting
 * the denial (`claim`) and the sentences that contradict it (`relatedClaims`). The denial
 * still stands as a claim for the evidence rules. Pure: reads claims only.
 */
import type { Claim, ClaimTopic } from '../../src/policy/types.js';
import { defineRule, toFindingClaim, type RuleFinding } from '../types.js';
import { canonicalTag } from '../util/terms.js';

type MessageId = 'contradiction' | 'hedgedContradiction';

/** A denial of the first topic also denies the narrower practices of the others. */
const NARROWER: Partial<Record<ClaimTopic, ClaimTopic[]>> = {
  cookies: ['tracking-cookies'],
  'third-party-tracking': ['behavioral-advertising'],
};

const IMPLIED_SCOPE: Partial<Record<ClaimTopic, string>> = { 'tracking-cookies': 'tracking', 'behavioral-advertising': 'advertising' };
const MAX_RELATED = 5;

function tags(values: readonly string[] | undefined): string[] {
  return (values ?? []).map(canonicalTag).filter((t) => t !== '');
}

/**
 * Does the denial reach what the other claim speaks of? An unscoped denial reaches
 * everything; a scoped one ("no tracking cookies") only claims limited to that scope.
 * A denial with exceptions cannot be contradicted by an unscoped "we may use cookies":
 * the hedge may be about the exception.
 */
export function denialReaches(denial: Claim, other: Claim): boolean {
  const limit = tags(denial.scope.limitedTo);
  const excluded = tags(denial.scope.excludes);
  const otherLimit = tags([...other.scope.limitedTo, ...(other.topic !== denial.topic && IMPLIED_SCOPE[other.topic] ? [IMPLIED_SCOPE[other.topic] as string] : [])]);
  if (limit.length > 0 && (otherLimit.length === 0 || !otherLimit.every((t) => limit.includes(t)))) return false;
  if (excluded.length > 0 && (otherLimit.length === 0 || otherLimit.some((t) => excluded.includes(t)))) return false;
  const otherExcluded = tags(other.scope.excludes);
  if (otherExcluded.length > 0 && limit.length > 0 && limit.every((t) => otherExcluded.includes(t))) return false;
  return true;
}

/** Topics whose claims say nothing a denial could contradict, or name things rather than practices. */
const NOT_COMPARED = new Set<ClaimTopic>(['named-cookie', 'effective-date', 'change-notification', 'review-process', 'children']);

/** "We do not use Google Analytics" is contradicted only by a sentence about Google Analytics. */
function sameVendors(denial: Claim, other: Claim): boolean {
  if (denial.topic !== 'named-vendor') return true;
  const denied = new Set(denial.vendors ?? []);
  return (other.vendors ?? []).some((v) => denied.has(v));
}

// Words that make a denial narrower than its topic: "no other cookies", "your full card
// number", "persistent cookies", "we do not knowingly". A narrow denial is no contradiction of
// a broader affirmation, and the scope vocabulary cannot express every such narrowing.
const NARROWING =
  /\b(?:no other|any other (?:cookies?|data|information)|persistent|permanent|full|precise|exact|sensitive|special|specific(?:ally)?|knowingly|real|ourselves|own|health|medical|card|passport|biometric|beyond|more than|postal|unclassified|unlisted|not (?:listed|necessary|needed)|that (?:is|are) not|otherwise|apart from that|other than that|only|whatsoever on|for (?:their|its) own|identif(?:y|ies|ying)|routes|heart|longer than|to identify|when you browse|while you browse|just browse|child\w*|kids|minors?|under (?:13|16|18)|across (?:different|other) (?:websites|sites)|over time|from third parties|in the (?:preceding|past|last) \w+ (?:\(\d+\) )?(?:months|years)|outside|unless|which \w+ you)\b/i;

/** Is the denial a plain, unqualified statement about the whole practice? */
export function isBroadDenial(denial: Claim): boolean {
  if (denial.dataTypes && denial.dataTypes.length > 0) return false;
  // "We do not use Google Analytics or any other tracking service" is about those vendors.
  if (denial.topic !== 'named-vendor' && denial.vendors && denial.vendors.length > 0) return false;
  // "We never sell, rent or trade your details" denies selling, not every sharing.
  if (denial.topic === 'sharing' && !/\b(?:share|shared|sharing|disclos\w*|transfer\w*|pass\w*|give|given|provide)\b/i.test(denial.quote)) return false;
  // "We do not sell or share": the CCPA's sense of sharing (for cross-context advertising), not all disclosure.
  if (denial.topic === 'sharing' && /\bsell(?:,)? or share\b|\bsold,? or shared\b/i.test(denial.quote)) return false;
  if (NARROWING.test(denial.quote)) return false;
  // A short answer under a question that names examples ("Google Analytics or any other
  // analytics?") answers about those examples.
  const words = denial.quote.trim().split(/\s+/).length;
  if (words <= 4 && denial.location.heading && /\b(?:or any other|such as|like|[a-z] [A-Z][a-z]+ [A-Z])\b/.test(denial.location.heading)) return false;
  return true;
}

function normaliseQuote(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export default defineRule<MessageId>({
  meta: {
    id: 'policy/self-contradiction',
    description: 'The policy does not both deny a practice and affirm or permit it.',
    defaultSeverity: 'error',
    docs: 'rules/policy/self-contradiction.md',
    messages: {
      contradiction: 'The policy says "{denial}" (line {denialLine}) but also "{other}" (line {otherLine}) about {topic}.',
      hedgedContradiction: 'The policy says "{denial}" (line {denialLine}) but also that it may: "{other}" (line {otherLine}) about {topic}.',
    },
    requires: { policy: true, claims: ['cookies', 'tracking-cookies', 'collection', 'sharing', 'sale', 'third-party-tracking', 'analytics'] },
  },
  check(context) {
    const claims = context.claims.filter((c) => c.confidence === 'high');
    const findings: RuleFinding<MessageId>[] = [];
    const seen = new Set<string>();
    for (const denial of claims) {
      if (denial.stance !== 'denies' || NOT_COMPARED.has(denial.topic)) continue;
      if (!isBroadDenial(denial)) continue;
      const group = `${denial.topic}\u0000${denial.actor}`;
      if (seen.has(group)) continue;
      const topics = [denial.topic, ...(NARROWER[denial.topic] ?? [])];
      const others = claims.filter(
        (c) =>
          (c.stance === 'affirms' || c.stance === 'permits') &&
          topics.includes(c.topic) &&
          c.actor === denial.actor &&
          normaliseQuote(c.quote) !== normaliseQuote(denial.quote) &&
          sameVendors(denial, c) &&
          // "The only exception is a court order": an exception stated on its own is no contradiction.
          !/\b(?:the only exception|except|exception)\b/i.test(c.quote) &&
          denialReaches(denial, c),
      );
      // Prefer a later denial that covers more of the contradicting sentences, in text order otherwise.
      if (others.length === 0) continue;
      seen.add(group);
      const related = others.slice(0, MAX_RELATED);
      const first = related[0] as Claim;
      const hedged = related.every((c) => c.stance === 'permits');
      const url = denial.location.url || context.policy?.url || context.site.homeUrl;
      findings.push({
        messageId: hedged ? 'hedgedContradiction' : 'contradiction',
        severity: hedged ? 'warning' : 'error',
        data: {
          topic: denial.topic,
          denial: denial.quote.slice(0, 200),
          denialLine: denial.location.line,
          other: first.quote.slice(0, 200),
          otherLine: first.location.line,
        },
        urls: [url],
        claim: toFindingClaim(denial),
        relatedClaims: related.map(toFindingClaim),
        evidence: {
          topic: denial.topic,
          actor: denial.actor,
          denial: { quote: denial.quote, line: denial.location.line, scope: denial.scope },
          contradictedBy: related.map((c) => ({ quote: c.quote, line: c.location.line, stance: c.stance, topic: c.topic, scope: c.scope })),
        },
        evidenceKey: `${denial.topic}|${denial.actor}|${normaliseQuote(denial.quote)}|${related.map((c) => normaliseQuote(c.quote)).join('|')}`,
      });
    }
    return findings;
  },
});
