/**
 * The shared shape of extracted policy text: one block per line, headings marked.
 * Readers (HTML, Markdown, plain text) produce blocks; the segmenter turns them into
 * sentences. Nothing here parses markup.
 */

export interface TextBlock {
  text: string;
  /** 1-based line: in the extracted text for HTML, in the source file for .txt/.md. */
  line: number;
  heading: boolean;
  /** Came from a list item: a sentence of its own even without final punctuation. */
  listItem?: boolean;
}

/** Upper bound on blocks kept from one document, so a hostile page cannot grow memory. */
export const MAX_BLOCKS = 20_000;
/** Upper bound on characters in one block. */
export const MAX_BLOCK_CHARS = 20_000;

// C0/C1 controls other than tab and newline; site text must never carry them further.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Repairs the windows-1252 mis-decoding of typographic punctuation ("don’t" read as
 * "donâ€™t", or a raw 0x92 byte decoded as U+0092) and drops control characters.
 * Typographic apostrophes themselves are kept: quotes must match the source.
 */
export function cleanText(text: string): string {
  return text
    .replace(/â€™|â€˜/g, '’')
    .replace(/â€œ|â€\u009d|â€\u009c/g, '"')
    .replace(/â€“|â€”/g, '–')
    .replace(/\u0092/g, '’')
    .replace(/\u0091/g, '‘')
    .replace(/\u0093|\u0094/g, '"')
    .replace(/\u0096|\u0097/g, '–')
    .replace(/\u00a0/g, ' ')
    .replace(CONTROL, '');
}

export function collapseSpace(text: string): string {
  return text.replace(/[ \t\r\f\v]+/g, ' ').trim();
}

const PRONOUN_START = /^(we|our|you|your|us|they|it|this|these|if|when|where|please|by|for|to|in|on|as|any|all|no|yes)\b/i;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'or', 'of', 'the', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'your', 'our', 'we', 'do', 'how', 'what', '&', '-', '–']);

/**
 * Whether a stand-alone line of plain text reads as a heading. Questions are headings (policies
 * are often questions and answers); otherwise a short line without final punctuation whose
 * words are mostly capitalised. A short line starting "We ..." is a claim, not a heading.
 */
export function looksLikeHeading(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > 160) return false;
  if (/^[•*\-–·▪●◦]\s/.test(text)) return false;
  // "Last updated: 3 April 2023" is the effective date, a statement, not a section title.
  if (/\b(?:19|20)\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:updated|effective|revised|revision|modified)\b/i.test(text)) return false;
  if (/\?$/.test(text)) return text.split(/\s+/).length <= 30;
  if (text.length > 90) return false;
  if (/[.!;,]$/.test(text)) return false;
  const words = text.replace(/[():]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length > 12) return false;
  if (/^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\S/.test(text)) return true;
  if (PRONOUN_START.test(text) && !/^[A-Z0-9 &'’\-:]+$/.test(text)) return false;
  // "What we collect and why": a section title even in lower case.
  if (/^(?:what|how|why|who|when|where|which)\b/i.test(text) && /^[A-Z]/.test(text) && words.length <= 10) return true;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length === 0) return false;
  const capital = content.filter((w) => /^[A-Z0-9"'‘“(]/.test(w)).length;
  return capital / content.length >= 0.5;
}
