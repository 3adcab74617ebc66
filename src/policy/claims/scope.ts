/**
 * Scope of a claim: what it leaves out ("except strictly necessary cookies", "unless the law
 * requires") and what it is limited to ("tracking cookies", "for account holders only",
 * "anonymised data"). Values come from a small vocabulary so rules can compare scopes.
 */
import type { ClaimScope } from '../types.js';

const VOCABULARY: Array<[RegExp, string]> = [
  [/\bstrictly necessary\b|\bnecessary\b|\brequired for the (?:site|website|service) to work\b/, 'strictly-necessary'],
  [/\bessential\b/, 'essential'],
  [/\bfunctional(?:ity)?\b|\bpreferences?\b/, 'functional'],
  [/\bsession\b/, 'session'],
  [/\bpersistent\b|\blong-lived\b/, 'persistent'],
  [/\btracking\b|\btrack\b/, 'tracking'],
  [/\badvertis\w*\b|\bads\b|\btargeting\b|\bretargeting\b/, 'advertising'],
  [/\bmarketing\b|\bmarket\b/, 'marketing'],
  [/\banalytics?\b|\bstatistic\w*\b|\bperformance\b/, 'analytics'],
  [/\bthird[- ]party\b/, 'third-party'],
  [/\bfirst[- ]party\b/, 'first-party'],
  [/\bchild\w*\b|\bunder (?:the age of )?(?:1[0-8]|thirteen|sixteen|eighteen)\b|\bunder-1[0-8]s?\b|\bminors?\b|\bkids\b/, 'children'],
  [/\baccount[- ]holders?\b|\blog(?:ged)? ?in\b|\bsign(?:ed)? in\b|\bmembers?\b|\bregistered\b|\baccounts?\b/, 'account-holders'],
  [/\banonymi[sz]\w*\b|\bde-identified\b/, 'anonymized'],
  [/\baggregate\w*\b/, 'aggregated'],
  [/\blaw\b|\blegal\w*\b|\bcourt\b|\bsubpoena\b|\bregulat\w*\b|\bauthorit\w*\b/, 'legal requirement'],
  [/\bconsent\b|\bpermission\b|\bagree\w*\b|\bopt(?:ed)? in\b/, 'with permission'],
];

function termsOf(phrase: string, fallback: boolean): string[] {
  const out: string[] = [];
  for (const [pattern, term] of VOCABULARY) if (pattern.test(phrase) && !out.includes(term)) out.push(term);
  if (out.length === 0 && fallback) {
    const words = phrase
      .replace(/[^a-z0-9' -]/g, ' ')
      .split(/\s+/)
      .filter((w) => w && !/^(?:the|a|an|our|your|their|any|of|for|to|with|those|these|that|this|its|own|single|one)$/.test(w))
      .slice(0, 3);
    if (words.length > 0) out.push(words.join(' '));
  }
  return out;
}

const EXCEPT =
  /\b(?:except(?: for)?|other than|apart from|aside from|besides|beyond|with the exception of|save for|but for|unless|(?:anyone|anybody|no one|nobody|people) outside(?: of)?|without (?=(?:your|their|his|her|the user's|prior|explicit) (?:\w+ )?(?:consent|permission|agreement)))\s+([^,;.]{1,80})/g;
const APART_FROM_THOSE = /^\s*(?:apart from|except for|other than|besides|aside from) (?:those|these|that|this|them)\b/;

/**
 * @param clause normalised clause holding the practice
 * @param sentence the whole normalised sentence (exceptions often trail after a comma)
 * @param at offset of the practice inside the clause
 * @param previous normalised previous sentence, for "Apart from those, ..." back-references
 */
export function scopeOf(clause: string, sentence: string, at: number, matched: string, previous?: string): ClaimScope {
  const excludes: string[] = [];
  const limitedTo: string[] = [];
  const texts: string[] = [];
  const clauseOffset = Math.max(0, sentence.indexOf(clause.trim()));
  const tail = sentence.slice(clauseOffset + at);
  for (const match of tail.matchAll(EXCEPT)) {
    const phrase = match[1] ?? '';
    for (const term of termsOf(phrase, true)) if (!excludes.includes(term)) excludes.push(term);
    texts.push(match[0].trim());
  }
  const head = sentence.slice(0, clauseOffset + at);
  for (const match of head.matchAll(EXCEPT)) {
    const phrase = match[1] ?? '';
    for (const term of termsOf(phrase, true)) if (!excludes.includes(term)) excludes.push(term);
    texts.push(match[0].trim());
  }
  if (APART_FROM_THOSE.test(sentence) && previous) {
    for (const term of termsOf(previous, false)) if (!excludes.includes(term) && term !== 'strictly-necessary') excludes.push(term);
  }
  // Modifiers right before (or inside) the practice: "no tracking cookies", "analytics cookies".
  const before = clause.slice(Math.max(0, at - 40), at);
  const words = before.trim().split(/\s+/).slice(-6);
  const stop = words.map((w) => /^(?:use[sd]?|set|sets|no|any|not|never|we|i|our|the|place|places|only|do|does|of|with)$/.test(w)).lastIndexOf(true);
  const modifier = `${words.slice(stop + 1).join(' ')} ${matched}`;
  const modifierTerms = termsOf(modifier.replace(/\b(?:cookies?|use|set|we|do|not|no|any|never)\b/g, ' '), false).filter(
    (t) => !['legal requirement', 'with permission', 'account-holders'].includes(t),
  );
  for (const term of modifierTerms) if (!limitedTo.includes(term)) limitedTo.push(term);
  const purpose = /\b(?:for|to) (\w+(?: \w+)?) purposes\b|\bfor (tracking|advertising|marketing|analytics)\b/.exec(clause.slice(at));
  if (purpose) for (const term of termsOf(purpose[1] ?? purpose[2] ?? '', false)) if (!limitedTo.includes(term)) limitedTo.push(term);
  const only = /\b(?:only|solely|exclusively) (?:for |to |with |about |from )?([^,;.]{1,50})|\b([^,;.]{1,40}) only\b/.exec(clause);
  if (only) {
    for (const term of termsOf(only[1] ?? only[2] ?? '', false)) if (!limitedTo.includes(term) && !excludes.includes(term)) limitedTo.push(term);
  }
  // Audience and data-state words limit the claim only inside its own part of the clause:
  // "Matomo runs without cookies and keeps IP addresses anonymised" does not limit the cookies.
  const ownTail = clause.slice(at).split(/\s(?:and|but) (?=(?:we|i|it|they|[a-z]+s)\s)/)[0] ?? '';
  const dataState = (clause.slice(0, at) + ownTail).match(/\banonymi[sz]\w*\b|\baggregate\w*\b/g) ?? [];
  // An audience named anywhere before the practice limits it: "From players under 16: we do not collect ...".
  const audience = (head + ownTail).match(/\bfrom children\b|\bchildren\b|\bminors?\b|\bunder (?:the age of )?(?:1[0-8]|thirteen|sixteen|eighteen)\b|\bunder-1[0-8]s?\b/g) ?? [];
  for (const term of termsOf([...dataState, ...audience].join(' '), false)) {
    if (!limitedTo.includes(term)) limitedTo.push(term);
  }
  const scope: ClaimScope = { excludes: excludes.filter((t) => !limitedTo.includes(t)), limitedTo };
  if (texts.length > 0) scope.text = texts.join('; ');
  return scope;
}
