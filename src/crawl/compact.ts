/**
 * Keeps what the crawler holds per page small: a page's evidence is kept for the whole run
 * (50 to 200 pages), and a page that repeats one link thousands of times (a footer link per
 * paragraph, a tag cloud) would otherwise cost about a megabyte each. Exact duplicate links
 * (same URL, text, title, label, rel and region) are kept once, in first-seen order; a page
 * whose link list reached the extractor's cap is marked `linksTruncated`. It must not drop a
 * link that differs from every kept one in any field.
 */
import type { LinkEvidence, PageEvidence } from '../evidence/types.js';

/** The extractor keeps at most this many links per page (src/evidence/page-parts.ts MAX_LINKS). */
export const LINKS_PER_PAGE_CAP = 5000;

function linkKey(link: LinkEvidence): string {
  return `${link.href}\u0000${link.text}\u0000${link.title ?? ''}\u0000${link.ariaLabel ?? ''}\u0000${link.rel ?? ''}\u0000${link.region}`;
}

/** Drops exact duplicate links (in place) and marks a page whose links hit the cap. */
export function compactEvidence(evidence: PageEvidence): PageEvidence {
  const links = Array.isArray(evidence.links) ? evidence.links : [];
  if (links.length >= LINKS_PER_PAGE_CAP) evidence.linksTruncated = true;
  if (links.length < 2) return evidence;
  const seen = new Set<string>();
  const kept: LinkEvidence[] = [];
  for (const link of links) {
    const key = linkKey(link);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(link);
  }
  if (kept.length < links.length) evidence.links = kept;
  return evidence;
}
