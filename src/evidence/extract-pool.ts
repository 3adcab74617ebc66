/**
 * Page extraction on worker threads. Parsing and walking a page is most of policy-lint's
 * CPU time; on the main thread it also delays the next fetches, so with a pool the two
 * overlap on separate cores. Evidence is the same whichever thread makes it (the worker
 * runs extract-page.ts unchanged), so crawl results stay deterministic.
 *
 * Pages of 256 KB or more are reduced on the main thread, where the crawler's memory hygiene
 * (crawl/memory.ts) can collect their garbage at once (where V8 gives no collector, on Node 22,
 * they go to the pool's capped heaps instead); pages of 1 MB or more each get a worker of their
 * own. A pool worker that fails (cannot start, runs out of heap on a hostile page, exits) costs
 * its pending pages a retry on the main thread, never the run. Pool threads are ref'd only
 * while they hold pages: an unclosed pool cannot keep the process alive.
 *
 * The pool also reads the policy on a thread (readPolicy). The start page, and any page that
 * arrives while no thread is free (still loading, or busy reading the policy), is parsed on
 * the calling thread: pages never queue behind a long job while that thread sits idle.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { canCollect } from '../crawl/memory.js';
import type { PageSnapshot } from '../crawl/types.js';
import { extractPageEvidence } from './extract-page.js';
import type { PolicySource } from '../policy/read-related.js';
import type { PolicyDocument } from '../policy/types.js';
import type { ExtractReply, ExtractRequest, PolicyRequest, ReadyMessage, WorkerSetup } from './extract-worker.js';
import type { PageEvidence } from './types.js';

/**
 * Bodies at least this long (characters) are reduced on the main thread, where memory.ts
 * collects a big page's garbage at once; workers see ordinary pages only.
 */
export const MAIN_THREAD_BODY_CHARS = 256 * 1024;
/**
 * A worker's heap caps. Its live data is one page at a time, so tight caps only make V8
 * collect sooner: measured on 1,000 pages, peak RSS 200 -> 170 MB at the same CPU time. A page
 * that needs more fails there and is retried on the main thread.
 */
const WORKER_HEAP_MB = 64;
const WORKER_YOUNG_MB = 16;

export interface ExtractPool {
  extract(snapshot: PageSnapshot): PageEvidence | Promise<PageEvidence>;
  /**
   * Reads the policy (and a separate cookie policy) on a worker; undefined when no worker
   * could, and the caller reads it on its own thread.
   */
  readPolicy(source: PolicySource, cookieSource?: PolicySource | null): Promise<PolicyDocument | undefined>;
  /** Resolves true once a thread can take pages (starting them if need be), false if none can. */
  whenReady(): Promise<boolean>;
  /** Pages reduced on workers so far (for tests and the benchmark). */
  readonly offloaded: number;
  /** Worker threads running now. */
  readonly threads: number;
  close(): Promise<void>;
}

/** Worker count for this machine: one per core beyond the main thread's, at most 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A job a worker holds: what to do with its reply, and what to do if the worker dies first. */
interface Pending {
  reply(reply: ExtractReply): void;
  orphaned(): void;
}

export interface PoolOptions {
  /** The pool will be asked to read the policy: threads start at once and load the policy reader while idle. */
  readsPolicy?: boolean;
}

interface Lane {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
  /** The thread has loaded and can take pages. */
  ready: boolean;
  /** Policy reads it holds: long jobs that would hold up the pages queued behind them. */
  policyJobs: number;
}

const WORKER_FILE = new URL('./extract-worker.js', import.meta.url);

/** The worker's evidence with the snapshot's own hops put back (in the extractor's field order). */
function withHops(json: string, snapshot: PageSnapshot): PageEvidence {
  const { url, finalUrl, status, depth, pass, contentType, ...rest } = JSON.parse(json) as Omit<PageEvidence, 'hops'>;
  return { url, finalUrl, status, depth, pass, contentType, hops: Array.isArray(snapshot.hops) ? snapshot.hops : [], ...rest };
}

/** Bodies at least this long (characters) are parsed in a worker of their own (one at a time). */
export const OWN_WORKER_BODY_CHARS = 1024 * 1024;
/** Heap caps of the one-page worker a big body is parsed in. */
const BIG_PAGE_OLD_MB = 384;
const BIG_PAGE_YOUNG_MB = 16;

/** A worker thread with capped heaps (which also stop Node 22+ from sizing its young generation far larger). */
function startWorker(oldMb: number, youngMb: number, setup: WorkerSetup = {}): Worker {
  return new Worker(WORKER_FILE, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: oldMb, maxYoungGenerationSizeMb: youngMb } });
}

let bigPageQueue: Promise<unknown> = Promise.resolve();

/** One big page at a time: two 5 MB pages' parsing garbage at once would double the peak this exists to cut. */
function extractInOwnWorker(snapshot: PageSnapshot): Promise<PageEvidence> {
  const turn = bigPageQueue.then(() => extractInFreshWorker(snapshot));
  bigPageQueue = turn.catch(() => undefined);
  return turn;
}

