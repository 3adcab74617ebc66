/**
 * collection/undisclosed-collection: a form collects personal data of a type the policy
 * says the site does not collect. One finding per (form action path, data types), with
 * every page the form appears on. Pure: the field classification (email, name, phone...)
 * comes from src/evidence; this module only maps the policy's words onto those types.
 */
import type { FormEvidence, PersonalDataType } from '../../src/evidence/types.js';
import type { Claim } from '../../src/policy/types.js';
import { defineRule, toFindingClaim, type RuleFinding, type Severity } from '../types.js';
import { boundFinding } from '../util/bound.js';
import { denials, findClaims, pickClaim, shortQuote } from '../util/claims.js';
import { EvidenceGroups } from '../util/group.js';
import { normaliseTerm } from '../util/terms.js';
import { pathKey } from '../util/urls.js';

type MessageId = 'formCollects';

const ALL_TYPES: readonly PersonalDataType[] = ['email', 'name', 'phone', 'address', 'payment', 'birthdate', 'other-personal'];

// Words a policy uses for a data type. "personal information" and the like mean every type.
const TYPE_WORDS: Array<[RegExp, PersonalDataType[]]> = [
  [/^(personal|personally|pii|information|info|data|personal-data|personal-information|personally-identifiable(-information)?|any(-information|-data)?|anything|details|contact-details|contact-information)$/, [...ALL_TYPES]],
  [/e-?mail/, ['email']],
  [/(^|-)names?$|full-name|first-name|last-name|surname/, ['name']],
  [/phone|telephone|mobile|sms/, ['phone']],
  [/address|postal|zip|postcode/, ['address']],
  [/payment|credit-card|card|billing|bank|financial/, ['payment']],
  [/birth|birthday|(^|-)age$|(^|-)dob$/, ['birthdate']],
  [/^other(-personal)?$|messages?|comments?/, ['other-personal']],
];

// Data no form field collects: a denial about these never reaches a form.
const NOT_FORM_DATA = /^ip$|(^|-)(ip|mac)-address|cookie|device|browser|browsing|usage|(^|-)logs?(-|$)|analytics|tracking|location|gps/;

const OTHER_SOURCE = /\bfrom (?:any )?(?:third[- ]part(?:y|ies)|other (?:companies|sources|websites)|(?:our )?partners|data brokers|public sources)\b/i;
const SENSITIVE = /\bsensitive\b|\bspecial categor|\bbiometric|\bhealth\b|\bmedical\b|\bgenetic\b/i;

// Exceptions that never cover a form: the visitor who types into it has given permission,
// and "unless the law requires" is about disclosure, not collection through a form.
const PERMISSION = /^(with-permission|with-consent|consent|permission|your-consent|prior-consent)$/;
const IRRELEVANT_EXCEPTION = /^(legal-requirement|law|legal)$/;

// Scope words that only restate the audience: "from visitors of our site" still means everyone.
const GENERAL_AUDIENCE = /^(visitors?|users?|you|customers?|people|site|website|our-site|our-website|app|blog|online|individuals?|personal|personally-identifiable|pii)$/;

export function dataTypesFor(words: readonly string[]): Set<PersonalDataType> | null {
  const out = new Set<PersonalDataType>();
  let recognised = false;
  for (const word of words) {
    const norm = normaliseTerm(word);
    if (NOT_FORM_DATA.test(norm)) continue;
    for (const [re, types] of TYPE_WORDS) {
      if (re.test(norm)) {
        recognised = true;
        for (const t of types) out.add(t);
        break;
      }
    }
  }
  return recognised ? out : null;
}

interface Reach {
  types: Set<PersonalDataType>;
  /** The scope has words we could not place: report as a warning. */
  doubtful: boolean;
}

/** The data types a denial covers, or null when its scope keeps it away from forms (children, anonymous use...). */
function reachOf(claim: Claim): Reach | null {
  // "We do not process sensitive personal information" (CCPA/GDPR special categories: health,
  // biometrics, precise location...) says nothing about an email or a name.
  // "We do not receive any information from third parties" is about another source than the visitor.
  if (OTHER_SOURCE.test(claim.quote)) return null;
  if (SENSITIVE.test(claim.quote) || [...(claim.scope?.limitedTo ?? []), ...(claim.dataTypes ?? [])].some((w) => SENSITIVE.test(w))) return null;
  let types = new Set<PersonalDataType>(ALL_TYPES);
  let doubtful = false;
  if (claim.dataTypes && claim.dataTypes.length > 0) {
    const named = dataTypesFor(claim.dataTypes);
    // "We do not collect IP addresses": a denial about data no form field holds.
    if (!named) return null;
    types = named;
  }
  for (const word of claim.scope?.limitedTo ?? []) {
    const norm = normaliseTerm(word);
    if (!norm || GENERAL_AUDIENCE.test(norm)) continue;
    const named = dataTypesFor([word]);
    if (!named) return null; // "from children under 13", "anonymously", "automatically": not what a form does
    types = new Set([...types].filter((t) => named.has(t)));
  }
  for (const word of claim.scope?.excludes ?? []) {
    const norm = normaliseTerm(word);
    if (PERMISSION.test(norm)) return null;
    if (!norm || IRRELEVANT_EXCEPTION.test(norm)) continue;
    const named = dataTypesFor([word]);
    if (named && named.size < ALL_TYPES.length) for (const t of named) types.delete(t);
    else doubtful = true; // "except when you contact us": the form may be that exception
  }
  return types.size ? { types, doubtful } : null;
}

