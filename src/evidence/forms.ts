/**
 * Which form fields collect personal data, and what kind. Reads a field's type,
 * autocomplete token, name, id, label, placeholder and aria-label. Hidden and button-like
 * inputs, search boxes and anti-forgery tokens are not collection. Pure string work on
 * attributes the extractor already read; it does not see the DOM.
 */
import type { PersonalDataType } from './types.js';

export interface FieldFacts {
  tag: string;
  type?: string;
  name?: string;
  id?: string;
  autocomplete?: string;
  placeholder?: string;
  ariaLabel?: string;
  label?: string;
  required?: boolean;
  /** Inside a search form (role=search, or a form whose only text field is a query). */
  inSearch?: boolean;
}

const NOT_COLLECTION_TYPES = new Set([
  'hidden', 'submit', 'button', 'reset', 'image', 'search', 'checkbox', 'radio', 'range', 'color', 'file', 'password',
]);
const TOKEN_FIELD = /(?:^|[_\-\s])(?:csrf|xsrf|token|nonce|authenticity|captcha|recaptcha|honeypot|hp|utm)(?:$|[_\-\s])|^_|^(?:__|g-recaptcha)/i;
const SEARCH_FIELD = /^(?:q|s|query|search|keywords?|term|searchterm|search_query|k)$/i;

const AUTOCOMPLETE: Array<[RegExp, PersonalDataType]> = [
  [/^email$/, 'email'],
  [/^(?:name|given-name|family-name|additional-name|honorific-prefix|honorific-suffix|nickname)$/, 'name'],
  [/^tel(?:-.*)?$/, 'phone'],
  [/^(?:street-address|address-line[123]|address-level[1-4]|postal-code|country|country-name)$/, 'address'],
  [/^cc-/, 'payment'],
  [/^bday(?:-.*)?$/, 'birthdate'],
  [/^(?:sex|photo|impp|url)$/, 'other-personal'],
];

// Whole tokens of a name / id / label, after splitting camelCase and separators.
const WORDS: Array<[RegExp, PersonalDataType]> = [
  [/^(?:e?mail|emailaddress|courriel|correo)$/, 'email'],
  [/^(?:phone|telephone|tel|mobile|cell|cellphone|phonenumber|telefon|telefono)$/, 'phone'],
  [/^(?:card|cardnumber|ccnumber|ccnum|cc|cvc|cvv|csc|cvv2|iban|creditcard|expiry|expdate|ccexp)$/, 'payment'],
  [/^(?:birthday|birthdate|dob|bday|birth)$/, 'birthdate'],
  [/^(?:address|street|streetaddress|zip|zipcode|postcode|postal|postalcode|city|town)$/, 'address'],
  [/^(?:name|fname|lname|firstname|lastname|fullname|surname|givenname|familyname|forename|yourname)$/, 'name'],
];
// A 'name' token next to one of these names something other than a person.
const NOT_PERSON_NAME = new Set(['user', 'username', 'company', 'organisation', 'organization', 'business', 'file', 'domain', 'site', 'host', 'event', 'product', 'pet', 'project', 'team', 'account', 'list', 'field', 'group', 'coupon', 'promo']);

export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 40);
}

function fromWords(text: string | undefined): PersonalDataType | null {
  if (!text) return null;
  const tokens = words(text);
  for (const [pattern, type] of WORDS) {
    if (!tokens.some((t) => pattern.test(t))) continue;
    if (type === 'name' && tokens.some((t) => NOT_PERSON_NAME.has(t))) continue;
    return type;
  }
  // "e-mail" splits into e + mail; "first name" into first + name: both handled above.
  return null;
}

export interface FieldClass {
  dataType: PersonalDataType;
  autocomplete?: string;
}

/** The personal-data type a field collects, or null when it is not collection. */
export function classifyField(f: FieldFacts): FieldClass | null {
  const type = (f.type ?? (f.tag === 'input' ? 'text' : f.tag)).toLowerCase().trim();
  if (f.tag === 'input' && NOT_COLLECTION_TYPES.has(type)) return null;
  const ident = `${f.name ?? ''} ${f.id ?? ''}`;
  if (TOKEN_FIELD.test(f.name ?? '') || TOKEN_FIELD.test(f.id ?? '')) return null;
  if (f.inSearch || SEARCH_FIELD.test((f.name ?? '').trim()) || /\bsearch\b/i.test(`${ident} ${f.placeholder ?? ''} ${f.ariaLabel ?? ''}`.replace(/[_-]/g, ' '))) return null;
  const ac = (f.autocomplete ?? '').toLowerCase().trim().split(/\s+/).filter((t) => !/^(?:section-|shipping|billing|home|work|mobile|fax|pager|on|off)$/.test(t) && !t.startsWith('section-'));
  const token = ac[ac.length - 1];
  if (token) {
    for (const [pattern, dataType] of AUTOCOMPLETE) {
      if (pattern.test(token)) return { dataType, autocomplete: token };
    }
  }
  if (type === 'email') return { dataType: 'email' };
  if (type === 'tel') return { dataType: 'phone' };
  if (type === 'date' && /birth|dob|bday/i.test(`${ident} ${f.label ?? ''}`)) return { dataType: 'birthdate' };
  for (const text of [f.name, f.id, f.label, f.placeholder, f.ariaLabel]) {
    const dataType = fromWords(text);
    if (dataType) return { dataType };
  }
  return null;
}
