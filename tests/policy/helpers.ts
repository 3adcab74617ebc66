/**
 * Test helpers for the claim extractor: run it on a few lines of policy text and pick the
 * claim of one topic. Plain text goes through the real reader, so headings and sentence
 * splitting are exercised too.
 */
import { readPolicySource } from '../../src/policy/read-document.js';
import type { Claim, ClaimTopic, PolicyDocument } from '../../src/policy/types.js';

export function read(text: string, kind: 'text' | 'markdown' | 'html' = 'text'): PolicyDocument {
  return readPolicySource({ url: 'https://example.test/privacy', body: text, kind }, 'test');
}

export function claimsOf(text: string, kind: 'text' | 'markdown' | 'html' = 'text'): Claim[] {
  return read(text, kind).claims;
}

/** Stance of the single claim on `topic`, or null when the text makes none. */
export function stanceOf(text: string, topic: ClaimTopic, kind: 'text' | 'markdown' | 'html' = 'text'): string | null {
  const found = claimsOf(text, kind).filter((c) => c.topic === topic);
  return found[0]?.stance ?? null;
}

export function claimOf(text: string, topic: ClaimTopic): Claim | undefined {
  return claimsOf(text).find((c) => c.topic === topic);
}
