/**
 * Scores extracted claims against the hand-checked golden files in fixtures/policies/.
 * A prediction matches a golden claim of the same topic when one quote (whitespace
 * collapsed, quotes normalised, lower-cased) contains the other; a stance match also needs
 * the same stance. Shared by the eval script and the golden test; reads files, no network.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyKindFromPath, readPolicySource } from '../../src/policy/read-document.js';
import type { Claim, ClaimStance, ClaimTopic } from '../../src/policy/types.js';

export const CORPUS_DIR = new URL('../../fixtures/policies/', import.meta.url).pathname;

export const EXHAUSTIVE: ClaimTopic[] = ['cookies', 'tracking-cookies', 'third-party-tracking', 'collection', 'dnt', 'gpc', 'sharing', 'sale'];
export const TARGET_TOPICS: ClaimTopic[] = ['cookies', 'third-party-tracking', 'collection', 'dnt', 'gpc'];

export interface GoldenClaim {
  topic: ClaimTopic;
  stance: ClaimStance;
  quote: string;
  actor?: string;
}

export interface CorpusFile {
  name: string;
  source: string;
  golden: GoldenClaim[];
  predicted: Claim[];
}

export function normQuote(text: string): string {
  return text
    .replace(/â€™|[\u2018\u2019\u0092`´]/g, "'")
    .replace(/[\u201c\u201d"]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function quotesMatch(a: string, b: string): boolean {
  const x = normQuote(a);
  const y = normQuote(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.claims.json')).sort();
  const out: CorpusFile[] = [];
  for (const file of files) {
    const spec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { source: string; claims: GoldenClaim[] };
    let body: string;
    try {
      body = readFileSync(join(dir, spec.source), 'utf8');
    } catch {
      continue;
    }
    const doc = readPolicySource({ url: spec.source, body, kind: policyKindFromPath(spec.source) }, 'corpus');
    out.push({ name: file.replace(/\.claims\.json$/, ''), source: spec.source, golden: spec.claims, predicted: doc.claims });
  }
  return out;
}

export interface Score {
  golden: number;
  predicted: number;
  recall: number;
  precision: number;
  stanceRecall: number;
  stancePrecision: number;
}

interface Counts {
  golden: number;
  predicted: number;
  goldenFound: number;
  goldenStance: number;
  predictedRight: number;
  predictedStance: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

function toScore(c: Counts): Score {
  return {
    golden: c.golden,
    predicted: c.predicted,
    recall: ratio(c.goldenFound, c.golden),
    precision: ratio(c.predictedRight, c.predicted),
    stanceRecall: ratio(c.goldenStance, c.golden),
    stancePrecision: ratio(c.predictedStance, c.predicted),
  };
}

export interface Mistake {
  file: string;
  kind: 'missed' | 'wrong-stance' | 'extra';
  topic: ClaimTopic;
  expected?: ClaimStance;
  got?: ClaimStance;
  quote: string;
}

export interface EvalResult {
  perTopic: Record<string, Score>;
  perTopicStance: Record<string, Score>;
  overall: Score;
  mistakes: Mistake[];
}

export function evaluate(corpus: CorpusFile[]): EvalResult {
  const topic = new Map<string, Counts>();
  const pair = new Map<string, Counts>();
  const overall: Counts = { golden: 0, predicted: 0, goldenFound: 0, goldenStance: 0, predictedRight: 0, predictedStance: 0 };
  const mistakes: Mistake[] = [];
  const get = (map: Map<string, Counts>, key: string): Counts => {
    let c = map.get(key);
    if (!c) map.set(key, (c = { golden: 0, predicted: 0, goldenFound: 0, goldenStance: 0, predictedRight: 0, predictedStance: 0 }));
    return c;
  };
  for (const file of corpus) {
    for (const g of file.golden) {
      const same = file.predicted.filter((p) => p.topic === g.topic && quotesMatch(p.quote, g.quote));
      const found = same.length > 0;
      const stance = same.some((p) => p.stance === g.stance);
      for (const c of [get(topic, g.topic), get(pair, `${g.topic}/${g.stance}`), ...(EXHAUSTIVE.includes(g.topic) ? [overall] : [])]) {
        c.golden++;
        if (found) c.goldenFound++;
        if (stance) c.goldenStance++;
      }
      if (!found) mistakes.push({ file: file.name, kind: 'missed', topic: g.topic, expected: g.stance, quote: g.quote });
      else if (!stance) mistakes.push({ file: file.name, kind: 'wrong-stance', topic: g.topic, expected: g.stance, got: same[0]?.stance, quote: g.quote });
    }
    for (const p of file.predicted) {
      const same = file.golden.filter((g) => g.topic === p.topic && quotesMatch(p.quote, g.quote));
      const right = same.length > 0;
      const stance = same.some((g) => g.stance === p.stance);
      for (const c of [get(topic, p.topic), get(pair, `${p.topic}/${p.stance}`), ...(EXHAUSTIVE.includes(p.topic) ? [overall] : [])]) {
        c.predicted++;
        if (right) c.predictedRight++;
        if (stance) c.predictedStance++;
      }
      if (!right) mistakes.push({ file: file.name, kind: 'extra', topic: p.topic, got: p.stance, quote: p.quote });
    }
  }
  const sortKeys = (map: Map<string, Counts>): Record<string, Score> =>
    Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, toScore(c)]));
  return { perTopic: sortKeys(topic), perTopicStance: sortKeys(pair), overall: toScore(overall), mistakes };
}
