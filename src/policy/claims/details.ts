/**
 * Details a claim carries besides its stance: data types named in a collection or sharing
 * sentence, the effective date (chrono-node), and who the sentence speaks of.
 */
import * as chrono from 'chrono-node/en';
import type { ClaimActor } from '../types.js';
import { THIRD_PARTY_SUBJECT } from './patterns.js';

const DATA_TYPES: Array<[RegExp, string]> = [
  [/\be-?mail(?: address(?:es)?)?\b(?! (?:newsletter|updates|marketing))/, 'email'],
  [/\b(?:full |first |last |real |your |their |company )?names?\b(?! of (?:the|our|your) (?:site|company|cookie|service))/, 'name'],
  [/\b(?:tele)?phone(?: numbers?)?\b|\bmobile numbers?\b/, 'phone'],
  [/\b(?:postal|shipping|billing|mailing|home|street|physical|delivery) address(?:es)?\b/, 'address'],
  [/\b(?:credit |debit |payment )?card(?: numbers?| details)?\b|\bpayment (?:details|information|data)\b|\bbank (?:details|account)\b|\bcard brand\b/, 'payment'],
  [/\bip(?:-| )address(?:es)?\b|\bip\b/, 'ip'],
  [/\b(?:geo)?location\b|\bgps\b|\bwhich country\b/, 'location'],
  [/\bdevice (?:identifiers?|ids?)\b|\b(?:persistent|unique|online|advertising) identifiers?\b|\bidfa\b|\baccount id\b/, 'device-id'],
  [/\bdates? of birth\b|\bbirth ?dates?\b|\bbirthdays?\b/, 'birthdate'],
  [/\bbrowser(?: type)?\b|\buser[- ]agent\b|\bpages (?:you )?(?:visit|view)\w*\b|\busername\b|\bpassport\b|\bmessages?\b|\busage (?:data|statistics)\b|\bconfiguration\b|\bfeeds\b|\bdietary\b|\bmedical\b|\bhealth\b|\binjury\b|\bplot\b|\bsearches\b/, 'other'],
];

export function dataTypesOf(norm: string): string[] {
  const found: Array<[number, string]> = [];
  for (const [pattern, type] of DATA_TYPES) {
    const match = pattern.exec(norm);
    if (match) found.push([match.index ?? 0, type]);
  }
  // "email address" must not also count as a postal address, nor "IP address".
  return found.sort((a, b) => a[0] - b[0]).map(([, type]) => type);
}

const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b/i;

/** ISO date (YYYY-MM-DD) of the first real date in the text, preferring one with a month name. */
export function parseDate(text: string): string | undefined {
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(text.slice(0, 300), new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  } catch {
    return undefined;
  }
  const dated = results.filter((r) => r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day'));
  const best = dated.find((r) => MONTH_NAME.test(r.text)) ?? dated.find((r) => /^\d{4}-\d{2}-\d{2}/.test(r.text)) ?? dated[0];
  if (!best) return undefined;
  const year = best.start.get('year');
  const month = best.start.get('month');
  const day = best.start.get('day');
  if (!year || !month || !day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Who the clause speaks of: the subject before the practice, "we" unless a third party is named there. */
export function actorOf(subject: string): ClaimActor {
  const lastFirst = Math.max(subject.lastIndexOf(' we '), subject.lastIndexOf(' i '), subject.lastIndexOf(' our '), subject.lastIndexOf(' us '));
  const thirdAt = Math.max(-1, ...[...subject.matchAll(new RegExp(THIRD_PARTY_SUBJECT.source, 'g'))].map((m) => m.index ?? 0));
  if (thirdAt > lastFirst) return 'third-party';
  return 'first-party';
}
