/**
 * Evidence reuse between passes: the normal crawl remembers a hash of each HTML body it
 * reduced (never the body), and a signals pass that gets a byte-identical body for the same
 * final URL takes the body-derived evidence (links, resources, forms, script signals, meta
 * and script cookies) from the normal pass instead of parsing the page again. A big page is
 * then parsed once, not three times, which is what keeps a 5 MB start page under the memory
 * limit. Header-derived evidence (hops, status, Set-Cookie) always comes from the pass's own
 * response. It must not keep bodies, and a body that differs in any byte is parsed afresh.
 */
import { createHash } from 'node:crypto';
import type { ExtractEvidence } from './api.js';
import type { PageEvidence } from '../evidence/types.js';
import { compactEvidence } from './compact.js';
import { collectAfterBigBody } from './memory.js';
import type { PageSnapshot } from './types.js';

/** Pages remembered; beyond this the signals pass simply parses again. */
const MAX_REMEMBERED = 10_000;

interface Remembered {
  hash: string;
  evidence: PageEvidence;
}

/** Characters hashed per update: a whole 5 MB body at once would be one 5 MB native buffer. */
const HASH_SLICE = 64 * 1024;

function bodyHash(snapshot: PageSnapshot): string | undefined {
  const body = snapshot.body;
  if (typeof body !== 'string' || body.length === 0) return undefined;
  const hash = createHash('sha256').update(snapshot.contentType).update('\n');
  // Big native allocations raise glibc's mmap threshold and then stay in the process's RSS,
  // so the body goes in small slices (never splitting a surrogate pair, so equal strings hash
  // equal and different ones differ).
  for (let at = 0; at < body.length; ) {
    let end = Math.min(body.length, at + HASH_SLICE);
    const last = body.charCodeAt(end - 1);
    if (end < body.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    hash.update(body.slice(at, end));
    at = end;
  }
  return hash.digest('base64');
}

/** The pass-independent part of `from`, copied so later in-place classification of one pass cannot touch another. */
function mergeBodyEvidence(own: PageEvidence, from: PageEvidence): PageEvidence {
  const body = structuredClone({
    links: from.links,
    resources: from.resources,
    forms: from.forms,
    scriptSignals: from.scriptSignals,
    // Header cookies are the pass's own; tracker cookies are inferred again after the pass.
    cookies: from.cookies.filter((c) => c.source === 'meta' || c.source === 'inline-script'),
  });
  return {
    ...own,
    ...(from.title !== undefined ? { title: from.title } : {}),
    ...(from.lang !== undefined ? { lang: from.lang } : {}),
    ...(from.flattened ? { flattened: true } : {}),
    ...(from.baseUrl !== undefined ? { baseUrl: from.baseUrl } : {}),
    ...(from.linksTruncated ? { linksTruncated: true } : {}),
    ...(from.truncated || own.truncated ? { truncated: true } : {}),
    links: body.links,
    resources: body.resources,
    forms: body.forms,
    scriptSignals: body.scriptSignals,
    // The extractor lists header cookies first, then script and meta ones.
    cookies: [...own.cookies, ...body.cookies],
  };
}

/** Extracts and compacts, then drops the body and, after a big one, collects its parsing garbage at once. */
async function reduceAndRelease(extract: ExtractEvidence, snapshot: PageSnapshot): Promise<PageEvidence> {
  const chars = snapshot.body?.length ?? 0;
  try {
    return compactEvidence(await extract(snapshot));
  } finally {
    delete snapshot.body;
    collectAfterBigBody(chars);
  }
}

export class EvidenceMemo {
  private readonly byFinalUrl = new Map<string, Remembered>();
  /** Pages whose evidence came from the memo (for tests and measurement). */
  reused = 0;

  /** `extract`, remembering the hash of each body it reduces. */
  recording(extract: ExtractEvidence): (snapshot: PageSnapshot) => Promise<PageEvidence> {
    return async (snapshot) => {
      const hash = bodyHash(snapshot);
      const evidence = await reduceAndRelease(extract, snapshot);
      if (hash !== undefined && this.byFinalUrl.size < MAX_REMEMBERED) this.byFinalUrl.set(snapshot.finalUrl, { hash, evidence });
      return evidence;
    };
  }

  /** `extract`, but a body identical to a remembered one is not parsed again. */
  reusing(extract: ExtractEvidence): (snapshot: PageSnapshot) => Promise<PageEvidence> {
    return async (snapshot) => {
      const known = this.byFinalUrl.get(snapshot.finalUrl);
      if (!known || bodyHash(snapshot) !== known.hash) return reduceAndRelease(extract, snapshot);
      const { body: _dropped, ...headersOnly } = snapshot;
      delete snapshot.body;
      this.reused += 1;
      return mergeBodyEvidence(await extract(headersOnly), known.evidence);
    };
  }
}
