/**
 * Reads a response body as a stream, undoing Content-Encoding (gzip, deflate, br, stacked
 * in any order the header lists) and stopping at a byte cap counted after decompression,
 * so a gzip bomb or an endless body costs at most the cap. It must not decode text or
 * buffer more than the cap; the caller owns the deadline (an abort destroys the stream).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** What we advertise: exactly what this module can undo (no zstd on Node 20). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

const MAX_STACKED_ENCODINGS = 4;

export interface BodyResult {
  bytes: Buffer;
  truncated: boolean;
}

export class UnsupportedEncodingError extends Error {
  override name = 'UnsupportedEncodingError';
}

class CapReached extends Error {}

interface BudgetTicket {
  held: number;
}

/**
 * Bytes buffered by all concurrent body reads together. A read that would exceed the limit
 * waits (its stream stays paused, so TCP pushes back), except the oldest open read, which
 * always proceeds: progress is guaranteed and memory stays near the limit however many
 * fetches run at once.
 */
export class ByteBudget {
  private used = 0;
  private readonly open: BudgetTicket[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly limit: number) {}

  ticket(): BudgetTicket {
    const ticket = { held: 0 };
    this.open.push(ticket);
    return ticket;
  }

  async take(ticket: BudgetTicket, bytes: number, signal?: AbortSignal): Promise<void> {
    while (this.used + bytes > this.limit && this.open[0] !== ticket) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    ticket.held += bytes;
    this.used += bytes;
  }

  release(ticket: BudgetTicket): void {
    this.used -= ticket.held;
    ticket.held = 0;
    const at = this.open.indexOf(ticket);
    if (at !== -1) this.open.splice(at, 1);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * "deflate" is zlib-wrapped by the spec but raw in some servers; browsers accept both,
 * so the first byte decides.
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private pendingCallback: TransformCallback | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const wrapped = chunk.length > 0 && ((chunk[0] ?? 0) & 0x0f) === 8 && (((chunk[0] ?? 0) << 8) | (chunk[1] ?? 0)) % 31 === 0;
      const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = wrapped ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (err) => this.destroy(err));
      this.inner.on('end', () => {
        const done = this.pendingCallback;
        this.pendingCallback = undefined;
        done?.();
      });
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.pendingCallback = callback;
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return new AutoInflate();
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/** Parses Content-Encoding into the list of decoders to apply, outermost first. */
export function parseContentEncoding(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const codings = raw
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // The header lists codings in the order applied; undo them last-first.
  return codings.reverse();
}

/**
 * Drains `body` through the decoders for `contentEncoding`, keeping at most `maxBytes`
 * decoded bytes. Throws on unsupported or corrupt encodings and on stream errors.
 */
export async function readBody(
  body: NodeJS.ReadableStream & AsyncIterable<Buffer>,
  contentEncoding: string | string[] | undefined,
  maxBytes: number,
  budget?: ByteBudget,
  signal?: AbortSignal,
): Promise<BodyResult> {
  const codings = parseContentEncoding(contentEncoding);
  if (codings.length > MAX_STACKED_ENCODINGS) throw new UnsupportedEncodingError(`too many stacked content encodings (${codings.length})`);
  const decoders: Transform[] = [];
  for (const coding of codings) {
    const decoder = decoderFor(coding);
    if (!decoder) throw new UnsupportedEncodingError(`unsupported content-encoding "${coding.slice(0, 40)}"`);
    decoders.push(decoder);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  const ticket = budget?.ticket();
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      if (budget && ticket) await budget.take(ticket, Math.min(chunk.length, Math.max(0, maxBytes - total)), signal);
      const room = maxBytes - total;
      if (chunk.length >= room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        total += Math.max(0, room);
        // A body exactly at the cap is only truncated if more bytes follow.
        if (chunk.length > room) {
          truncated = true;
          throw new CapReached();
        }
        continue;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  };
  try {
    if (decoders.length === 0) await collect(body);
    else await (pipeline as (...stages: unknown[]) => Promise<void>)(body, ...decoders, collect);
  } catch (err) {
    // Once the cap is hit, whatever error the torn-down pipeline reports is ours.
    if (!(err instanceof CapReached) && !truncated) throw err;
    destroyQuietly(body);
    for (const d of decoders) destroyQuietly(d);
  } finally {
    if (budget && ticket) budget.release(ticket);
  }
  return { bytes: Buffer.concat(chunks, total), truncated };
}

function destroyQuietly(stream: unknown): void {
  const s = stream as { destroy?: () => void; on?: (ev: string, fn: () => void) => void };
  try {
    s.on?.('error', () => {});
    s.destroy?.();
  } catch {
    // already gone
  }
}