/**
 * Reduces one big body in a worker of its own, ended right after: the garbage parsing it
 * leaves is freed with the worker's heap instead of lingering in the main thread's. If the
 * worker cannot start, the page is reduced here; if it fails (out of heap), the page keeps
 * its header evidence and is marked truncated.
 */
function extractInFreshWorker(snapshot: PageSnapshot): Promise<PageEvidence> {
  return new Promise<PageEvidence>((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(BIG_PAGE_OLD_MB, BIG_PAGE_YOUNG_MB);
    } catch {
      resolve(extractPageEvidence(snapshot));
      return;
    }
    let settled = false;
    const settle = (evidence: PageEvidence): void => {
      if (settled) return;
      settled = true;
      resolve(evidence);
      void worker.terminate().catch(() => {});
    };
    const headersOnly = (): PageEvidence => ({ ...extractPageEvidence({ ...snapshot, body: undefined }), truncated: true });
    worker.on('message', (reply: ExtractReply | ReadyMessage) => {
      if (!('ready' in reply)) settle('json' in reply ? withHops(reply.json, snapshot) : headersOnly());
    });
    worker.on('error', () => settle(headersOnly()));
    worker.on('exit', () => settle(headersOnly()));
    const request: ExtractRequest = { id: 0, snapshot: { ...snapshot } };
    worker.postMessage(request);
  });
}

const workerFileExists = (): boolean => WORKER_FILE.protocol === 'file:' && existsSync(fileURLToPath(WORKER_FILE));

/**
 * A thread started before the pool exists (prestartExtractWorkers), for its first lanes. A
 * worker's messages with no listener are dropped, so its ready message and its exit are
 * recorded here until a lane adopts it.
 */
interface Prestarted {
  worker: Worker;
  ready: boolean;
  exited: boolean;
  /** Stops recording: the adopting lane listens from then on. */
  adopt(): void;
}

const prestarted: Prestarted[] = [];

function prestart(preloadPolicyReader: boolean): Prestarted {
  const worker = startWorker(WORKER_HEAP_MB, WORKER_YOUNG_MB, { preloadPolicyReader });
  const entry: Prestarted = {
    worker,
    ready: false,
    exited: false,
    adopt() {
      worker.off('message', onMessage);
      worker.off('error', onExit);
      worker.off('exit', onExit);
    },
  };
  const onMessage = (message: ExtractReply | ReadyMessage): void => {
    if ('ready' in message) entry.ready = true;
  };
  const onExit = (): void => {
    entry.exited = true;
  };
  worker.on('message', onMessage);
  worker.on('error', onExit);
  worker.on('exit', onExit);
  // After the listeners: a 'message' listener refs the worker again.
  worker.unref();
  return entry;
}

/** The first prestarted thread still running, taken off the list; one that died is let go. */
function adoptPrestarted(): Prestarted | undefined {
  for (let entry = prestarted.shift(); entry; entry = prestarted.shift()) {
    entry.adopt();
    if (!entry.exited) return entry;
  }
  return undefined;
}

/**
 * Starts pool threads ahead of the pool, as a run begins: a thread takes about as long to
 * load as the main thread does, and the start page's links wait for the first parse. The
 * threads are unreferenced: a run that ends up not using them (saved evidence, a usage
 * error, `workers: 0` in a config file) does not wait for them.
 */
export function prestartExtractWorkers(count = defaultWorkerCount()): void {
  if (count < 1 || prestarted.length > 0 || !workerFileExists()) return;
  for (let i = 0; i < count; i += 1) {
    try {
      // One thread reads the policy: only the first loads the reader ahead.
      prestarted.push(prestart(i === 0));
    } catch {
      return;
    }
  }
}

/** Inline extraction: what the pool falls back to, and what `workers: 0` asks for. */
function inlinePool(): ExtractPool {
  return { extract: extractPageEvidence, readPolicy: async () => undefined, whenReady: async () => false, offloaded: 0, threads: 0, close: async () => {} };
}

