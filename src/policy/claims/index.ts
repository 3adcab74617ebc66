/**
 * Claim extraction: reads each sentence of a policy (with its heading) and returns the
 * claims it makes, in text order, ids c1, c2 ... Pure and synchronous; it never guesses a
 * stance it cannot read (garbled sentences are marked low confidence).
 */
import type { Claim, ClaimTopic, PolicySentence } from '../types.js';
import { collectionHits } from './collection.js';
import { dataTypesOf, parseDate } from './details.js';
import { findPractice, type Hit, type SentenceView } from './detect.js';
import { normalise, splitClauses } from './normalize.js';
import {
  ANALYTICS_VERB, ANALYTICS_WORD, BEHAVIORAL_ADS, CHANGE_WORD, CHILDREN_VERB, CHILDREN_WORD, COOKIE_DEFINITION,
  COOKIE_VERB, COOKIE_WORD, EFFECTIVE_WORD, FIRST_PERSON, GPC_EXTRA, HYPOTHETICAL, LAW_WORD, META_STATEMENT,
  NOTIFY_VERB, POLICY_WORD, REVIEW_SUBJECT, REVIEW_VERB, SALE_VERB, SHARING_NOT, SHARING_VERB,
  THIRD_PARTY_TRACKING, TRACKING_COOKIE, VENDOR_TRACKS, VENDOR_USE,
} from './patterns.js';
import { signalHit } from './signals.js';
import { answerStance, isNegatedAt } from './stance.js';
import { cookieOwner, findCookieNames, findVendors, type VendorMention } from './vendors.js';

interface SentenceClaims {
  hits: Hit[];
  /** For a short answer: the question it answers, which is its heading. */
  question?: string;
  dataTypes?: string[];
  vendors?: VendorMention[];
  cookies?: string[];
  date?: string;
}

function view(text: string, previous?: string): SentenceView {
  const norm = normalise(text);
  return { norm, clauses: splitClauses(norm), ...(previous ? { previousNorm: normalise(previous) } : {}) };
}

