/**
 * Worker-thread entry for extract-pool.ts: reduces snapshots to evidence off the main
 * thread, so parsing one page overlaps fetching the next on another core. It holds no
 * state between pages and answers every request, with the evidence or a short error.
 */
import { parentPort } from 'node:worker_threads';
import type { PageSnapshot } from '../crawl/types.js';
import { extractPageEvidence } from './extract-page.js';

export interface ExtractRequest {
  id: number;
  snapshot: PageSnapshot;
}

export type ExtractReply = { id: number; evidence: ReturnType<typeof extractPageEvidence> } | { id: number; error: string };

parentPort?.on('message', (request: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id: request.id, evidence: extractPageEvidence(request.snapshot) };
  } catch (err) {
    reply = { id: request.id, error: String((err as Error)?.message ?? err).slice(0, 160) };
  }
  parentPort?.postMessage(reply);
});
