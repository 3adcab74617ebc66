/**
 * Normalises a sentence for pattern matching: lower case, one apostrophe, one quote mark,
 * the Do Not Track / GPC phrases masked as single tokens (so "do not track" is never read as
 * a negation), and clauses split where a negation or hedge stops reaching. The quote a claim
 * carries is always the original sentence, never this form.
 */

export function normalise(sentence: string): string {
  return (
    ' ' +
    sentence
      .replace(/^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|\([a-z0-9]{1,3}\)|[a-z]\)|[ivx]{1,4}\.)\s+(?=\S)/i, '')
      .replace(/â€™|â€˜|[\u0091\u0092\u2018\u2019\u02bc`´]/g, "'")
      .replace(/â€œ|â€\u009d|[\u0093\u0094\u201c\u201d\u00ab\u00bb]/g, '"')
      .replace(/[\u2010\u2011\u2012]/g, '-')
      .replace(/[\u2013\u2014]/g, ' - ')
      .toLowerCase()
      .replace(/\bdon t\b/g, "don't")
      .replace(/\b(do|does|did|is|are|was|were|wo|ca|have|has|had|could|would|should|must)n'?t\b/g, (_m, aux: string) => `${aux === 'wo' ? 'will' : aux === 'ca' ? 'can' : aux} not`)
      .replace(/\bcannot\b/g, 'can not')
      .replace(/\b(?:the\s+)?do[- ]not[- ]track\b(?:\s*\(dnt\))?(?=\s*(?:\(|"|')?\s*(?:dnt|\?|!|\/|signals?|settings?|requests?|headers?|preferences?|features?|mechanisms?|options?|browser|were|is|was|are|:|\.|,|;|\)|$|-|'|"|or\b|and\b|&|standard|functionality|technology|flag|experience|mode|enabled|turned|switched|status|value|does|has|will|can|makes?|changes?))/g, ' dnt_signal ')
      .replace(/\b(?:respect|honou?r|recogni[sz]e|support|respond to|treats?)\s+do[- ]not[- ]track\b/g, (m) => m.replace(/do[- ]not[- ]track/, 'dnt_signal'))
      .replace(/\bdnt\b/g, 'dnt_signal')
      .replace(/\bdnt_signal(\s+dnt_signal)+/g, 'dnt_signal')
      .replace(/\b(?:the\s+)?global privacy control\b(?:\s*\(gpc\))?/g, ' gpc_signal ')
      .replace(/\b(?:sec-)?gpc\b/g, 'gpc_signal')
      .replace(/\bgpc_signal(\s+gpc_signal)+/g, 'gpc_signal')
      .replace(/\s+/g, ' ')
      .trimEnd() +
    ' '
  );
}

/** Words that start a new clause: a negation or hedge before them does not reach past them. */
const CLAUSE_BREAK =
  /\s*(?:;|:(?=\s)|\s-\s|,?\s+\bbut\b|,?\s+\bhowever\b|,?\s+\balthough\b|,?\s+\bwhereas\b|,?\s+\bwhile\b|,\s*(?=(?:and|so|because|since|as|which|who|nor|or)\s+(?:we|i|it|they|you|our|this|these|those|the|that|no|there|its|do|does|will|is)\b)|,\s*(?=(?:we|i|they|it|our|this site|the site|there)\s)|\s+(?=and (?:we|i|our)\s)|,\s*(?=and\s+(?:[a-z0-9-]+\s+){1,3}(?:collects?|sets?|uses?|records?|receives?|shares?|sells?|stores?|tracks?|loads?|places?)\b)|\.\s)/g;

export interface Clause {
  text: string;
  /** Offset of the clause in the normalised sentence. */
  start: number;
}

export function splitClauses(norm: string): Clause[] {
  const clauses: Clause[] = [];
  let last = 0;
  for (const match of norm.matchAll(CLAUSE_BREAK)) {
    const index = match.index ?? 0;
    if (index > last) clauses.push({ text: ' ' + norm.slice(last, index) + ' ', start: last });
    last = index + match[0].length;
  }
  if (last < norm.length) clauses.push({ text: ' ' + norm.slice(last) + ' ', start: last });
  return clauses.filter((c) => c.text.trim().length > 0);
}