function topicHits(v: SentenceView, heading: string): SentenceClaims {
  const out: SentenceClaims = { hits: [] };
  const headingNorm = normalise(heading);
  const add = (hit: Hit | null): void => {
    if (hit && !out.hits.some((h) => h.topic === hit.topic)) out.hits.push(hit);
  };
  // A pronoun under a heading naming both signals ("it") refers to the one named first.
  const headDnt = headingNorm.indexOf('dnt_signal');
  const headGpc = Math.max(headingNorm.indexOf('gpc_signal'), GPC_EXTRA.exec(headingNorm)?.index ?? -1);
  const dnt = signalHit(v, 'dnt', headDnt >= 0 && (headGpc < 0 || headDnt < headGpc));
  const gpc = signalHit(v, 'gpc', headGpc >= 0 && (headDnt < 0 || headGpc < headDnt));
  if (dnt || gpc) {
    // A sentence about the signal speaks of what happens when it is on, not of the site's practice;
    // only a plain "we track nobody" beside it is kept.
    add(dnt);
    add(gpc);
    const tracking = findPractice(v, 'third-party-tracking', THIRD_PARTY_TRACKING, {});
    if (tracking?.stance === 'denies' && /\btracks? (?:you|anyone|anybody|visitors|users|nobody)\b|\bno track(?:ing|ers)\b|\bnot (?:\w+ )?track(?:ers|ing)?\b/.test(v.norm)) add(tracking);
    // "The emails include an open-tracking pixel, which Do Not Track doesn't affect": a plain affirmation stays.
    if (tracking?.stance === 'affirms' && !/\b(?:when|if|whenever|once|unless|by|until|stop\w*|disabl\w*|turns? off|switch\w* off)\b/.test(v.norm)) add(tracking);
    return out;
  }
  const tableRow = v.norm.includes(' | ');
  const vendors = findVendors(v.norm);
  const definition = COOKIE_DEFINITION.test(v.norm) || META_STATEMENT.test(v.norm) || /\bthe law (?:states|says|requires|allows|permits)\b/.test(v.norm);
  if (!definition && !tableRow && !HYPOTHETICAL.test(v.norm)) {
    const cookies = findPractice(v, 'cookies', COOKIE_WORD, { verb: COOKIE_VERB });
    add(cookies);
    const tracking = findPractice(v, 'tracking-cookies', TRACKING_COOKIE, { verb: COOKIE_VERB });
    // "We set no cookies unless you agree to analytics cookies": the tracking cookies are the exception, set on consent.
    if (tracking?.stance === 'denies' && new RegExp(`\\b(?:unless|only if|until) you\\b[^.;]*?(?:${TRACKING_COOKIE.source})`).test(v.norm)) tracking.stance = 'conditional';
    add(tracking);
    // Cookies an advertising partner or network sets are advertising cookies, whatever they are called.
    if (cookies && AD_PARTNER.test(v.norm.slice(0, cookies.at + 1))) add({ ...cookies, topic: 'tracking-cookies', scope: { excludes: [], limitedTo: [] } });
    const trackerCookie = vendors.find((m) => m.tracker && /^[^;.]{0,60}\bcookies?\b/.test(v.norm.slice(m.index)));
    if (trackerCookie && !out.hits.some((h) => h.topic === 'tracking-cookies')) {
      add(findPractice(v, 'tracking-cookies', COOKIE_WORD, { verb: COOKIE_VERB }));
    }
  }
  if (!tableRow) add(findPractice(v, 'analytics', ANALYTICS_WORD, { verb: ANALYTICS_VERB, reject: /\bcookies? (?:for|to) (?:\w+ )?(?:analytics|statistics)\b/ }));
  // "X is a web analysis service provided by Y" describes the vendor, it does not say the site uses it.
  const analyticsVendor = vendors.find((m) => m.analytics);
  if (analyticsVendor && !tableRow && !/\b(?:is|are) (?:a|an|our) /.test(v.norm)) add(findPractice(v, 'analytics', new RegExp(escape(vendorWord(v.norm, analyticsVendor.index))), {}));
  // "We do not track you beyond basic Google Analytics": the analytics named as the exception is used.
  const analyticsHit = out.hits.find((h) => h.topic === 'analytics');
  if (analyticsHit?.stance === 'denies' && /\b(?:except(?: for)?|other than|apart from|aside from|besides|beyond|with the exception of|save for)\s+(?:[\w()-]+\s+){0,4}?(?:analytics|statistics)\b/.test(v.norm)) {
    analyticsHit.stance = 'affirms';
  }
  // "Personal Data processed: Usage Data; Trackers." names a data category, it says nothing of who tracks.
  // "Embedded content from other websites" is a title: a short phrase with no verb and no negation claims nothing.
  const title = v.norm.trim().split(' ').length <= 7 && !/\b(?:no|not|never|none|is|are|was|were|be|may|might|can|will|do|does|has|have|use[sd]?|load(?:s|ed)?|embeds|includes?|sets?|tracks?|collects?|shares?|runs?|serves?|shows?|lets?|allows?)\b/.test(v.norm);
  if (!definition && !tableRow && !title) add(findPractice(v, 'third-party-tracking', THIRD_PARTY_TRACKING, { reject: /^\s*personal data (?:processed|collected)\b|^\s*(?:[a-z-]+\s+)?trackers?\s*\.?\s*$/ }));
  const trackerVendor = vendors.find((m) => m.tracker);
  // A vendor list row ("Mixpanel | product analytics", "Google Analytics – usage statistics") discloses the tracker.
  if (trackerVendor && trackerVendor.index <= 2 && /^\s*[^|–:]{1,40}?\s(?:\||-|:)\s/.test(v.norm)) {
    add({ topic: 'third-party-tracking', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: trackerVendor.index, clauseIndex: 0 });
  }
  if (trackerVendor && !tableRow && (VENDOR_USE.test(v.norm) || VENDOR_TRACKS.test(v.norm))) {
    add(findPractice(v, 'third-party-tracking', new RegExp(escape(vendorWord(v.norm, trackerVendor.index))), {}));
  }
  // "Mailchimp records whether each email is opened": a mailing service reporting opens and clicks tracks readers.
  const mailer = vendors[0];
  if (mailer && !tableRow && /\b(?:records?|tells? (?:us|me)|tracks?|reports?|shows? (?:us|me)|lets? (?:us|me) see)\b[^.;]{0,40}\b(?:opened|opens|clicked|clicks)\b/.test(v.norm.slice(mailer.index))) {
    add(findPractice(v, 'third-party-tracking', new RegExp(escape(vendorWord(v.norm, mailer.index))), {}));
  }
  // "No cookies." / "Not one, not even a consent cookie.": a verbless list item that denies.
  if (!out.hits.some((h) => h.topic === 'cookies') && /^\s*(?:no|zero|not one|not a single|not even)\b[^.;:!]{0,50}\bcookies?\b[^.;:!]{0,20}(?:[.!]|\s*$)/.test(v.norm) && !/\b(?:use[sd]?|set|sets|place[sd]?|store[sd]?|have|has)\b/.test(v.norm.split(/[.!;:]/)[0] ?? '')) {
    add({ topic: 'cookies', stance: 'denies', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
  }
  add(findPractice(v, 'behavioral-advertising', BEHAVIORAL_ADS, {}));
  if (!SHARING_NOT.test(v.norm) && !tableRow && !META_STATEMENT.test(v.norm)) add(findPractice(v, 'sharing', SHARING_VERB, { reject: /\bcookies?\b(?!.*\b(?:information|data|details)\b)/ }));
  if (!tableRow && !META_STATEMENT.test(v.norm)) add(findPractice(v, 'sale', SALE_VERB, { reject: /^(?!.*\b(?:data|information|pii|details|personal|it|them|any|anything|nothing|lists?|address(?:es)?|e-?mails?|identifiers)\b)|\b(?:products?|goods|items|services|tickets|holidays) (?:we |that we )?(?:sell|sold)\b|\bwe sell (?:products|goods|items|gift cards)\b|\bopt(?:-| )?out of (?:the )?(?:sale|selling)\b|\bdo not sell (?:or share )?my\b/ }));
  if (!tableRow) collectionHits(v, vendors, add);
  add(findPractice(v, 'children', CHILDREN_WORD, { verb: CHILDREN_VERB }));
  if (CHANGE_WORD.test(v.norm) && (POLICY_WORD.test(v.norm) || /\bchanges?\b/.test(headingNorm) || /\bupdates?\b/.test(headingNorm))) {
    const change = findPractice(v, 'change-notification', NOTIFY_VERB, { allowUserSubject: true });
    const mayChange = findPractice(v, 'change-notification', /\b(?:may|might|will|can|reserve the right to) (?:\w+ )?(?:update|change|modify|revise|amend)\b/, { allowUserSubject: true });
    const hit = change && mayChange ? (mayChange.at < change.at ? mayChange : change) : (change ?? mayChange);
    // "We may change this policy without notice" is still a hedge about changing it, not a denial.
    const stance = hit?.stance === 'conditional' ? 'affirms' : hit?.stance === 'denies' && /\bwithout (?:prior |any )?notice\b/.test(v.norm) ? 'permits' : hit?.stance;
    if (hit && stance) add({ ...hit, stance, actor: 'first-party' });
  }
  if (REVIEW_VERB.test(v.norm) && REVIEW_SUBJECT.test(v.norm) && !/\b(?:update|change|modify|revise) (?:this|our|the) (?:privacy )?(?:policy|notice|statement|page)\b/.test(v.norm)) {
    const review = findPractice(v, 'review-process', REVIEW_VERB, { allowUserSubject: true });
    if (review) add({ ...review, stance: review.stance === 'denies' ? 'denies' : 'affirms', actor: 'first-party' });
  }
  if (vendors.length > 0) {
    const first = vendors[0] as VendorMention;
    // A vendor named as the exception to a denial ("no tracking, except Google Analytics") is disclosed.
    const excepted = /\b(?:except(?: for)?|other than|apart from|aside from|besides|beyond|with the exception of|save for)\s+(?:[\w()-]+\s+){0,6}$/.test(v.norm.slice(0, first.index));
    const negated = !excepted && v.clauses.some((c) => {
      const rel = first.index - c.start;
      return rel >= 0 && rel < c.text.length && isNegatedAt(c.text, rel + 1);
    });
    const conditional =
      /^\s*(?:if (?:you|your)|with your (?:prior |explicit )?(?:consent|permission)|only (?:if|after) you)\b/.test(v.norm) && !/^\s*if you (?:just |only |simply |merely )?(?:browse|visit|read|look)\b/.test(v.norm);
    add({ topic: 'named-vendor', stance: conditional ? 'conditional' : negated ? 'denies' : 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: first.index, clauseIndex: 0 });
    out.vendors = vendors;
  }
  return out;
}

const AD_PARTNER = /\b(?:ad|ads|advertising|advertisement|marketing) (?:partners?|networks?|companies|providers?|vendors?)\b|\badvertisers\b/;

/** The vendor's first word as written at `index`, without trailing punctuation ("mailchimp," -> "mailchimp"). */
function vendorWord(norm: string, index: number): string {
  return /^[a-z0-9][a-z0-9.'-]*[a-z0-9]|^[a-z0-9]/.exec(norm.slice(index))?.[0] ?? norm.slice(index).split(/\s/)[0] ?? '';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Topics a question heading asks about, read by treating its words as a statement. */
function questionTopics(question: string): ClaimTopic[] {
  const statement = question
    .replace(/\?+\s*$/, '')
    .replace(/^\s*(?:do|does|did|will|would|can|is|are|how does|how do|what|who|which)\s+/i, '')
    .replace(/^(?:we|i|you|this site|the site|our site|this blog|the blog|this website)\s+/i, 'we ')
    .replace(/^there\s+(?:any\s+)?/i, 'we use ');
  const sentence = /^we\s/i.test(statement) ? statement : `we use ${statement}`;
  const result = topicHits(view(sentence), '');
  const topics = result.hits.map((h) => h.topic).filter((t) => t !== 'named-vendor' && t !== 'review-process');
  // "What about Do Not Track?": a question naming a signal asks whether it is honoured.
  const asked = normalise(question);
  if (asked.includes('dnt_signal') && !topics.includes('dnt')) topics.push('dnt');
  if ((asked.includes('gpc_signal') || GPC_EXTRA.test(asked)) && !topics.includes('gpc')) topics.push('gpc');
  // "Who sees my details?": a question about who receives the data asks about sharing.
  if (!topics.includes('sharing') && /^\s*(?:who|which (?:companies|third parties|partners))\b.*\b(?:sees?|gets?|receives?|has access|have access|can see|do you (?:share|give))\b/i.test(question)) topics.push('sharing');
  // "Is there any tracking on the site?": a generic tracking question asks about trackers.
  if (topics.length === 0 && /\b(?:track(?:ing|ed|s)?|trackers?|followed)\b/i.test(statement)) topics.push('third-party-tracking');
  return topics;
}

function isQuestion(text: string | undefined): text is string {
  return text !== undefined && /\?\s*$/.test(text.trim());
}

/**
 * A run-in label that names a topic and nothing else ("Do Not Track / GPC.", "Email:") works
 * like a heading for the sentence after it; it makes no claim itself.
 */
function isTopicLabel(text: string | undefined): text is string {
  if (text === undefined || !/[.:]\s*$/.test(text.trim()) || /[:;]\s*\S/.test(text) || text.trim().split(/\s+/).length > 5) return false;
  const norm = normalise(text);
  return /\b(?:dnt_signal|gpc_signal|cookies?|tracking|trackers?|analytics|sharing|selling|sale)\b/.test(norm) && !/\b(?:no|not|never|none|zero|we|i|is|are|do|does|use[sd]?|sets?|has|have|same|processed|collected|without|runs?|works?|only|all|every|any|here|this|our|my|off|on|yes|used|set)\b|\b[a-z]+(?:s|ed)\s+(?:without|with|no)\b/.test(norm);
}

const COLLECTION_HEADING = /\b(?:collect\w*|information (?:we|i) (?:hold|need|ask|receive|get)|data (?:we|i) (?:hold|keep|process)|what (?:we|i) (?:hold|need|ask for|keep)|personal (?:data|information) (?:we|i)|categories of personal|(?:you|users|members|customers) (?:give|provide|send) (?:us|me))\b/i;
const LIST_LEAD_IN = /\b(?:collect|need|ask|gather|hold|receive|store|keep|process)\w*\b/i;

/**
 * Collection stated by a list: a table row "Identifiers | name, email | Yes", or a bare list
 * of data ("Your name and email address.", "Account: your name and email") under a heading
 * or lead-in ("For account holders only, we collect:") that says it is collected.
 */
function listedCollection(text: string, v: SentenceView, heading: string, previous: string | undefined, listLeadIn: boolean): Hit | null {
  const types = dataTypesOf(v.norm);
  const base = { topic: 'collection' as const, actor: 'first-party' as const, scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 };
  const row = /\|\s*(yes|no|collected|not collected)\s*\.?\s*$/i.exec(text);
  if (row && /\b(?:information|data|identifiers|details|activity|records|history)\b/i.test(text)) return { ...base, stance: /^(?:no|not collected)$/i.test(row[1] ?? '') ? 'denies' : 'affirms' };
  if (text.includes(' | ') || v.norm.split(' ').length > 30) return null;
  const leadIn = listLeadIn || (previous !== undefined && /:\s*$/.test(previous) && LIST_LEAD_IN.test(previous));
  const underHeading = COLLECTION_HEADING.test(heading) && !/\b(?:review|delete|update|correct|access|rights?|share|sell|disclose)\b/i.test(heading);
  if (!leadIn && !underHeading) return null;
  // A list item that names no known data type still lists data when it is shaped like one:
  // "Time entries: the projects and tasks you record", "the recipes, photos and notes you save;".
  const labelled = /^\s*[A-Za-z][\w ’'-]{1,30}:\s+\S/.test(text);
  const item = leadIn && /[;,]\s*$|^\s*(?:the|your|a|an|any) /i.test(text);
  // Under a collection heading, a noun phrase naming data of any kind: "Crash logs, which include ...".
  const dataNoun = underHeading && /^\s*(?:[a-z-]+ ){0,3}(?:events?|logs?|reports?|identifiers?|ids?|history|records?|preferences|content|files|uploads|photos|messages|comments|scores?|progress|activity|interactions?|transactions?|orders?)\b/.test(v.norm);
  if (types.length === 0 && !labelled && !item && !dataNoun) return null;
  if (/\b(?:please|email us|e-mail us|contact|request (?:a|an|access|deletion|correction|that|to)|write to|call us)\b|^\s*e-?mail\b/.test(v.norm)) return null;
  // A bare noun phrase, not a sentence about something else that happens to name data.
  if (/\b(?:we|i) (?:\w+ )?(?:use|share|sell|send|delete|keep|contact|may|will|can)\b|^\s*(?:you|we|i|it|they|this|these|our|there)\b|\b(?:is|are) used (?:to|for)\b/.test(v.norm)) return null;
  return { ...base, stance: /^\s*if\b/.test(v.norm) ? 'conditional' : 'affirms' };
}

function readSentence(sentence: PolicySentence, previous: PolicySentence | undefined, listLeadIn = false): SentenceClaims {
  const text = sentence.text;
  const heading = sentence.heading ?? '';
  const asksBefore = (isQuestion(previous?.text) || isTopicLabel(previous?.text)) && previous?.heading === sentence.heading;
  const question = asksBefore ? previous?.text : isQuestion(heading) ? heading : undefined;
  const answer = question ? answerStance(text) : null;
  if (question && answer) {
    const topics = questionTopics(question);
    return {
      hits: topics.map((topic, i) => ({ topic, stance: answer, actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: i, clauseIndex: 0 })),
      question,
    };
  }
  const v = view(text, previous?.text);
  const out: SentenceClaims = { hits: [] };
  // chrono is the costly part of reading a policy: only sentences that hold a year or a numeric date reach it.
  if (EFFECTIVE_WORD.test(v.norm) && v.norm.trim().split(' ').length <= 20 && /\b(?:19|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(v.norm)) {
    const date = parseDate(text);
    if (date) {
      out.hits.push({ topic: 'effective-date', stance: 'affirms', actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
      out.date = date;
    }
  }
  // Definitions ("'Processing' means ...") and two-word labels ("Business Transfers.") claim nothing.
  if (/^\s*["“]?[^"”]{1,40}["”]? means\b/.test(v.norm) || (v.norm.trim().split(' ').length < 4 && !/\b(?:no|not|never|none|nothing|we|i|is|are|uses?|sets?)\b/.test(v.norm))) return out;
  // "Sale of Personal Information." is a label set in bold, not a statement.
  const words = text.replace(/[.:]+$/, '').split(/\s+/);
  if (words.length <= 8 && words.filter((w) => /^[A-Z]/.test(w)).length >= Math.ceil(words.filter((w) => w.length > 3).length * 0.8) && !/\b(?:we|i|our|no|not|never|is|are|do|does|use[sd]?|sets?|processed|collected)\b/i.test(text)) return out;
  // "We don't not collect ...": self-cancelling, not read at all.
  if (/\bnot not\b/.test(v.norm)) return out;
  // Sentences that describe the law or what other operators must do make no claim about this site.
  if (LAW_WORD.test(v.norm) && !FIRST_PERSON.test(v.norm)) return out;
  // A question right before the answer ("What about Do Not Track? We respect it.") is the answer's heading.
  const found = topicHits(v, question ?? heading);
  // "It is not the case that we do not use cookies": the outer negation cancels the inner one.
  if (/\b(?:not the case that|wrong to say that|untrue that|false to say that|not true that)\b/.test(v.norm)) {
    for (const hit of found.hits) {
      if (hit.stance === 'denies') {
        hit.stance = 'affirms';
        hit.lowConfidence = true;
      }
    }
  }
  // "Some of these may be placed by third parties" right after cookies were named.
  const pronoun = /^\s*(?:these|they|some of (?:these|them)|all of (?:these|them)|both|each of them)\b/;
  if (!found.hits.some((h) => h.topic === 'cookies') && pronoun.test(v.norm) && (/\bcookies?\b/i.test(previous?.text ?? '') || /^\s*cookies?\b/i.test(heading))) {
    const hit = findPractice(v, 'cookies', pronoun, { verb: COOKIE_VERB });
    if (hit) found.hits.push(hit);
  }
  out.hits.push(...found.hits);
  if (!found.hits.some((h) => h.topic === 'collection')) {
    const listed = listedCollection(text, v, isQuestion(previous?.text) ? previous.text : heading, previous?.text, listLeadIn);
    if (listed) out.hits.push(listed);
  }
  if (found.vendors) out.vendors = found.vendors;
  const cookieContext = /\bcookie/i.test(text) || /\bcookie/i.test(heading) || text.includes(' | ');
  const cookies = findCookieNames(text, cookieContext);
  if (cookies.length > 0) {
    out.cookies = cookies;
    out.hits.push({ topic: 'named-cookie', stance: 'affirms', actor: cookies.some((c) => cookieOwner(c)) ? 'third-party' : 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
  }
  if (out.hits.some((h) => h.topic === 'collection' || h.topic === 'sharing')) {
    const types = dataTypesOf(v.norm);
    if (types.length > 0) out.dataTypes = types;
  }
  return out;
}

const TOPIC_ORDER: ClaimTopic[] = [
  'effective-date', 'collection', 'cookies', 'tracking-cookies', 'analytics', 'third-party-tracking', 'behavioral-advertising',
  'sharing', 'sale', 'dnt', 'gpc', 'children', 'change-notification', 'review-process', 'named-vendor', 'named-cookie',
];

/** Upper bound on claims per document. */
const MAX_CLAIMS = 2_000;

export function extractClaims(doc: { sentences: PolicySentence[]; url: string }): Claim[] {
  const claims: Claim[] = [];
  // A lead-in ending in a colon ("we collect:") reaches every item of the list after it, until the heading changes.
  let leadIn: { heading: string | undefined; items: number } | null = null;
  for (let i = 0; i < doc.sentences.length && claims.length < MAX_CLAIMS; i++) {
    const sentence = doc.sentences[i] as PolicySentence;
    if (isQuestion(sentence.text) || isTopicLabel(sentence.text)) continue;
    if (leadIn && (leadIn.heading !== sentence.heading || leadIn.items >= 12)) leadIn = null;
    let read: SentenceClaims;
    try {
      read = readSentence(sentence, doc.sentences[i - 1], leadIn !== null);
    } catch {
      continue;
    }
    if (/:\s*$/.test(sentence.text) && LIST_LEAD_IN.test(sentence.text)) leadIn = { heading: sentence.heading, items: 0 };
    else if (leadIn && !/[;,:]\s*$|^\s*(?:the|your|a|an|any)\s/i.test(sentence.text) && !read.hits.some((h) => h.topic === 'collection')) leadIn = null;
    else if (leadIn) leadIn.items++;
    // "GPC: same as DNT." takes the stance the policy gave the other signal.
    // "The same goes for GPC." takes it from the signal the policy spoke of last.
    const sentenceNorm = normalise(sentence.text);
    const sameAs = /^\s*(gpc_signal|dnt_signal)\b[^.]{0,20}?\bsame (?:as|answer as) (?:for )?(?:the )?(dnt_signal|gpc_signal)\b/.exec(sentenceNorm);
    const sameFor = /^\s*(?:and )?(?:the )?same (?:goes|applies|is true|holds) (?:for|to) (?:the )?(dnt_signal|gpc_signal)\b/.exec(sentenceNorm);
    const same = sameAs ?? (sameFor ? [sameFor[0], sameFor[1] as string, sameFor[1] === 'dnt_signal' ? 'gpc_signal' : 'dnt_signal'] : null);
    if (same && same[1] !== same[2] && !read.hits.some((h) => h.topic === 'dnt' || h.topic === 'gpc')) {
      const other = same[2] === 'dnt_signal' ? 'dnt' : 'gpc';
      const prior = [...claims].reverse().find((c) => c.topic === other);
      if (prior) read.hits.push({ topic: other === 'dnt' ? 'gpc' : 'dnt', stance: prior.stance, actor: 'first-party', scope: { excludes: [], limitedTo: [] }, at: 0, clauseIndex: 0 });
    }
    const hits = [...read.hits].sort((a, b) => TOPIC_ORDER.indexOf(a.topic) - TOPIC_ORDER.indexOf(b.topic));
    for (const hit of hits) {
      const claim: Claim = {
        id: `c${claims.length + 1}`,
        topic: hit.topic,
        stance: hit.stance,
        actor: hit.actor,
        scope: hit.scope,
        quote: sentence.text,
        location: { url: doc.url, line: sentence.line, ...(read.question ?? sentence.heading ? { heading: read.question ?? sentence.heading } : {}) },
        confidence: hit.lowConfidence ? 'low' : 'high',
        source: 'extracted',
      };
      if ((hit.topic === 'collection' || hit.topic === 'sharing') && read.dataTypes) claim.dataTypes = read.dataTypes;
      if (read.vendors && ['named-vendor', 'analytics', 'third-party-tracking', 'tracking-cookies', 'cookies', 'sharing', 'collection'].includes(hit.topic)) {
        const vendors = read.vendors.filter((m) => hit.topic === 'named-vendor' || hit.topic === 'sharing' || hit.topic === 'collection' || (hit.topic === 'analytics' ? m.analytics : m.tracker || m.analytics));
        if (vendors.length > 0) claim.vendors = vendors.map((m) => m.name);
      }
      if (hit.topic === 'named-cookie' && read.cookies) {
        claim.cookies = read.cookies;
        const owners = [...new Set(read.cookies.map(cookieOwner).filter((o): o is string => Boolean(o)))];
        if (owners.length > 0) claim.vendors = owners;
      }
      if (hit.topic === 'effective-date' && read.date) claim.date = read.date;
      claims.push(claim);
    }
  }
  return claims;
}
