/**
 * The worker pool (built code: the worker file exists only in dist/) gives exactly the
 * evidence the main thread would, offloads ordinary pages, keeps big ones on the main
 * thread, and `workers: 0` means no threads at all.
 */
import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../src/crawl/types.js';
import type { createExtractPool as CreatePool, MAIN_THREAD_BODY_CHARS as MainChars } from '../../src/evidence/extract-pool.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';

const built = (await import(new URL('../../dist/src/evidence/extract-pool.js', import.meta.url).href)) as {
  createExtractPool: typeof CreatePool;
  MAIN_THREAD_BODY_CHARS: typeof MainChars;
  OWN_WORKER_BODY_CHARS: number;
};

function snapshot(i: number, body: string): PageSnapshot {
  const url = `http://127.0.0.1:4000/page/${i}`;
  return {
    url, finalUrl: url, status: 200, contentType: 'text/html', depth: 1, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false,
    hops: [{ url, status: 200, headers: { 'set-cookie': [`visit${i}=1; Path=/`] }, setCookie: [`visit${i}=1; Path=/`] }],
    body,
  };
}

const page = (i: number): string =>
  `<!doctype html><title>Page ${i}</title><nav><a href="/a${i}">A</a><a href="../b">B</a></nav>` +
  `<script async src="https://www.googletagmanager.com/gtag/js?id=G-${i}"></script>` +
  `<noscript><img src="https://www.facebook.com/tr?id=${i}&ev=PageView"></noscript>` +
  `<form action="/subscribe"><label>Email <input type="email" name="email"></label></form>` +
  `<footer><a href="/privacy">Privacy Policy</a></footer>`;

describe('extract pool', () => {
  it('reduces pages on a worker to the same evidence as the main thread', async () => {
    const pool = built.createExtractPool(2);
    try {
      const snapshots = Array.from({ length: 12 }, (_, i) => snapshot(i, page(i)));
      const expected = snapshots.map((s) => extractPageEvidence({ ...s }));
      const got = await Promise.all(snapshots.map((s) => pool.extract({ ...s })));
      expect(got).toEqual(expected);
      expect(pool.offloaded).toBe(12);
    } finally {
      await pool.close();
    }
  });

  it('keeps a big body on the main thread (where the main thread can collect)', async () => {
    const { canCollect } = (await import(new URL('../../dist/src/crawl/memory.js', import.meta.url).href)) as { canCollect: () => boolean };
    const pool = built.createExtractPool(1);
    if (!canCollect()) {
      // Node 22 gives no collector: there mid-sized pages go to the pool's capped heaps instead.
      try {
        const big = `${page(1)}<p>${'x'.repeat(built.MAIN_THREAD_BODY_CHARS)}</p>`;
        expect((await pool.extract(snapshot(1, big))).links.length).toBeGreaterThan(0);
        expect(pool.offloaded).toBe(1);
      } finally {
        await pool.close();
      }
      return;
    }
    try {
      const big = `${page(1)}<p>${'x'.repeat(built.MAIN_THREAD_BODY_CHARS)}</p>`;
      const evidence = await pool.extract(snapshot(1, big));
      expect(evidence.links.length).toBeGreaterThan(0);
      expect(pool.offloaded).toBe(0);
      // No thread was started for a run of big pages only; the first ordinary page starts one.
      expect(pool.threads).toBe(0);
      await pool.extract(snapshot(2, page(2)));
      expect(pool.threads).toBe(1);
      expect(pool.offloaded).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('parses a very big body in a worker of its own, to the same evidence', async () => {
    const pool = built.createExtractPool(1);
    try {
      const huge = `${page(3)}<p>${'y'.repeat(built.OWN_WORKER_BODY_CHARS)}</p>`;
      const [first, second] = await Promise.all([pool.extract(snapshot(3, huge)), pool.extract(snapshot(4, huge))]);
      expect(first).toEqual(extractPageEvidence(snapshot(3, huge)));
      expect(second?.links.length).toBeGreaterThan(0);
      expect(pool.threads).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('uses no thread when asked for 0 workers', async () => {
    const pool = built.createExtractPool(0);
    const result = pool.extract(snapshot(2, page(2)));
    expect(result).not.toBeInstanceOf(Promise);
    expect(pool.offloaded).toBe(0);
    await pool.close();
  });
});
