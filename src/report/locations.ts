/**
 * Where in the repository a finding is anchored, for the formats that can only point at
 * files (SARIF, GitLab Code Quality, workflow annotations). A finding is about a live
 * page, so this is a mapping, not a truth: a claim in a local policy file gets its real
 * line, a mapped page gets its source file, anything else the fallback file at line 1.
 * Pure: it resolves paths as strings and never looks at the filesystem.
 */
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { ReportFinding } from './types.js';
import { DEFAULT_FALLBACK_FILE, type FormatContext } from './formatters/types.js';

export type AnchorKind = 'policy-line' | 'page-file' | 'policy-file' | 'fallback';

export interface Anchor {
  /** Repository-relative POSIX path. */
  path: string;
  /** 1-based. */
  line: number;
  kind: AnchorKind;
}

/** POSIX path relative to the repository root, or null when it lies outside it. */
export function repoRelativePath(file: string, cwd: string): string | null {
  const cleaned = file.replace(/\\/g, '/').trim();
  if (!cleaned || cleaned.includes('\u0000')) return null;
  let rel: string;
  if (isAbsolute(cleaned)) {
    rel = relative(resolve(cwd), cleaned).replace(/\\/g, '/');
  } else {
    rel = posix.normalize(cleaned.replace(/^\.\//, ''));
  }
  if (rel === '' || rel === '.' || rel.startsWith('../') || rel === '..' || posix.isAbsolute(rel)) return null;
  return rel;
}

function pathnameOf(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return url.startsWith('/') ? url.split(/[?#]/)[0] ?? null : null;
  }
}

function keyPath(key: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) return pathnameOf(key) ?? key;
  return key.startsWith('/') ? key : `/${key}`;
}

/**
 * The repository file a URL maps to: an exact path wins, then the longest prefix that
 * ends at a segment boundary (`/blog` covers `/blog/x`, not `/blogger`).
 */
export function matchPathMap(url: string, map: Record<string, string>): string | undefined {
  const path = pathnameOf(url);
  if (path === null) return undefined;
  let best: { length: number; file: string } | undefined;
  for (const [rawKey, file] of Object.entries(map)) {
    const key = keyPath(rawKey);
    const trimmed = key.length > 1 ? key.replace(/\/+$/, '') : key;
    if (path === key || path === trimmed) return file;
    const isPrefix = trimmed === '/' || path.startsWith(`${trimmed}/`);
    if (isPrefix && (!best || trimmed.length > best.length)) best = { length: trimmed.length, file };
  }
  return best?.file;
}

const MAX_SOURCE_CHARS = 4_000_000;
const MAX_QUOTE_WORDS = 10;

interface SourceIndex {
  words: string[];
  lines: number[];
  /** First-word -> token positions, so each quote is a lookup, not a scan. */
  starts: Map<string, number[]>;
  /** Many findings quote the same claim. */
  answers: Map<string, number | undefined>;
}

// One-entry memo: every finding of a run shares the same policy source.
let memo: { text: string; index: SourceIndex } | undefined;

/** Words of the source outside markup and entities, each with its 1-based line. */
function indexSource(text: string): SourceIndex {
  if (memo?.text === text) return memo.index;
  const words: string[] = [];
  const lines: number[] = [];
  const starts = new Map<string, number[]>();
  let line = 1;
  for (const m of text.matchAll(/<[^>]*>|&#?[A-Za-z0-9]+;|[\p{L}\p{N}]+|\n/gu)) {
    const token = m[0];
    if (token === '\n') line++;
    else if (token.startsWith('<')) line += token.split('\n').length - 1;
    else if (!token.startsWith('&')) {
      const word = token.toLowerCase();
      const list = starts.get(word);
      if (list) list.push(words.length);
      else starts.set(word, [words.length]);
      words.push(word);
      lines.push(line);
    }
  }
  const index = { words, lines, starts, answers: new Map<string, number | undefined>() };
  memo = { text, index };
  return index;
}

/**
 * 1-based line in a policy source file (HTML, Markdown, text) where a quote starts,
 * matching its first words across markup and entities. With several matches, the one
 * nearest `near` wins (for .md/.txt the claim line is already a source line).
 */
export function sourceLineOfQuote(source: string, quote: string, near = 1): number | undefined {
  if (source.length > MAX_SOURCE_CHARS) return undefined;
  const want = (quote.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUOTE_WORDS).map((w) => w.toLowerCase());
  const first = want[0];
  if (first === undefined) return undefined;
  const index = indexSource(source);
  const key = `${near}\u0000${want.join(' ')}`;
  if (index.answers.has(key)) return index.answers.get(key);
  let best: number | undefined;
  for (const at of index.starts.get(first) ?? []) {
    if (!want.every((w, i) => index.words[at + i] === w)) continue;
    const line = index.lines[at] ?? 1;
    if (best === undefined || Math.abs(line - near) < Math.abs(best - near)) best = line;
  }
  if (index.answers.size < 10_000) index.answers.set(key, best);
  return best;
}

export function fallbackFile(ctx: FormatContext): string {
  return repoRelativePath(ctx.sarif?.fallbackFile ?? DEFAULT_FALLBACK_FILE, ctx.cwd) ?? DEFAULT_FALLBACK_FILE;
}

export function anchorFor(finding: ReportFinding, ctx: FormatContext): Anchor {
  const options = ctx.sarif;
  const claim = finding.claim;
  if (claim && options?.policyFile) {
    const path = repoRelativePath(options.policyFile.path, ctx.cwd);
    const own = Number.isInteger(claim.line) && claim.line >= 1 ? claim.line : 1;
    const text = options.policyFile.text;
    const line = text !== undefined ? (sourceLineOfQuote(text, claim.quote, own) ?? own) : own;
    if (path) return { path, line, kind: 'policy-line' };
  }
  if (options?.map) {
    const pageFile = matchPathMap(finding.url, options.map);
    const pagePath = pageFile !== undefined ? repoRelativePath(pageFile, ctx.cwd) : null;
    if (pagePath) return { path: pagePath, line: 1, kind: 'page-file' };
    if (claim) {
      const policyFile = matchPathMap(claim.url, options.map);
      const policyPath = policyFile !== undefined ? repoRelativePath(policyFile, ctx.cwd) : null;
      if (policyPath) return { path: policyPath, line: 1, kind: 'policy-file' };
    }
  }
  return { path: fallbackFile(ctx), line: 1, kind: 'fallback' };
}
