/**
 * Claims stated in the config file win over extracted ones: where the text is too ambiguous
 * to read, a user says what the policy means. A stated claim replaces every extracted claim of
 * the same topic and actor, and is marked source 'config'. Pure.
 */
import type { Claim, ClaimActor, ClaimScope, ClaimStance, ClaimTopic } from './types.js';

export interface StatedClaim {
  topic: ClaimTopic;
  stance: ClaimStance;
  actor?: ClaimActor;
  quote?: string;
  scope?: Partial<ClaimScope>;
}

export function mergeStatedClaims(extracted: Claim[], stated: StatedClaim[], policyUrl = 'config'): Claim[] {
  const key = (topic: ClaimTopic, actor: ClaimActor): string => `${topic}\u0000${actor}`;
  const overridden = new Set(stated.map((s) => key(s.topic, s.actor ?? 'first-party')));
  const kept = extracted.filter((c) => !overridden.has(key(c.topic, c.actor)));
  const fromConfig: Claim[] = stated.map((s, i) => ({
    id: `s${i + 1}`,
    topic: s.topic,
    stance: s.stance,
    actor: s.actor ?? 'first-party',
    scope: { excludes: [...(s.scope?.excludes ?? [])], limitedTo: [...(s.scope?.limitedTo ?? [])], ...(s.scope?.text ? { text: s.scope.text } : {}) },
    quote: s.quote ?? `(stated in config) ${s.topic}: ${s.stance}`,
    location: { url: policyUrl, line: 0, heading: 'config' },
    confidence: 'high',
    source: 'config',
  }));
  return [...fromConfig, ...kept];
}
