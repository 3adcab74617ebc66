/**
 * A tiny stand-in for the evidence extractor: finds href="..." by regex, resolves it
 * against the final URL, and records what the crawler handed over. Tests only.
 */
import type { PageEvidence } from '../../src/evidence/types.js';
import type { PageSnapshot } from '../../src/crawl/types.js';

export interface RecordingExtract {
  (snapshot: PageSnapshot): PageEvidence;
  snapshots: Array<Omit<PageSnapshot, 'body'> & { bodyLength?: number; bodyText?: string }>;
}

export function fakeExtract(keepBody = false): RecordingExtract {
  const snapshots: RecordingExtract['snapshots'] = [];
  const fn = ((snapshot: PageSnapshot): PageEvidence => {
    const body = snapshot.body ?? '';
    const links: PageEvidence['links'] = [];
    for (const match of body.matchAll(/href="([^"]*)"/g)) {
      try {
        links.push({ href: new URL(match[1] ?? '', snapshot.finalUrl).href.replace(/#.*$/, ''), text: '', region: 'main' });
      } catch {
        // not a URL; the real extractor skips it too
      }
    }
    const { body: _omit, ...rest } = snapshot;
    snapshots.push({ ...rest, ...(snapshot.body !== undefined ? { bodyLength: snapshot.body.length } : {}), ...(keepBody ? { bodyText: snapshot.body } : {}) });
    return {
      url: snapshot.url,
      finalUrl: snapshot.finalUrl,
      status: snapshot.status,
      depth: snapshot.depth,
      pass: snapshot.pass,
      contentType: snapshot.contentType,
      hops: snapshot.hops,
      truncated: snapshot.truncated,
      links,
      cookies: [],
      resources: [],
      forms: [],
      scriptSignals: { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] },
    };
  }) as RecordingExtract;
  fn.snapshots = snapshots;
  return fn;
}