interface Seen {
  page: string;
  form: FormEvidence;
}

export default defineRule<MessageId>({
  meta: {
    id: 'collection/undisclosed-collection',
    description: 'A form collects personal data of a type the policy says is not collected.',
    defaultSeverity: 'error',
    docs: 'rules/collection/undisclosed-collection.md',
    messages: {
      formCollects: 'The policy says "{quote}" but a form on {page} (action {action}) collects {types} ({pages} page(s)).',
    },
    requires: { policy: true, claims: ['collection'], evidence: ['pages', 'forms'] },
  },
  check(context) {
    const reaches = denials(context.claims, ['collection'], ['first-party'])
      .map((claim) => ({ claim, reach: reachOf(claim) }))
      .filter((r): r is { claim: Claim; reach: Reach } => r.reach !== null);
    if (reaches.length === 0) return [];
    // "We collect your email address to..." elsewhere in the policy discloses email: still a
    // contradiction with the denial, but the reader was told, so it is only a warning.
    const affirmed = findClaims(context.claims, { topics: ['collection'], stances: ['affirms', 'permits'], actors: ['first-party'] });
    const affirmedTypes = dataTypesFor(affirmed.flatMap((c) => c.dataTypes ?? [])) ?? new Set<PersonalDataType>();

    const groups = new EvidenceGroups<Seen & { types: PersonalDataType[] }>();
    const allDenied = new Set(reaches.flatMap((r) => [...r.reach.types]));
    for (const page of context.site.pages) {
      for (const form of page.forms ?? []) {
        const types = [...new Set((form.fields ?? []).map((f) => f.dataType))].filter((t) => allDenied.has(t)).sort();
        if (types.length === 0) continue;
        groups.add(`${pathKey(form.action || page.url)}\u0000${types.join(',')}`, page.url, { page: page.url, form, types });
      }
    }

    const findings: RuleFinding<MessageId>[] = [];
    for (const group of groups.values()) {
      const first = group.examples[0];
      if (!first) continue;
      const reaching = reaches.filter((r) => first.types.some((t) => r.reach.types.has(t)));
      const claim = pickClaim(reaching.map((r) => r.claim));
      const reach = reaching.find((r) => r.claim === claim)?.reach;
      if (!claim || !reach) continue;
      const types = first.types;
      const disclosedElsewhere = affirmed.filter((c) => types.some((t) => dataTypesFor(c.dataTypes ?? [])?.has(t)));
      const severity: Severity =
        claim.confidence === 'low' || reach.doubtful || types.every((t) => t === 'other-personal') || types.every((t) => affirmedTypes.has(t)) ? 'warning' : 'error';
      const action = pathKey(first.form.action || first.page);
      findings.push({
        messageId: 'formCollects',
        severity,
        data: { quote: shortQuote(claim.quote), page: pathKey(first.page), action, types: types.join(', '), pages: group.urls.length },
        urls: group.urls,
        claim: toFindingClaim(claim),
        ...(disclosedElsewhere.length ? { relatedClaims: disclosedElsewhere.slice(0, 3).map(toFindingClaim) } : {}),
        evidence: {
          form: {
            action: first.form.action,
            method: first.form.method,
            ...(first.form.id ? { id: first.form.id } : {}),
            // Fields outside any <form>, sent by script: the action is the page itself.
            ...(first.form.detached ? { detached: true } : {}),
            fields: (first.form.fields ?? [])
              .filter((f) => types.includes(f.dataType))
              .slice(0, 20)
              .map((f) => ({ ...(f.name ? { name: f.name } : {}), ...(f.type ? { type: f.type } : {}), ...(f.label ? { label: f.label.slice(0, 200) } : {}), dataType: f.dataType })),
          },
          dataTypes: types,
        },
        evidenceKey: `form:${action}:${types.join(',')}`,
      });
    }
    return findings.map(boundFinding);
  },
});