export function createExtractPool(workers = defaultWorkerCount(), options: PoolOptions = {}): ExtractPool {
  // Run from TypeScript sources (tests), the compiled worker file does not exist: extract inline.
  if (workers < 1 || !workerFileExists()) return inlinePool();
  const lanes: Lane[] = [];
  let nextId = 0;
  let readyWaiters: Array<(ready: boolean) => void> = [];
  const tellWaiters = (ready: boolean): void => {
    const waiting = readyWaiters;
    readyWaiters = [];
    for (const resolve of waiting) resolve(ready);
  };
  let offloaded = 0;

  const retire = (lane: Lane): void => {
    if (lane.dead) return;
    lane.dead = true;
    // Pages the worker held are reduced here instead, so a dead worker loses nothing.
    for (const job of lane.pending.values()) job.orphaned();
    lane.pending.clear();
    if (lanes.every((other) => other.dead)) tellWaiters(false);
    void lane.worker.terminate().catch(() => {});
  };

  // Threads start with the first page a worker would take, so a run of big pages only (or a
  // start page that fails) never pays for them; a pool that will read the policy starts them
  // at once, so the policy reader loads on another core while this one starts the crawl.
  let started = false;
  const start = (): void => {
    started = true;
    for (let i = 0; i < workers; i += 1) spawn();
  };
  const spawn = (): void => {
    const adopted = adoptPrestarted();
    let worker: Worker;
    try {
      worker = adopted?.worker ?? startWorker(WORKER_HEAP_MB, WORKER_YOUNG_MB, { preloadPolicyReader: options.readsPolicy === true && lanes.length === 0 });
    } catch {
      return;
    }
    const lane: Lane = { worker, pending: new Map(), dead: false, ready: adopted?.ready ?? false, policyJobs: 0 };
    worker.on('message', (reply: ExtractReply | ReadyMessage) => {
      if ('ready' in reply) {
        lane.ready = true;
        tellWaiters(true);
        return;
      }
      const job = lane.pending.get(reply.id);
      if (!job) return;
      lane.pending.delete(reply.id);
      // Idle threads must not keep the process alive; busy ones must, or a run waiting only on them could end early.
      if (lane.pending.size === 0) worker.unref();
      job.reply(reply);
    });
    worker.on('error', () => retire(lane));
    worker.on('exit', () => retire(lane));
    // After the listeners: a 'message' listener refs the worker again.
    worker.unref();
    lanes.push(lane);
  };

  const send = (lane: Lane, request: ExtractRequest | PolicyRequest, job: Pending): void => {
    if (lane.pending.size === 0) lane.worker.ref();
    lane.pending.set(request.id, job);
    try {
      lane.worker.postMessage(request);
    } catch {
      lane.pending.delete(request.id);
      job.orphaned();
    }
  };

  if (options.readsPolicy) start();

  /** The live lane holding fewest jobs, among those `usable` accepts. */
  const pick = (usable: (lane: Lane) => boolean = () => true): Lane | undefined => {
    let best: Lane | undefined;
    for (const lane of lanes) if (!lane.dead && usable(lane) && (!best || lane.pending.size < best.pending.size)) best = lane;
    return best;
  };
  /** Pages do not wait for a thread that is still loading or reading the policy. */
  const takesPages = (lane: Lane): boolean => lane.ready && lane.policyJobs === 0;

  return {
    extract(snapshot) {
      const chars = snapshot.body?.length ?? 0;
      if (chars === 0) return extractPageEvidence(snapshot);
      if (chars >= OWN_WORKER_BODY_CHARS) return extractInOwnWorker(snapshot);
      // Mid-sized pages stay here where memory.ts can collect their garbage; without a
      // collector (Node 22) they go to the pool, whose capped heaps bound it instead.
      if (chars >= MAIN_THREAD_BODY_CHARS && canCollect()) return extractPageEvidence(snapshot);
      // The start page is parsed here: every other page waits for its links, and a thread may still be loading.
      if (snapshot.depth === 0 && chars < MAIN_THREAD_BODY_CHARS) return extractPageEvidence(snapshot);
      if (!started) start();
      // With no thread free to take it, this thread (which then has nothing else to do but fetch) parses the page.
      const lane = pick(takesPages);
      if (!lane) return extractPageEvidence(snapshot);
      // The snapshot (body included) is copied by postMessage, so the caller may drop its body now.
      const request: ExtractRequest = { id: nextId++, snapshot: { ...snapshot } };
      return new Promise<PageEvidence>((resolve) => {
        const inline = (): void => resolve(extractPageEvidence(request.snapshot));
        send(lane, request, {
          reply(reply) {
            if ('json' in reply) {
              offloaded += 1;
              resolve(withHops(reply.json, request.snapshot));
            } else inline(); // same contract as inline extraction: a page that breaks the extractor is still a page
          },
          orphaned: inline,
        });
      });
    },
    readPolicy(source, cookieSource) {
      // A long policy is read where a long page is parsed: on this thread, with its collector.
      if (source.body.length + (cookieSource?.body.length ?? 0) >= MAIN_THREAD_BODY_CHARS) return Promise.resolve(undefined);
      if (!started) start();
      // The first live thread: the one that loaded the policy reader ahead.
      const lane = lanes.find((candidate) => !candidate.dead);
      if (!lane) return Promise.resolve(undefined);
      const request: PolicyRequest = { id: nextId++, policy: { source, cookieSource: cookieSource ?? null } };
      lane.policyJobs += 1;
      return new Promise<PolicyDocument | undefined>((resolve) => {
        const done = (document: PolicyDocument | undefined): void => {
          lane.policyJobs -= 1;
          resolve(document);
        };
        send(lane, request, {
          reply: (reply) => done('policy' in reply ? reply.policy : undefined),
          orphaned: () => done(undefined),
        });
      });
    },
    whenReady() {
      if (!started) start();
      if (lanes.some((lane) => lane.ready && !lane.dead)) return Promise.resolve(true);
      if (lanes.every((lane) => lane.dead)) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => readyWaiters.push(resolve));
    },
    get offloaded() {
      return offloaded;
    },
    get threads() {
      return lanes.filter((lane) => !lane.dead).length;
    },
    async close() {
      for (const lane of lanes) {
        lane.dead = true;
        await lane.worker.terminate().catch(() => {});
      }
    },
  };
}
