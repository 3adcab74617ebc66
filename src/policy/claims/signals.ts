/**
 * Do Not Track and Global Privacy Control: whether a sentence says the site honours the
 * signal (affirms) or not (denies), including the moot forms ("it changes nothing for us",
 * "every visitor already gets the Do Not Track experience"). Sentences about browsers,
 * standards or what businesses must do say nothing about this site and give no claim.
 */
import type { Hit, SentenceView } from './detect.js';
import { DNT_HONOUR_VERB, DNT_PRACTICE_VERB, GPC_EXTRA } from './patterns.js';
import { isNegatedAt } from './stance.js';

const SITE_SUBJECT = /\b(?:we|our|us|i|my|website|site|the (?:forum|game|app|shop|service|script|blog|newsletter|platform|store))\b|^\s*(?:dnt_signal|gpc_signal)\s*:/;
const GENERIC_SUBJECT = /\b(?:most|many|some|other) (?:web)?sites\b|\bbrowsers\b|\bbusinesses\b|\boperators\b|\bis a (?:privacy )?(?:preference|setting|signal|feature|header)\b|\bstandardi[sz]ed\b|\bto determine whether\b|\bplease (?:read|see|refer)\b/;
const SIGNAL_PRONOUN = /\b(?:it|them|these signals|such signals|this signal|the signal|signals|such requests|these requests|this setting|the header|this header)\b/;

export function signalHit(v: SentenceView, topic: 'dnt' | 'gpc', headingHasSignal: boolean): Hit | null {
  const token = topic === 'dnt' ? 'dnt_signal' : 'gpc_signal';
  const other = topic === 'dnt' ? 'gpc_signal' : 'dnt_signal';
  const gpcExtra = topic === 'gpc' && GPC_EXTRA.test(v.norm);
  const mentions = v.norm.includes(token) || gpcExtra;
  if (!mentions && !(headingHasSignal && SIGNAL_PRONOUN.test(v.norm) && !v.norm.includes(other))) return null;
  const moot = /\bno response\b[^.]*\b(?:required|needed|necessary)\b|\bchanges nothing\b|\b(?:does not|do not) need to do anything\b|\b(?:works?|behaves?) the same (?:way )?(?:whether or not|either way|regardless)\b|\bmakes no difference\b|\b(?:does not|do not|will not) matter (?:whether|if)\b|\bnothing (?:for (?:a |the |your )?(?:dnt_signal|gpc_signal)(?: \w+)? )?to (?:turn|switch) off\b/;
  if (mentions && moot.test(v.norm)) return { topic, stance: 'denies', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 };
  // "Every visitor already gets the Do Not Track experience": a site that treats everyone as if the signal were on.
  const byDefault = new RegExp(`\\b(?:already|automatically) (?:gets?|receives?|has|have|enjoys?) (?:the |a )?${token}\\b|\\bas (?:if|though) (?:\\w+ ){0,4}${token}\\b|\\b${token} (?:is |are )?(?:honou?red|respected|applied|on) by default\\b`);
  if (mentions && byDefault.test(v.norm) && !/\b(?:not|never)\b[^,;]*\bas (?:if|though)\b/.test(v.norm)) return { topic, stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 };
  // Sentences about browsers, standards or what businesses must do say nothing about this site.
  if (GENERIC_SUBJECT.test(v.norm) && !SITE_SUBJECT.test(v.norm)) return null;
  if (/^\s*(?:most|many|some) (?:web )?browsers\b|\bbusinesses must\b|\busers can (?:set|enable|turn)\b|\bis a (?:privacy )?(?:preference|setting|signal|feature)\b/.test(v.norm) && !/\b(?:we|our|i)\b/.test(v.norm)) return null;
  for (let ci = 0; ci < v.clauses.length; ci++) {
    const text = v.clauses[ci]?.text ?? '';
    const honour = DNT_HONOUR_VERB.exec(text);
    if (!honour) continue;
    const at = honour.index ?? 0;
    if (/\b(?:you|users) (?:can|may)\b/.test(text.slice(0, at)) || /\bhow (?:a |the )?(?:website|site|sites|websites) should\b/.test(text)) continue;
    // The verb must be about this signal: the first signal named after it (or before it) is ours.
    const after = text.slice(at);
    const window = after.slice(0, 90);
    const ours = window.includes(token) || (!window.includes(other) && (text.slice(0, at).includes(token) || gpcExtra || headingHasSignal || v.norm.includes(token)));
    if (!ours || (!window.includes(token) && window.includes(other))) continue;
    const inverted = /^ignore/.test(honour[0]) || /\bfail(?:s|ed)? to\s+$/.test(text.slice(0, at));
    // The negation that governs the verb sits right before it ("we do not currently respond").
    const near = /\b(?:not|never|no longer)\s+(?:[a-z]+\s+){0,2}$/.test(text.slice(0, at).replace(/\bfail(?:s|ed)? to\s+$/, ''));
    const negated = near !== inverted;
    const garbled = /\bnot \w+, (?:dnt_signal|gpc_signal)/.test(v.norm);
    // "We may add support for GPC in the future but have not done so yet": not honoured today.
    const notYet = /\b(?:not (?:\w+ ){0,2}yet|no plans? to)\b/.test(v.norm);
    return {
      topic,
      stance: negated || notYet ? 'denies' : /\b(?:may|might)\b/.test(text) ? 'permits' : 'affirms',
      actor: 'first-party',
      scope: { excludes: [], limitedTo: [] },
      at: (v.clauses[ci]?.start ?? 0) + at,
      clauseIndex: ci,
      ...(garbled ? { lowConfidence: true } : {}),
    };
  }
  if (/\bno response\b[^.]*\b(?:required|needed|necessary)\b|\bchanges nothing\b|\b(?:does not|do not|doesn't) need to do anything\b|\b(?:works?|behaves?) the same (?:way )?whether or not\b|\bmakes no difference\b/.test(v.norm)) {
    return { topic, stance: 'denies', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 };
  }
  // "When DNT is on, the script is not loaded": stopping the practice is honouring the signal.
  for (let ci = 0; ci < v.clauses.length; ci++) {
    const text = v.clauses[ci]?.text ?? '';
    const practice = DNT_PRACTICE_VERB.exec(text);
    if (!practice || !mentions) continue;
    const negated = isNegatedAt(text, practice.index ?? 0) || /\b(?:stop|disable|turn(?:s|ed)? off|switch(?:es|ed)? off)/.test(practice[0]);
    const still = /\b(?:still|continue|regardless|even if|even when)\b/.test(v.norm);
    return {
      topic,
      stance: negated && !still ? 'affirms' : 'denies',
      actor: 'first-party',
      scope: { excludes: [], limitedTo: [] },
      at: (v.clauses[ci]?.start ?? 0) + (practice.index ?? 0),
      clauseIndex: ci,
    };
  }
  return null;
}
