/**
 * The worker pool (built code: the worker file exists only in dist/) gives exactly the
 * evidence the main thread would, offloads ordinary pages, keeps big ones on the main
 * thread, and `workers: 0` means no threads at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../src/crawl/types.js';
import type { createExtractPool as CreatePool, MAIN_THREAD_BODY_CHARS as MainChars } from '../../src/evidence/extract-pool.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { readPolicyWithRelated, type PolicySource } from '../../src/policy/read-related.js';

const built = (await import(new URL('../../dist/src/evidence/extract-pool.js', import.meta.url).href)) as {
  createExtractPool: typeof CreatePool;
  prestartExtractWorkers: (count?: number) => void;
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
      expect(await pool.whenReady()).toBe(true);
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
        expect(await pool.whenReady()).toBe(true);
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
      // The first ordinary page starts a thread; until it has loaded, pages are parsed here.
      expect(await pool.extract(snapshot(2, page(2)))).toEqual(extractPageEvidence(snapshot(2, page(2))));
      expect(pool.threads).toBe(1);
      expect(await pool.whenReady()).toBe(true);
      await pool.extract(snapshot(3, page(3)));
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

  it('parses the start page on the calling thread: the crawl waits for its links', async () => {
    const pool = built.createExtractPool(1);
    try {
      const start = pool.extract({ ...snapshot(0, page(0)), depth: 0 });
      expect(start).not.toBeInstanceOf(Promise);
      expect(pool.offloaded).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('reads the policy (and a cookie policy) on a worker to the same document as this thread', async () => {
    const site = new URL('../../fixtures/sites/separate-cookie-policy/', import.meta.url);
    const source: PolicySource = {
      url: 'http://127.0.0.1:4000/privacy.html',
      contentType: 'text/html',
      foundBy: 'link "Privacy Policy"',
      body: readFileSync(new URL('privacy.html', site), 'utf8'),
      candidates: [{ url: 'http://127.0.0.1:4000/privacy.html', text: 'Privacy Policy', score: 90, reasons: ['link text names the privacy policy'] }],
    };
    const cookieSource: PolicySource = {
      url: 'http://127.0.0.1:4000/cookie-notice.html',
      contentType: 'text/html',
      foundBy: 'link to a separate cookie policy from the site',
      body: readFileSync(new URL('cookie-notice.html', site), 'utf8'),
    };
    const pool = built.createExtractPool(1, { readsPolicy: true });
    try {
      expect(pool.threads).toBe(1); // started at once, to load the reader early
      const [alone, both] = await Promise.all([pool.readPolicy(source), pool.readPolicy(source, cookieSource)]);
      expect(alone).toEqual(readPolicyWithRelated(source));
      expect(both).toEqual(readPolicyWithRelated(source, cookieSource));
      expect(both?.claims.length).toBeGreaterThan(alone?.claims.length ?? 0);
      // A long policy is left to the caller's thread.
      expect(await pool.readPolicy({ ...source, body: `${source.body}<p>${'z'.repeat(built.MAIN_THREAD_BODY_CHARS)}</p>` })).toBeUndefined();
    } finally {
      await pool.close();
    }
    // With no worker, the caller reads it.
    expect(await built.createExtractPool(0).readPolicy(source)).toBeUndefined();
  });

  it('adopts a thread started well ahead, whose ready message came before the pool existed', async () => {
    built.prestartExtractWorkers(1);
    // Long enough for the thread to load and say it is ready with no pool listening yet.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pool = built.createExtractPool(1);
    try {
      expect(await pool.whenReady()).toBe(true);
      expect(pool.threads).toBe(1);
      await pool.extract(snapshot(8, page(8)));
      expect(pool.offloaded).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('takes threads started ahead of it as its first lanes', async () => {
    built.prestartExtractWorkers(1);
    const pool = built.createExtractPool(1);
    try {
      expect(await pool.whenReady()).toBe(true);
      const got = await pool.extract(snapshot(5, page(5)));
      expect(got).toEqual(extractPageEvidence(snapshot(5, page(5))));
      expect(pool.threads).toBe(1);
      expect(pool.offloaded).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('parses pages on the calling thread while its thread is still loading or reading the policy', async () => {
    const site = new URL('../../fixtures/sites/separate-cookie-policy/', import.meta.url);
    const source: PolicySource = { url: 'http://127.0.0.1:4000/privacy.html', contentType: 'text/html', foundBy: 'link', body: readFileSync(new URL('privacy.html', site), 'utf8') };
    const pool = built.createExtractPool(1, { readsPolicy: true });
    try {
      expect(await pool.whenReady()).toBe(true);
      const reading = pool.readPolicy(source);
      const during = pool.extract(snapshot(6, page(6)));
      expect(during).not.toBeInstanceOf(Promise);
      expect(await reading).toBeDefined();
      expect(await pool.extract(snapshot(7, page(7)))).toEqual(extractPageEvidence(snapshot(7, page(7))));
      expect(pool.offloaded).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('never keeps the process alive: neither threads started ahead nor an unclosed pool', () => {
    const poolModule = new URL('../../dist/src/evidence/extract-pool.js', import.meta.url).href;
    const dir = mkdtempSync(join(tmpdir(), 'pool-exit-'));
    try {
      for (const start of ['prestartExtractWorkers(1)', 'createExtractPool(1, { readsPolicy: true })']) {
        // A script file, as the CLI is (code given with -e ends differently).
        const script = join(dir, 'run.mjs');
        writeFileSync(script, `const { createExtractPool, prestartExtractWorkers } = await import(${JSON.stringify(poolModule)});\n${start};\n`);
        const run = spawnSync(process.execPath, [script], { timeout: 10_000, encoding: 'utf8' });
        expect(run.error, start).toBeUndefined();
        expect(run.status, start).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
