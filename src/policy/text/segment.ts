/**
 * Blocks to sentences. Intl.Segmenter finds the boundaries; this module repairs the places
 * it splits too eagerly (abbreviations, "Jan. 5"), splits inline bullets, and gives every
 * sentence its line and the nearest heading above it. Headings are not sentences.
 */
import type { PolicySentence } from '../types.js';
import type { TextBlock } from './blocks.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|cf|vs|approx|incl|esp|viz|Inc|Ltd|Co|Corp|LLC|L\.L\.C|Mr|Mrs|Ms|Dr|St|Art|Sec|Para|para|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|E\.U|[A-Z])\.\s*$/;

const STATEMENT_HEADING = /^(?:we|i|our (?:site|website|app|shop|service)|this (?:site|website|app|blog)|no|nothing|none)\b(?:\s+\S+){1,}/i;

/** Upper bound on sentences per document: a policy longer than this is mostly noise. */
export const MAX_SENTENCES = 5_000;

export function splitSentences(text: string): string[] {
  const pieces = text
    .split(/\s+(?=[•▪●◦]\s)|(?<=\S)\s+[•▪●◦]\s+/)
    .map((p) => p.replace(/^[•▪●◦]\s+/, ''));
  const out: string[] = [];
  for (const piece of pieces) {
    const raw = [...segmenter.segment(piece)].map((s) => s.segment);
    const merged: string[] = [];
    for (const seg of raw) {
      const prev = merged[merged.length - 1];
      const trimmed = seg.trimStart();
      const isEtc = prev !== undefined && /\betc\.\s*$/.test(prev);
      if (prev !== undefined && ((ABBREVIATION.test(prev) && (!isEtc || /^[a-z]/.test(trimmed))) || /^[a-z0-9,;)]/.test(trimmed))) {
        merged[merged.length - 1] = prev + seg;
      } else {
        merged.push(seg);
      }
    }
    for (const m of merged) {
      const t = m.trim();
      if (t && /[\p{L}\p{N}]/u.test(t)) out.push(t);
    }
  }
  return out;
}

export function blocksToSentences(blocks: TextBlock[]): PolicySentence[] {
  const sentences: PolicySentence[] = [];
  let heading: string | undefined;
  for (const block of blocks) {
    if (block.heading) {
      // "We don't use third-party trackers" as a section title is still a statement of practice.
      if (STATEMENT_HEADING.test(block.text) && !/\?\s*$/.test(block.text) && sentences.length < MAX_SENTENCES) {
        sentences.push({ text: block.text, line: block.line, ...(heading ? { heading } : {}) });
      }
      heading = block.text;
      continue;
    }
    for (const text of splitSentences(block.text)) {
      if (sentences.length >= MAX_SENTENCES) return sentences;
      sentences.push({ text, line: block.line, ...(heading ? { heading } : {}) });
    }
  }
  return sentences;
}
