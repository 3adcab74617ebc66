/**
 * Stance of one clause towards one practice: denies, affirms, permits (hedge) or
 * conditional. Negation is looked for before the practice in the same clause ("we do not
 * use cookies", "no cookies are", "neither ... nor", "without cookies", "never") and after
 * it in passives ("cookies are not used"). Pure string work on normalised text.
 */
import type { ClaimStance } from '../types.js';

// Negation cues that reach forward to the end of the clause.
const NEGATION_CUES =
  /\b(?:not|never|neither|nor|none|nothing|nobody|no one|no longer use|refrain from|decline to|zero|turn(?:s|ed)? off|switch(?:es|ed)? off)\b|\bno\b(?!\s+(?:control|responsibility|way|matter|later|more than|less than|obligation|cost|charge|need|longer|exception|doubt|liability|guarantee|fee|agreed|uniform|industry|common|consensus|standard|legal|universally))/g;
const NOT_NEGATING = /\bnot\s+only\b|\b(?:never|not) (?:\w+ )?more than\b|\bnot all\b|\bnot every\b|\bno more than\b|\bif not\b|\bwhether or not\b|\bnot limited to\b|\bnot be able\b|\bnot function\b|\bnot work\b|\bnot necessarily\b|\bnot intended to\b/g;
const HEDGE = /\b(?:may|might|could|from time to time|occasionally|sometimes|in some cases|reserve the right|at times|possibly|if needed|where appropriate|as needed)\b/;
// Conditions the user controls or triggers; "if we merge" is not one (it reads as a hedge or a plain statement).
const CONDITIONAL_START = /^\s*(?:if (?:you(?! (?:just |only |simply |merely )?(?:browse|visit|read|look))|your)|unless you|only if you|only when you|should you|as long as you|only after you|after you|once you|where you have|with your (?:prior |explicit )?(?:consent|permission)|subject to your (?:prior |explicit )?consent)\b/;
const CONDITIONAL_ANYWHERE = /\b(?:only (?:after|if|when|once) you|only with your (?:\w+ )?(?:consent|permission)|if you (?:consent|agree|accept|opt in)|subject to your consent|after you (?:accept|consent|agree|opt))\b/;

const SENTENCE_CONDITION = /^\s*(?:if (?:you(?! (?:just |only |simply |merely )?(?:browse|visit|read|look))|your)|unless you|only if you|with your (?:prior |explicit )?(?:consent|permission)|once you (?:accept|consent|agree)|after you (?:accept|consent|agree))\b/;

export interface StanceResult {
  stance: ClaimStance;
  negated: boolean;
}

/** Negation cues in `text` (normalised), ignoring idioms that do not negate a practice. */
export function negationPositions(text: string): number[] {
  const masked = text.replace(NOT_NEGATING, (m) => '_'.repeat(m.length));
  return [...masked.matchAll(NEGATION_CUES)].map((m) => m.index ?? 0);
}

/** Whether the practice at `at` is negated within its clause. */
export function isNegatedAt(clause: string, at: number): boolean {
  const before = clause.slice(0, at);
  // Idioms are masked on the whole clause: "never use more than" spans the practice.
  const cues = negationPositions(clause).filter((p) => p < at);
  // "without X" negates only the thing right after it: "runs without cookies".
  const without = /\bwithout\s+(?:\S+\s+){0,3}$/.test(before);
  if (cues.length > 0 || without) return true;
  // Passive: "cookies are not used", "personal data is never sold", "nothing is collected".
  // A relative clause after the practice speaks of something else: "cookies, which cannot be switched off".
  const after = clause.slice(at, at + 80).split(/,\s*(?:which|who)\b|\s(?:which|who) (?:can|could|may|might|will|would)\b/)[0] ?? '';
  return /^\S*(?:\s+\S+){0,6}?\s+(?:is|are|will be|was|were|be|being|have been|has been|gets?)\s+(?:not|never|switched off|turned off|disabled|off by default)\b/.test(after);
}

export function hasHedge(clause: string): boolean {
  return HEDGE.test(clause);
}

