/**
 * Golden tests over the labelled corpus: a snapshot of the extracted claims per policy (so
 * any change in extraction shows as a diff to review) and the target scores as a floor.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, loadCorpus, TARGET_TOPICS } from './eval-core.js';

const corpus = loadCorpus();

describe('extracted claims per corpus policy', () => {
  it('the corpus is present', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of corpus) {
    it(file.name, () => {
      const compact = file.predicted.map((c) => ({
        id: c.id,
        topic: c.topic,
        stance: c.stance,
        actor: c.actor,
        ...(c.scope.excludes.length || c.scope.limitedTo.length ? { scope: { excludes: c.scope.excludes, limitedTo: c.scope.limitedTo } } : {}),
        ...(c.confidence === 'low' ? { confidence: 'low' } : {}),
        ...(c.dataTypes ? { dataTypes: c.dataTypes } : {}),
        ...(c.vendors ? { vendors: c.vendors } : {}),
        ...(c.cookies ? { cookies: c.cookies } : {}),
        ...(c.date ? { date: c.date } : {}),
        line: c.location.line,
        quote: c.quote.length > 120 ? `${c.quote.slice(0, 119)}…` : c.quote,
      }));
      expect(compact).toMatchSnapshot();
    });
  }
});

describe('scores on the labelled corpus (floors: raise them as the extractor improves)', () => {
  const result = evaluate(corpus);
  it.each(TARGET_TOPICS)('%s', (topic) => {
    const score = result.perTopic[topic];
    expect(score).toBeDefined();
    expect(score?.stancePrecision).toBeGreaterThanOrEqual(FLOORS[topic]?.precision ?? 0);
    expect(score?.stanceRecall).toBeGreaterThanOrEqual(FLOORS[topic]?.recall ?? 0);
  });
});

// A little under the scores measured when they were last raised (cookies .963/.949,
// third-party-tracking .962/.943, collection .959/.917, dnt and gpc 1.0/1.0 on 63 policies).
const FLOORS: Record<string, { precision: number; recall: number }> = {
  cookies: { precision: 0.94, recall: 0.92 },
  'third-party-tracking': { precision: 0.93, recall: 0.91 },
  collection: { precision: 0.93, recall: 0.89 },
  dnt: { precision: 0.97, recall: 0.95 },
  gpc: { precision: 0.95, recall: 0.93 },
};
