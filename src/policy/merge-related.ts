/**
 * A separate cookie policy linked from the site is part of what the site says about cookies.
 * This folds a related document into the main one: its claims are appended (ids renumbered
 * after the main document's, each keeping its own URL and line) and it is listed in `related`.
 * Pure: the caller fetched and read both documents.
 */
import type { PolicyDocument } from './types.js';

export function mergeRelatedDocument(main: PolicyDocument, related: PolicyDocument): PolicyDocument {
  if (related.url === main.url) return main;
  const offset = main.claims.length;
  const claims = related.claims.map((claim, i) => ({ ...claim, id: `c${offset + i + 1}` }));
  return {
    ...main,
    claims: [...main.claims, ...claims],
    related: [...(main.related ?? []), { url: related.url, foundBy: related.coverageNote ? `${related.foundBy} (${related.coverageNote})` : related.foundBy }],
  };
}
