/**
 * Claim queries shared by the evidence rules: which claims deny a practice, whether a
 * claim's scope reaches a piece of evidence, which claim to cite, and how sure a finding
 * built on it may be. Pure functions over Claim objects; they never read evidence.
 */
import type { Claim, ClaimActor, ClaimStance, ClaimTopic } from '../../src/policy/types.js';
import type { Severity } from '../types.js';
import { canonicalTag, normaliseTerm } from './terms.js';

export interface ClaimQuery {
  topics: readonly ClaimTopic[];
  stances?: readonly ClaimStance[];
  /** Default: either actor. */
  actors?: readonly ClaimActor[];
}

export function findClaims(claims: readonly Claim[], query: ClaimQuery): Claim[] {
  return claims.filter(
    (c) =>
      query.topics.includes(c.topic) &&
      (!query.stances || query.stances.includes(c.stance)) &&
      (!query.actors || query.actors.includes(c.actor)),
  );
}

/**
 * "We do not ..." claims on these topics. Hedged ("we may") and affirming claims never
 * count as denials, and neither does a sentence about children ("we do not share the data
 * of consumers under 16"): a crawler is not a child, so such a denial never reaches its evidence.
 */
export function denials(claims: readonly Claim[], topics: readonly ClaimTopic[], actors?: readonly ClaimActor[]): Claim[] {
  return findClaims(claims, { topics, stances: ['denies'], ...(actors ? { actors } : {}) }).filter((c) => !aboutChildren(c, claims));
}

const CHILDREN_WORDS = /\b(?:child(?:ren)?|minors?|kids|under (?:the age of )?1[368]\b)/i;

/**
 * The claim is about children: its scope says so, its sentence names them ("not for
 * children under 13 and we do not knowingly collect personal information from them"), or
 * a `children` claim was read from the same sentence.
 */
export function aboutChildren(claim: Claim, claims: readonly Claim[]): boolean {
  if ((claim.scope?.limitedTo ?? []).some((t) => /^(children|child|minors?|kids|under-1[368])$/.test(normaliseTerm(t)))) return true;
  if (CHILDREN_WORDS.test(claim.quote ?? '')) return true;
  return claims.some(
    (c) => c !== claim && c.topic === 'children' && c.quote === claim.quote && c.location?.line === claim.location?.line && c.location?.url === claim.location?.url,
  );
}

/**
 * Does the claim's scope reach evidence carrying these tags? `limitedTo` must match one
 * tag (when present); no `excludes` term may match. Terms are compared as canonical tags,
 * so "strictly necessary" in a policy matches a cookie tagged 'necessary'.
 */
export function scopeReaches(claim: Pick<Claim, 'scope'>, tags: readonly string[]): boolean {
  const have = new Set(tags.map(canonicalTag));
  const limited = (claim.scope?.limitedTo ?? []).map(canonicalTag).filter((t) => t !== '');
  if (limited.length > 0 && !limited.some((t) => have.has(t))) return false;
  const excluded = (claim.scope?.excludes ?? []).map(canonicalTag).filter((t) => t !== '');
  return !excluded.some((t) => have.has(t));
}

/** The claim to cite: high confidence first, then the earliest in the policy (claims arrive in text order). */
export function pickClaim<T extends Claim>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (!best || (best.confidence === 'low' && c.confidence === 'high')) best = c;
  }
  return best;
}

/** A low-confidence claim can only support a warning, whatever the evidence. */
export function severityFor(claim: Pick<Claim, 'confidence'> | undefined, base: Severity): Severity {
  return claim?.confidence === 'low' ? 'warning' : base;
}

/** Case-insensitive match of a cookie name against a disclosed name or pattern (`_ga*`, `_ga_<id>`, `_hj...`). */
export function cookieNameMatches(pattern: string, name: string): boolean {
  const p = pattern.trim().toLowerCase();
  const n = name.trim().toLowerCase();
  if (!p || !n) return false;
  const prefix = /^(.*?)(\*|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|x{3,}|\.\.\.)$/.exec(p);
  if (prefix) return prefix[1] !== undefined && prefix[1].length > 0 && n.startsWith(prefix[1]);
  return p === n;
}

/** A quote short enough for a one-line message; the finding's claim keeps the exact text. */
export function shortQuote(quote: string, max = 160): string {
  const flat = String(quote ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const EXCEPTION_PHRASE = /\b(?:except(?: for)?|other than|apart from|aside from|besides|with the exception of|save for|excluding|beyond)\s+([^.;:!?]{1,120})/g;

/**
 * Is `name` written inside an exception of the quote ("no third-party tracking, except
 * Google Analytics")? A vendor named there is the exception, not what the sentence denies,
 * whatever a claim extractor made of it.
 */
export function namedInException(quote: string, name: string): boolean {
  const wanted = String(name ?? '').trim().toLowerCase();
  if (!wanted) return false;
  for (const match of String(quote ?? '').toLowerCase().matchAll(EXCEPTION_PHRASE)) {
    if ((match[1] ?? '').includes(wanted)) return true;
  }
  return false;
}
