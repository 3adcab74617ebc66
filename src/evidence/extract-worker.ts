/**
 * Worker-thread entry for extract-pool.ts: reduces snapshots to evidence off the main
 * thread, so parsing one page overlaps fetching the next on another core, and reads the
 * policy while the main thread sends the DNT and GPC requests. It holds no state between
 * jobs and answers every request, with the result or a short error.
 * Evidence goes back as JSON text: for its many small objects that costs this thread about
 * half what a structured clone does. Hops are left out; the main thread still has them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PageSnapshot } from '../crawl/types.js';
import { collectAfterBigBody } from '../crawl/memory.js';
import type { PolicySource, readPolicyWithRelated as ReadPolicy } from '../policy/read-related.js';
import type { PolicyDocument } from '../policy/types.js';
import { extractPageEvidence } from './extract-page.js';

export interface WorkerSetup {
  /** Load the policy reader as soon as the thread is up (it will be asked to read the policy). */
  preloadPolicyReader?: boolean;
}

export interface ExtractRequest {
  id: number;
  snapshot: PageSnapshot;
}

export interface PolicyRequest {
  id: number;
  policy: { source: PolicySource; cookieSource: PolicySource | null };
}

/** `json`: the page's evidence without `hops`, serialised; `policy`: the policy as read. */
export type ExtractReply = { id: number; json: string } | { id: number; policy: PolicyDocument } | { id: number; error: string };
/** Sent once, when the thread can take pages. */
export interface ReadyMessage {
  ready: true;
}

const policyReader = (): Promise<{ readPolicyWithRelated: typeof ReadPolicy }> => import('../policy/read-related.js');
if ((workerData as WorkerSetup | undefined)?.preloadPolicyReader) void policyReader().catch(() => undefined);

const failure = (id: number, err: unknown): ExtractReply => ({ id, error: String((err as Error)?.message ?? err).slice(0, 160) });

async function readPolicy(request: PolicyRequest): Promise<void> {
  let reply: ExtractReply;
  try {
    const { readPolicyWithRelated } = await policyReader();
    reply = { id: request.id, policy: readPolicyWithRelated(request.policy.source, request.policy.cookieSource) };
  } catch (err) {
    reply = failure(request.id, err);
  }
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (request: ExtractRequest | PolicyRequest) => {
  if ('policy' in request) {
    void readPolicy(request);
    return;
  }
  let reply: ExtractReply;
  try {
    const { hops: _mainThreadHasThem, ...evidence } = extractPageEvidence(request.snapshot);
    reply = { id: request.id, json: JSON.stringify(evidence) };
  } catch (err) {
    reply = failure(request.id, err);
  }
  parentPort?.postMessage(reply);
  // This thread's heap is its own: without this a big page's garbage piles up to the heap cap.
  const chars = request.snapshot.body?.length ?? 0;
  delete request.snapshot.body;
  collectAfterBigBody(chars);
});
parentPort?.postMessage({ ready: true } satisfies ReadyMessage);
