/**
 * Keeps a finding small whatever the site sends: strings from a crawled page (cookie names,
 * URLs, link text, vendor domains) are clipped in message data, evidence and the evidence
 * key. Page URLs stay whole: a finding must list every page, and the crawler bounds URLs.
 */
import type { RuleFinding } from '../types.js';

const DATA_MAX = 200;
const EVIDENCE_MAX = 500;
const KEY_MAX = 300;
const DEPTH_MAX = 6;

export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function clipDeep(value: unknown, max: number, depth: number): unknown {
  if (typeof value === 'string') return clip(value, max);
  if (depth >= DEPTH_MAX || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => clipDeep(v, max, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clipDeep(v, max, depth + 1);
  return out;
}

export function boundFinding<M extends string>(finding: RuleFinding<M>): RuleFinding<M> {
  const data = finding.data
    ? Object.fromEntries(Object.entries(finding.data).map(([k, v]) => [k, typeof v === 'string' ? clip(v, k === 'basis' ? DATA_MAX * 2 : DATA_MAX) : v]))
    : undefined;
  return {
    ...finding,
    ...(data ? { data } : {}),
    evidence: clipDeep(finding.evidence, EVIDENCE_MAX, 0) as Record<string, unknown>,
    evidenceKey: clip(finding.evidenceKey, KEY_MAX),
  };
}
