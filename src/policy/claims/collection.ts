/**
 * Collection (and the data movements that look like it) read from one sentence: "we collect",
 * "you give us", "X may include <data>", data that stays on the user's device, data that
 * "never leaves our server", a third party that receives or stores data (sharing, not
 * collection). Pure string work on the normalised sentence; it never sees other sentences.
 */
import { findPractice, type Hit, type SentenceView } from './detect.js';
import { COLLECTION_VERB, COOKIE_DEFINITION, DATA_WORD, HYPOTHETICAL, META_STATEMENT, RELATIVE_COLLECTION, RETENTION, USER_PROVIDES } from './patterns.js';
import { dataTypesOf } from './details.js';
import type { VendorMention } from './vendors.js';

const STRONG_COLLECTION = /\b(?:collect(?:s|ed|ing)?|gather(?:s|ed|ing)?|obtain(?:s|ed)?|ask(?:s|ed)? (?:you )?for|tells? (?:us|me))\b/;
// "That's the only personal information I hold": the relative clause is the claim.
const ONLY_DATA_WE_HOLD = /\b(?:is|'s|are) (?:all|the only|everything) (?:the )?(?:personal )?(?:information|data|details)? ?(?:that )?(?:we|i) (?:hold|collect|keep|store|have|receive|ask for)\b/;
// "You cannot place an order without giving us your name": a requirement, so collection happens.
const REQUIRED_TO_GIVE = /\bwithout (?:giving|providing|sending|telling) (?:us|me)\b/;

// The object of the verb must be data: a data word, or something of "your".
const NOT_DATA =
  /^(?!.*(?:information|info|data|details|e-?mail|names?|phone|address|ip|location|card|payment|identifiers?|birth|pii|personal|usage|browser|messages?|logs|anything|nothing|everything|records?|passport|telemetry|feeds|visit|collect|gather|obtain|ask for|asks for|capture|contact|answers|bookmarks|orders|events?|crash|stack traces?|diagnostics|metrics|take (?:orders|bookings)|recordings?|photos?|\bcalls\b|images? of you|footage|cctv|\b(?:hold|keep|store|collect|gather)s? any\b|\b(?:receive[sd]?|records?|logs?|captures?|collect\w*|gather\w*) your (?!own\b|browser\b|device\b|computer\b)[a-z]{3,}))|^(?!.*\b(?:information|data|details|personal)\b).*\bcollect\w* (?:any |no )?cookies\b/;
const OF_YOURS = /\b(?:receive[sd]?|records?|logs?|captures?) your (?!own\b|browser\b|device\b|computer\b)[a-z]{3,}/;

// "Usage Data may include your IP address ...": a data category described by what it holds.
const CATEGORY_INCLUDES =
  /^\s*(?:the )?(?:personal (?:data|information)|personally identifiable information|usage data|log data|technical data|device data|(?:the )?(?:information|data|details)(?: (?:that )?(?:we|i) (?:collect|receive|gather|hold|process))?)(?: [a-z]+){0,2}? ((?:may|might|can|could|will)? ?(?:also )?(?:include|includes|consist of|consists of|comprise|comprises|contain|contains))\b/;
// "... asks you to provide": the site asks, the user gives.
const ASKS_TO_PROVIDE = /\bask(?:s|ed)? (?:you|users|visitors|customers) to (?:provide|give|enter|submit|share|fill in)\b/g;

// Data kept on the user's own device is not collected; "not on our servers" makes that a denial.
const ON_USER_DEVICE = /\b(?:stored?|stores|saved?|saves|kept|keeps?|lives?|stays?|remains?) (?:\w+ ){0,4}(?:in|on) your (?:own )?(?:browser|device|computer|phone|machine)\b/;
const NOT_ON_OUR_SERVERS = /\bnot (?:on|in|to) (?:our|my|the|any) (?:own )?(?:servers?|systems?|cloud|databases?)\b|\bnever (?:reaches|sent to|uploaded to) (?:our|my|the)\b/;
// "Those statistics never leave our own server" (no sharing); "Audio never leaves your device" (no collection).
const LEAVES_OURS = /\bleaves? (?:our|my|the site's|the) (?:own )?(?:servers?|systems?|infrastructure|network|premises|office|machines?)\b/g;
const LEAVES_YOURS = /\bleaves? your (?:own )?(?:device|browser|computer|phone|machine)\b/g;

const PROCESSOR_CLAUSE = /,\s*which (?:also )?(?:process(?:es)?|handles?|stores?|hosts?) (?:this|the|your|that|all|such) (?:\w+ )?(?:information|data|details)\b/;
const BY_OTHER = /\b(?:stored|handled|processed|kept|held) by (?!us\b|me\b|our (?:team|staff)\b|the (?:team|staff)\b)[a-z]/;
// "Formbird lets teams build forms and collect responses", "Royal Mail, who need your address": someone else acts.
const SOMEONE_ELSE = new RegExp(`${RELATIVE_COLLECTION.source}|\\b(?:lets?|allows?|enables?|helps?) (?!us\\b|me\\b)[^.;]{0,40}$`);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function collectionHits(v: SentenceView, vendors: VendorMention[], add: (hit: Hit | null) => void): void {
  if (META_STATEMENT.test(v.norm) || COOKIE_DEFINITION.test(v.norm) || /^\s*please\b|\byou have the right\b/.test(v.norm)) return;
  // "If we learn that data from a child has been collected, we delete it": a hypothetical, not a practice.
  if (HYPOTHETICAL.test(v.norm)) return;
  const leavesOurs = /\bleaves?\b/.test(v.norm) ? findPractice(v, 'sharing', LEAVES_OURS, {}) : null;
  if (leavesOurs?.stance === 'denies') add(leavesOurs);
  const leavesYours = /\bleaves?\b/.test(v.norm) ? findPractice(v, 'collection', LEAVES_YOURS, { allowUserSubject: true }) : null;
  if (leavesYours?.stance === 'denies') {
    add(leavesYours);
    return;
  }
  if (ON_USER_DEVICE.test(v.norm)) {
    if (NOT_ON_OUR_SERVERS.test(v.norm)) add({ topic: 'collection', stance: 'denies', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
    return;
  }
  const only = ONLY_DATA_WE_HOLD.exec(v.norm);
  if (only) {
    add({ topic: 'collection', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: only.index, clauseIndex: 0 });
    return;
  }
  const required = REQUIRED_TO_GIVE.exec(v.norm);
  if (required && DATA_WORD.test(v.norm.slice(required.index))) {
    add({ topic: 'collection', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: required.index, clauseIndex: 0 });
    return;
  }
  // "Our store is hosted on Shopify, which processes this information on our behalf."
  const processor = PROCESSOR_CLAUSE.exec(v.norm);
  if (processor && vendors.some((m) => m.index < processor.index)) {
    add({ topic: 'sharing', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: processor.index, clauseIndex: 0 });
    return;
  }
  const category = CATEGORY_INCLUDES.exec(v.norm);
  if (category && DATA_WORD.test(v.norm.slice(category[0].length))) {
    const hedged = /^(?:may|might|can|could)\b/.test(category[1] ?? '');
    add({ topic: 'collection', stance: hedged ? 'permits' : 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: category.index, clauseIndex: 0 });
    return;
  }
  const collection =
    findPractice(v, 'collection', COLLECTION_VERB, { skipBefore: SOMEONE_ELSE, reject: NOT_DATA }) ??
    findPractice(v, 'collection', USER_PROVIDES, { allowUserSubject: true, skipBefore: /\b(?:information|data|details|that|which|what)\s+(?:our |the |your )?$/ }) ??
    findPractice(v, 'collection', ASKS_TO_PROVIDE, {});
  if (!collection) return;
  const verbAt = v.norm.slice(collection.at, collection.at + 14);
  // "We keep logs for 90 days" is retention; "we keep your name and address for six years" also says what is held.
  const retentionOnly =
    RETENTION.test(v.norm) && /^\s*(?:keep|kept|keeps|keeping|hold|holds|holding|retain\w*|stor(?:e[sd]?|ing))\b/.test(verbAt) && !/\bcollect/.test(v.norm) && dataTypesOf(v.norm).filter((t) => t !== 'other').length === 0;
  // "Xero receives invoice details", "Square, which receives your card details": a third party
  // receiving data is sharing, not collection.
  const receives = /\b(?:receives?|gets?)\b/.test(v.norm.slice(Math.max(0, collection.at - 2), collection.at + 12));
  const received = receives && (collection.actor === 'third-party' || /\b(?:through|via|to|by|with|uses?|using) [a-z0-9. -]{1,30}?,?\s*which\s*$/.test(v.norm.slice(0, collection.at)));
  const byVendor = (m: VendorMention): RegExp => new RegExp(`\\b(?:stored|handled|processed|kept|held) (?:by|with|in|at) (?:\\w+ )?${escape(m.name.toLowerCase().split(' ')[0] ?? '')}`);
  // "handled by our payment provider" names no vendor but is a hand-over all the same.
  const byOther = BY_OTHER.exec(v.norm);
  const storedBy = (vendors.some((m) => byVendor(m).test(v.norm)) || byOther !== null) && !STRONG_COLLECTION.test(v.norm.slice(0, byOther?.index ?? v.norm.length));
  // "Payment details are handled by Paddle, who collects your card details": the hand-over is sharing, the vendor collects.
  if (storedBy && byOther && STRONG_COLLECTION.test(v.norm.slice(byOther.index)) && collection.at > byOther.index) {
    add({ topic: 'sharing', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: byOther.index, clauseIndex: 0 });
    add({ ...collection, actor: 'third-party' });
    return;
  }
  if (received) {
    add({ ...collection, topic: 'sharing', actor: 'first-party' });
    return;
  }
  if (storedBy) {
    // "Card payments are handled by Stripe; we never see or store your card number": the hand-over
    // is sharing, and the site's own denial stays a collection denial.
    const clause = v.clauses[collection.clauseIndex]?.text ?? '';
    const sameClause = vendors.some((m) => byVendor(m).test(clause));
    if (sameClause) {
      add({ ...collection, topic: 'sharing', actor: 'first-party' });
      // "your email address is stored with Buttondown": the site takes the address and keeps it at a vendor.
      if (/\b(?:stored|kept|held) (?:with|in|at) /.test(clause) && /\byour\b/.test(clause)) add(collection);
      // "Subscribers give us their card details, which is stored by Stripe": giving is still collection.
      const given = findPractice(v, 'collection', USER_PROVIDES, { allowUserSubject: true });
      if (given && given.at < collection.at) add(given);
      return;
    }
    add({ topic: 'sharing', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
  }
  // "Referral agencies hold that information, not us."
  if (/,\s*not (?:us|me|we|by us)\s*[.!]?\s*$/.test(v.norm) && collection.stance === 'affirms') collection.stance = 'denies';
  if ((DATA_WORD.test(v.norm) || STRONG_COLLECTION.test(v.norm) || OF_YOURS.test(v.norm)) && !retentionOnly) add(collection);
}
