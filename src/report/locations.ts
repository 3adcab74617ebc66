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
const MAX_MATCHES = 50;
// Between two words of a quote the source may have any punctuation, whitespace, markup or entities.
const GAP = '(?:[^\\p{L}\\p{N}<&]|<[^>]*>|&(?:#?[A-Za-z0-9]+;)?)+';

/**
 * 1-based line in a policy source file (HTML, Markdown, text) where a quote starts,
 * matching its first words across markup and entities. With several matches, the one
 * nearest `near` wins (for .md/.txt the claim line is already a source line).
 */
export function sourceLineOfQuote(source: string, quote: string, near = 1): number | undefined {
  if (source.length > MAX_SOURCE_CHARS) return undefined;
  const words = quote.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_QUOTE_WORDS) ?? [];
  if (words.length === 0) return undefined;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(GAP), 'giu');
  let best: number | undefined;
  let count = 0;
  for (const m of source.matchAll(pattern)) {
    const line = countLines(source, m.index);
    if (best === undefined || Math.abs(line - near) < Math.abs(best - near)) best = line;
    if (++count >= MAX_MATCHES) break;
  }
  return best;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
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
