/**
 * Finds, in one sentence, each topic it makes a claim on and reads the claim: the practice
 * (a topic word plus a verb that makes it a statement about the site), its stance, actor and
 * scope. One hit per topic per sentence: the first clause that speaks of it.
 */
import type { ClaimActor, ClaimScope, ClaimStance, ClaimTopic } from '../types.js';
import { actorOf } from './details.js';
import type { Clause } from './normalize.js';
import { scopeOf } from './scope.js';
import { isNegatedAt, stanceAt } from './stance.js';
import { USER_SUBJECT } from './patterns.js';
import { findVendors } from './vendors.js';

export interface Hit {
  topic: ClaimTopic;
  stance: ClaimStance;
  actor: ClaimActor;
  scope: ClaimScope;
  lowConfidence?: boolean;
  /** Offset of the practice in the sentence, to order and to find vendors inside a denial. */
  at: number;
  clauseIndex: number;
}

export interface SentenceView {
  norm: string;
  clauses: Clause[];
  previousNorm?: string;
}

export interface PracticeOptions {
  /** A verb that must appear in the same clause; absent: the topic word alone is a practice. */
  verb?: RegExp;
  /** Skip the occurrence when this matches the text right before it. */
  skipBefore?: RegExp;
  /** Keep clauses whose subject is the user ("you can block cookies")? Default no. */
  allowUserSubject?: boolean;
  /** Reject the clause when it matches. */
  reject?: RegExp;
}

const FRONTED_NEGATION = /^\s*(?:at no (?:point|time|stage)|under no circumstances?|in no (?:case|event|circumstances?)|on no account|not once|not ever|at no other time)\b/;
const DOUBLE_NEGATION = /\b(?:not|never)\b[^,;]*\b(?:no|not|never|none)\b|\bno\b[^,;]*\b(?:that|which|who) (?:does|do|did|is|are|will) not\b/;

export function findPractice(view: SentenceView, topic: ClaimTopic, trigger: RegExp, options: PracticeOptions = {}): Hit | null {
  const global = new RegExp(trigger.source, trigger.flags.includes('g') ? trigger.flags : trigger.flags + 'g');
  for (let ci = 0; ci < view.clauses.length; ci++) {
    const clause = view.clauses[ci] as Clause;
    const text = clause.text;
    if (options.reject?.test(text)) continue;
    for (const match of text.matchAll(global)) {
      const tAt = match.index ?? 0;
      let vAt = tAt;
      if (options.verb) {
        const verbs = [...text.matchAll(new RegExp(options.verb.source, 'g'))].map((m) => m.index ?? 0);
        if (verbs.length === 0) break;
        const beforeTrigger = verbs.filter((v) => v <= tAt);
        vAt = beforeTrigger.length > 0 ? (beforeTrigger[beforeTrigger.length - 1] as number) : (verbs[0] as number);
      }
      const at = Math.min(tAt, vAt);
      const before = text.slice(0, at);
      if (options.skipBefore?.test(before)) continue;
      const subject = (before.split(/\b(?:if|when|unless|until)\b/).pop() ?? before).split(',').pop() ?? before;
      // The user must be the subject, not an object further on ("we use cookies to show you offers").
      const user = options.allowUserSubject ? null : USER_SUBJECT.exec(subject);
      if (user && (subject.slice(0, user.index).trim().split(/\s+/).filter(Boolean).length < 6 || /\b(?:you|users?|visitors?)\s+(?:\w+\s+)?$/.test(subject))) continue;
      const previous = ci > 0 ? view.clauses[ci - 1]?.text : undefined;
      let { stance } = stanceAt(text, at, previous, view.norm);
      // A fronted negative reaches the whole sentence: "At no point, whether ..., are your answers sent to us".
      if (FRONTED_NEGATION.test(view.norm) && !/\b(?:but|however|except|unless)\b/.test(view.norm.slice(0, clause.start + at)) && stance !== 'conditional') stance = 'denies';
      // The trigger itself may carry the negation: "no tracking takes place", "no third parties".
      if (/^\s*(?:no|never|none)\b/.test(match[0]) && stance !== 'conditional') stance = 'denies';
      // The negation may sit between verb and object ("it has no cookies", "we collect nothing").
      const end = tAt + match[0].length;
      const objectNegated = /^\s*(?:[a-z]+\s+){0,2}?(?:no|nothing|none|neither)\b(?!\s+(?:longer|later|more than|less than))/.test(text.slice(end, end + 40)) && vAt >= tAt;
      if (stance !== 'denies' && stance !== 'conditional' && (isNegatedAt(text, Math.max(tAt, vAt)) || objectNegated)) stance = 'denies';
      const negations = text.slice(0, tAt + match[0].length + 30);
      const lowConfidence = stance === 'denies' && DOUBLE_NEGATION.test(negations) && !/\bneither\b|\bnor\b|\bnot\b[^,;]*\bany\b/.test(negations) ? true : undefined;
      // "..., and it runs without cookies": a pronoun subject speaks of the vendor named earlier.
      const pronounSubject = /^\s*(?:and |but |so )?(?:it|the tool|the script|the service)\s+(?:\w+\s+){0,2}$/.test(before) && ci > 0;
      const subjectVendors = findVendors(pronounSubject ? view.norm.slice(0, clause.start) : before);
      const vendorSubject = subjectVendors.length > 0 && !/\b(?:we|i)\s+(?:\w+\s+){0,3}$/.test(before);
      const scope = scopeOf(text, view.norm, tAt, match[0], view.previousNorm);
      // "Matomo runs without cookies": what a named vendor does or does not do is limited to that vendor.
      if (vendorSubject && (topic === 'cookies' || topic === 'tracking-cookies' || topic === 'collection')) {
        for (const m of subjectVendors) if (!scope.limitedTo.includes(m.name.toLowerCase())) scope.limitedTo.push(m.name.toLowerCase());
      }
      return {
        topic,
        stance,
        actor: vendorSubject ? 'third-party' : actorOf(before),
        scope,
        // Clause text carries one leading space that the sentence does not have at that offset.
        at: clause.start + Math.max(0, at - 1),
        clauseIndex: ci,
        ...(lowConfidence ? { lowConfidence } : {}),
      };
    }
  }
  return null;
}
