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
const NOT_COMPARED = new Set<ClaimTopic>(['named-cookie', 'effective-date', 'change-notification', 'review-process']);

/** "We do not use Google Analytics" is contradicted only by a sentence about Google Analytics. */
function sameVendors(denial: Claim, other: Claim): boolean {
  if (denial.topic !== 'named-vendor') return true;
  const denied = new Set(denial.vendors ?? []);
  return (other.vendors ?? []).some((v) => denied.has(v));
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