export function isConditional(clause: string, previousClause?: string): boolean {
  if (CONDITIONAL_START.test(clause) || CONDITIONAL_ANYWHERE.test(clause)) return true;
  return (
    previousClause !== undefined &&
    /^\s*(?:if (?:you|your)|unless you|should you|with your (?:prior |explicit )?(?:consent|permission)|only after|only if|once you have consented|subject to your (?:prior |explicit )?consent|(?:where|if|once) you have (?:given|provided) (?:us )?(?:your )?(?:prior |explicit )?consent|on the basis of your consent)\b/.test(previousClause)
  );
}

/**
 * Stance of the clause towards the practice found at `at`. Negation wins over hedges
 * ("we may not"), hedges over conditions; a condition only matters when nothing denies.
 */
export function stanceAt(clause: string, at: number, previousClause?: string, sentence?: string): StanceResult {
  // "If you decline, we set no analytics cookies": the practice hangs on the user's choice.
  if (sentence !== undefined && SENTENCE_CONDITION.test(sentence) && previousClause !== undefined) return { stance: 'conditional', negated: false };
  // The same inside one clause: "If you click 'Essential only', Google Analytics is never loaded".
  const lead = /^\s*if (?:you|your)\b[^,]{1,80},\s/.exec(clause);
  if (sentence !== undefined && lead && SENTENCE_CONDITION.test(clause) && at >= lead[0].length) return { stance: 'conditional', negated: false };
  if (isNegatedAt(clause, at)) return { stance: 'denies', negated: true };
  if (isConditional(clause, previousClause)) return { stance: 'conditional', negated: false };
  // A hedge governs the practice when it comes before it or right after ("cookies may be set"),
  // not when it sits in a later relative clause ("information that could be linked to you").
  const after = clause.slice(at, at + 70).split(/\b(?:that|which|who|whose|where)\b|\s(?:and|or|but)\s(?=(?:may|might|could|can|will|also)\b)/)[0] ?? '';
  if (hasHedge(clause.slice(0, at) + after)) return { stance: 'permits', negated: false };
  return { stance: 'affirms', negated: false };
}

/** Short answers under a question heading: "We do not.", "No.", "Never.", "Yes, we do." */
export function answerStance(sentence: string): ClaimStance | null {
  const s = sentence
    .toLowerCase()
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/[.!]+$/, '')
    .trim();
  if (/^(?:yes|yes[,;:–-].*)$/.test(s)) return /\b(?:may|sometimes)\b/.test(s) ? 'permits' : 'affirms';
  if (/^(?:no|nope|none|none at all|never|not at all|not one)[,;:–-] /.test(s)) return 'denies';
  // "Honoured." / "Same answer: honoured, and there's nothing to opt out of."
  if (/^(?:same (?:answer|here|as above)[:,]?\s*)?(?:honou?red|respected|supported|always honou?red)\b/.test(s)) return 'affirms';
  // "Never have, never will." / "Not now, not ever."
  if (/^(?:never (?:have|did|had)(?:,| and) (?:never|and never) will|not now(?:,| and) not ever|never have and never will)$/.test(s)) return 'denies';
  // "Only one." / "Just two, both essential." / "Only essential ones.": a limited yes.
  if (/^(?:only|just) (?:the )?(?:one|two|three|a few|a couple|essential ones|the essential ones|necessary ones|strictly necessary ones|session ones|(?:a |one )?session cookie|(?:a |one )?single (?:one|cookie))\b/.test(s)) return 'affirms';
  if (s.split(/\s+/).length > 8) return null;
  if (/^(?:no|nope|never|none|not at all|we do not|we don't|we never|i do not|i don't|i never|we did not|there is not|there isn't|there are not|there aren't|there is none|nobody|nobody else|nobody else does|it is not|it's not|it isn't|they are not|they aren't|no one|no one else|no one else does|it does not|it doesn't|we will not|we won't|absolutely not|no,.*)$/.test(s)) return 'denies';
  if (/^(?:yes|yes,.*|we do|i do|we may|sometimes|it does|there is|there are)$/.test(s)) {
    return /\b(?:may|sometimes)\b/.test(s) ? 'permits' : 'affirms';
  }
  if (/^only (?:if|when)\b/.test(s)) return 'conditional';
  // "Only in server logs, for 7 days." / "Only for shipping.": a limited yes.
  if (/^only (?:in|for|to|with|as|by|on|our|the|your|a|an)\b/.test(s)) return 'affirms';
  return null;
}
