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

export function fallbackFile(ctx: FormatContext): string {
  return repoRelativePath(ctx.sarif?.fallbackFile ?? DEFAULT_FALLBACK_FILE, ctx.cwd) ?? DEFAULT_FALLBACK_FILE;
}

export function anchorFor(finding: ReportFinding, ctx: FormatContext): Anchor {
  const options = ctx.sarif;
  const claim = finding.claim;
  if (claim && options?.policyFile) {
    const path = repoRelativePath(options.policyFile.path, ctx.cwd);
    const line = Number.isInteger(claim.line) && claim.line >= 1 ? claim.line : 1;
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
