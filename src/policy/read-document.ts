/**
 * Reads one policy document into text, sentences and claims. Pure: it takes the body the
 * crawler (or the CLI, for a local file) already has, and never fetches. A PDF, a page only a
 * browser can render, or a language the extractor does not read gives a document with a
 * `coverageNote` and no claims: reported, never guessed.
 */
import { extractClaims } from './claims/index.js';
import type { PolicyDocument, PolicySentence } from './types.js';
import type { TextBlock } from './text/blocks.js';
import { htmlToBlocks } from './text/html-text.js';
import { guessLanguage } from './text/language.js';
import { markdownToBlocks, textToBlocks } from './text/plain-text.js';
import { blocksToSentences } from './text/segment.js';

export type PolicySourceKind = 'html' | 'markdown' | 'text' | 'pdf';

/** Languages the claim patterns understand. */
const UNDERSTOOD = new Set(['en']);

/** Kind of a local policy file from its name: .html/.htm, .md/.markdown, .pdf, else text. */
export function policyKindFromPath(path: string): PolicySourceKind {
  const lower = path.toLowerCase().replace(/[?#].*$/, '');
  if (/\.(html?|xhtml)$/.test(lower)) return 'html';
  if (/\.(md|markdown|mdx)$/.test(lower)) return 'markdown';
  if (/\.pdf$/.test(lower)) return 'pdf';
  return 'text';
}

/** Kind of a fetched policy from its content type, falling back to the URL's extension. */
export function policyKindFromContentType(contentType: string, url: string, body: string): PolicySourceKind {
  const type = contentType.toLowerCase();
  if (type.includes('pdf') || body.startsWith('%PDF-')) return 'pdf';
  if (type.includes('html') || type.includes('xml')) return 'html';
  if (type.includes('markdown')) return 'markdown';
  if (type.startsWith('text/plain')) return policyKindFromPath(url) === 'markdown' ? 'markdown' : 'text';
  const byPath = policyKindFromPath(url);
  if (byPath !== 'text') return byPath;
  return /^\s*<(!doctype|html|head|body)/i.test(body) ? 'html' : 'text';
}

function emptyDocument(url: string, foundBy: string, coverageNote: string, language?: string): PolicyDocument {
  return { url, foundBy, text: '', sentences: [], claims: [], coverageNote, ...(language ? { language } : {}) };
}

/** Reads a policy body of a known kind (the CLI's entry point for local files). */
export function readPolicySource(input: { url: string; body: string; kind: PolicySourceKind }, foundBy: string): PolicyDocument {
  const { url, body, kind } = input;
  if (kind === 'pdf') {
    return emptyDocument(url, foundBy, 'The policy is a PDF; policy-lint does not read PDFs, so no claims were extracted.');
  }
  let blocks: TextBlock[];
  let text: string;
  if (kind === 'html') {
    const html = htmlToBlocks(body);
    if (html.appShell) {
      return emptyDocument(url, foundBy, 'The policy page has almost no text without JavaScript (an app shell); only a browser could read it.');
    }
    blocks = html.blocks;
    text = blocks.map((b) => b.text).join('\n');
  } else {
    blocks = kind === 'markdown' ? markdownToBlocks(body) : textToBlocks(body);
    text = body.replace(/\r\n?/g, '\n');
  }
  const sentences: PolicySentence[] = blocksToSentences(blocks);
  if (sentences.length === 0) {
    return { ...emptyDocument(url, foundBy, 'The policy document has no readable text.'), text };
  }
  const language = guessLanguage(blocks.map((b) => b.text).join(' '));
  if (!UNDERSTOOD.has(language)) {
    return {
      url,
      foundBy,
      text,
      sentences,
      claims: [],
      language,
      coverageNote: `The policy appears to be in a language policy-lint does not read (${language}); no claims were extracted.`,
    };
  }
  return { url, foundBy, text, sentences, claims: extractClaims({ sentences, url }), language };
}

/** Reads a fetched policy (the crawler's entry point). */
export function readPolicyDocument(input: { url: string; body: string; contentType: string }, foundBy: string): PolicyDocument {
  const kind = policyKindFromContentType(input.contentType, input.url, input.body);
  return readPolicySource({ url: input.url, body: input.body, kind }, foundBy);
}
