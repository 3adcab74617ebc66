/**
 * A cheap language guess from stop words: enough to tell an English policy from a German,
 * French, Spanish, Italian, Dutch or Portuguese one, so claims are extracted only from text
 * the patterns understand. Not a general language detector.
 */

const STOP_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'we', 'you', 'your', 'is', 'are', 'our', 'for', 'with', 'that', 'this', 'not', 'or', 'by', 'use', 'information'],
  de: ['der', 'die', 'das', 'und', 'wir', 'sie', 'ihre', 'nicht', 'ist', 'mit', 'zu', 'von', 'auf', 'für', 'daten', 'den', 'dem', 'werden', 'oder'],
  fr: ['le', 'la', 'les', 'et', 'nous', 'vous', 'vos', 'des', 'est', 'pas', 'pour', 'avec', 'que', 'sur', 'données', 'une', 'du', 'ne', 'dans'],
  es: ['el', 'los', 'las', 'y', 'nosotros', 'usted', 'sus', 'es', 'para', 'con', 'que', 'datos', 'una', 'por', 'del', 'su', 'como', 'se'],
  it: ['il', 'gli', 'noi', 'non', 'è', 'per', 'con', 'che', 'dati', 'una', 'del', 'della', 'di', 'sono', 'al', 'questo', 'vostri'],
  nl: ['de', 'het', 'en', 'wij', 'uw', 'niet', 'met', 'van', 'voor', 'op', 'gegevens', 'een', 'dat', 'die', 'worden', 'zijn', 'ons'],
  pt: ['os', 'nós', 'você', 'seus', 'não', 'para', 'com', 'que', 'dados', 'uma', 'do', 'da', 'em', 'por', 'são', 'sua'],
};

const SETS = Object.fromEntries(Object.entries(STOP_WORDS).map(([lang, words]) => [lang, new Set(words)]));

/** BCP 47 primary tag of the best guess, or 'und' when the text is too short or unclear. */
export function guessLanguage(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu)?.slice(0, 4000) ?? [];
  if (words.length < 8) return words.length === 0 ? 'und' : 'en';
  const scores: Array<[string, number]> = Object.entries(SETS).map(([lang, set]) => [lang, words.filter((w) => set.has(w)).length]);
  scores.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [best, second] = scores;
  if (!best || best[1] === 0) return 'und';
  const english = scores.find(([lang]) => lang === 'en')?.[1] ?? 0;
  // Short texts give few stop words: call them English unless another language clearly wins.
  if (best[0] !== 'en' && (best[1] < 5 || best[1] < english * 2) && words.length < 60) return 'en';
  // Mixed pages (an English cookie banner over a German policy) go to whichever clearly dominates.
  if (second && best[0] !== 'en' && best[1] < second[1] * 1.2 && second[0] === 'en') return 'en';
  return best[0];
}
