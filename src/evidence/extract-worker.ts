/**
 * Worker-thread entry for extract-pool.ts: reduces snapshots to evidence off the main
 * thread, so parsing one page overlaps fetching the next on another core. It holds no
 * state between pages and answers every request, with the evidence or a short error.
 * Evidence goes back as JSON text: for its many small objects that costs this thread about
 * half what a structured clone does. Hops are left out; the main thread still has them.
 */
import { parentPort } from 'node:worker_threads';
import type { PageSnapshot } from '../crawl/types.js';
import { collectAfterBigBody } from '../crawl/memory.js';
import { extractPageEvidence } from './extract-page.js';

export interface ExtractRequest {
  id: number;
  snapshot: PageSnapshot;
}

/** `json`: the page's evidence without `hops`, serialised. */
export type ExtractReply = { id: number; json: string } | { id: number; error: string };

parentPort?.on('message', (request: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    const { hops: _mainThreadHasThem, ...evidence } = extractPageEvidence(request.snapshot);
    reply = { id: request.id, json: JSON.stringify(evidence) };
  } catch (err) {
    reply = { id: request.id, error: String((err as Error)?.message ?? err).slice(0, 160) };
  }
  parentPort?.postMessage(reply);
  // This thread's heap is its own: without this its DOM garbage piles up to the heap cap.
  const chars = request.snapshot.body?.length ?? 0;
  delete request.snapshot.body;
  collectAfterBigBody(chars);
});
