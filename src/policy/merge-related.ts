/**
 * A separate cookie policy linked from the site is part of what the site says about cookies.
 * This folds a related document into the main one: its claims are appended (ids renumbered
 * after the main document's, each keeping its own URL, line and heading, so a finding quotes
 * the right document) and it is listed in `related`, with its coverage note when it could not
 * be read. Pure: the caller fetched and read both documents.
 */
import { sameDocument } from './discover.js';
import type { PolicyDocument } from './types.js';

export function mergeRelatedDocument(main: PolicyDocument, related: PolicyDocument): PolicyDocument {
  if (sameDocument(related.url, main.url) || (main.related ?? []).some((r) => sameDocument(r.url, related.url))) return main;
  const offset = main.claims.length;
  const claims = related.claims.map((claim, i) => ({
    ...claim,
    id: `c${offset + i + 1}`,
    location: { ...claim.location, url: claim.location.url || related.url },
  }));
  const entry: NonNullable<PolicyDocument['related']>[number] = { url: related.url, foundBy: related.foundBy };
  if (related.coverageNote) entry.coverageNote = related.coverageNote;
  return { ...main, claims: [...main.claims, ...claims], related: [...(main.related ?? []), entry] };
}
