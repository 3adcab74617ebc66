/**
 * The rule registry: an explicit map sorted by id, never filesystem globbing.
 * A rule's id equals its path under rules/ (checked by tests/rules/registry.test.ts).
 */
import privacyLink from './caloppa/privacy-link.js';
import undisclosedCollection from './collection/undisclosed-collection.js';
import undisclosedCookies from './cookies/undisclosed-cookies.js';
import signalIgnored from './dnt/signal-ignored.js';
import undisclosedThirdParty from './trackers/undisclosed-third-party.js';
import type { Rule } from './types.js';

export const rules = {
  'caloppa/privacy-link': privacyLink,
  'collection/undisclosed-collection': undisclosedCollection,
  'cookies/undisclosed-cookies': undisclosedCookies,
  'dnt/signal-ignored': signalIgnored,
  'trackers/undisclosed-third-party': undisclosedThirdParty,
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export function getRules(): Rule[] {
  return Object.values(rules) as Rule[];
}
