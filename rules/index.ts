/**
 * The rule registry: an explicit map sorted by id, never filesystem globbing.
 * A rule's id equals its path under rules/ (checked by tests/rules/registry.test.ts).
 */
import policyDisclosures from './caloppa/policy-disclosures.js';
import privacyLink from './caloppa/privacy-link.js';
import undisclosedCollection from './collection/undisclosed-collection.js';
import undisclosedCookies from './cookies/undisclosed-cookies.js';
import signalIgnored from './dnt/signal-ignored.js';
import selfContradiction from './policy/self-contradiction.js';
import undisclosedThirdParty from './trackers/undisclosed-third-party.js';
import type { Rule } from './types.js';

export const rules = {
  'caloppa/policy-disclosures': policyDisclosures,
  'caloppa/privacy-link': privacyLink,
  'collection/undisclosed-collection': undisclosedCollection,
  'cookies/undisclosed-cookies': undisclosedCookies,
  'dnt/signal-ignored': signalIgnored,
  'policy/self-contradiction': selfContradiction,
  'trackers/undisclosed-third-party': undisclosedThirdParty,
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export function getRules(): Rule[] {
  return Object.values(rules) as Rule[];
}
