/**
 * Reading a site's policy: the privacy policy and, when the site links one, its separate
 * cookie policy, merged into one document. The reader loads the heavy text machinery (the
 * HTML reader, the claim extractor, date parsing), so the CLI imports this module only when
 * a policy is read on its thread; a lint run normally has it read on a worker thread
 * (evidence/extract-pool.ts) while the main thread sends the DNT and GPC requests.
 */
import { mergeRelatedDocument } from './merge-related.js';
import { readPolicyDocument } from './read-document.js';
import type { PolicyCandidate, PolicyDocument } from './types.js';

/** A fetched (or local) policy document, before it is read. Plain data: it crosses to worker threads. */
export interface PolicySource {
  url: string;
  contentType: string;
  body: string;
  foundBy: string;
  /** Discovery's ranked candidates, kept on the document for `claims -f json` (not saved in evidence). */
  candidates?: PolicyCandidate[];
}

/** Reads the policy and, when the site links one, its separate cookie policy, merged into one document. */
export function readPolicyWithRelated(source: PolicySource, cookieSource?: PolicySource | null): PolicyDocument {
  let doc = readPolicyDocument({ url: source.url, body: source.body, contentType: source.contentType }, source.foundBy);
  if (source.candidates?.length) doc = { ...doc, candidates: source.candidates };
  if (cookieSource && doc.coverageNote && doc.claims.length === 0) {
    // Claims from the cookie policy alone would read as a policy silent on everything else.
    const skipped = { url: cookieSource.url, foundBy: cookieSource.foundBy, coverageNote: 'not read, because the privacy policy itself could not be read.' };
    return { ...doc, related: [...(doc.related ?? []), skipped] };
  }
  if (cookieSource) {
    const cookieDoc = readPolicyDocument({ url: cookieSource.url, body: cookieSource.body, contentType: cookieSource.contentType }, cookieSource.foundBy);
    doc = mergeRelatedDocument(doc, cookieDoc);
  }
  return doc;
}
