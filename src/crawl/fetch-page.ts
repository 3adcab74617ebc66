/**
 * One bounded fetch: a GET with redirects followed by hand (at most 20, loops detected),
 * every hop recorded with its status, headers and raw Set-Cookie lines, a single deadline
 * covering connect, headers and the whole body across all hops, and a streamed body capped
 * after decompression. Failures come back as values with a short reason, never as throws.
 * It must not parse HTML, retry, or decide scope; callers say which redirects to follow.
 */
import type { Dispatcher } from 'undici';
import type { AddressGuard } from './address-guard.js';
import { ACCEPT_ENCODING, readBody, type ByteBudget } from './body.js';
import type { PassCookieJar } from './cookie-jar.js';
import { decodeBody } from './decode.js';
import type { HopRecord } from './types.js';
import { undiciParts } from './undici-parts.js';
import { MAX_URL_LENGTH } from './url.js';

export const MAX_REDIRECTS = 20;
const MAX_HEADERS_KEPT = 200;
const MAX_HEADER_VALUE = 8192;
const DISCARD_LIMIT = 64 * 1024;

export interface FetchEnv {
  dispatcher: Dispatcher;
  /** When requests go through a proxy, the guard checks each target before sending. */
  proxied: boolean;
  guard: AddressGuard;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Extra headers for a URL (user --header values for the start site only). */
  headersFor: (url: string) => Record<string, string>;
  /** Whole-run abort (max-time or close). */
  runSignal?: AbortSignal;
  /** Shared cap on bytes buffered by concurrent reads. */
  budget?: ByteBudget;
  /**
   * Milliseconds this process has spent blocked in synchronous work (evidence extraction),
   * cumulative. Time the event loop was ours is not the server's slowness, so a deadline
   * does not count it.
   */
  busyMs?: () => number;
}

export interface FetchRequest {
  url: string;
  /** Which bodies to read: HTML only, any text, or any bytes (robots, sitemaps). */
  read: 'html' | 'text' | 'any';
  jar?: PassCookieJar;
  /** Extra headers for this request (signal headers). */
  headers?: Record<string, string>;
  /** Aborts this fetch (a phase deadline); reported like a run stop. */
  signal?: AbortSignal;
  /** Return false to stop at a redirect instead of following it. */
  followRedirect?: (next: string) => boolean;
}

export interface FetchSuccess {
  ok: true;
  url: string;
  finalUrl: string;
  status: number;
  hops: HopRecord[];
  contentType: string;
  durationMs: number;
  bytes: number;
  truncated: boolean;
  /** Decoded text for HTML (and any text when asked). */
  text?: string;
  /** Raw decompressed bytes when `read: 'any'`. */
  raw?: Buffer;
  /** Status of the final hop is a redirect we chose not to follow. */
  stoppedAtRedirect?: boolean;
}

export interface FetchFailure {
  ok: false;
  url: string;
  error: string;
  hops: HopRecord[];
  durationMs: number;
  /** The failure came from the run being stopped, not the site. */
  aborted?: boolean;
}

export type FetchResult = FetchSuccess | FetchFailure;

export function isHtmlType(contentType: string): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

function isTextType(contentType: string): boolean {
  return isHtmlType(contentType) || /^\s*(text\/|application\/(xml|json|[\w.+-]+\+xml|[\w.+-]+\+json))/i.test(contentType);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function recordHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  let kept = 0;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || kept >= MAX_HEADERS_KEPT) continue;
    kept += 1;
    out[name.toLowerCase()] = Array.isArray(value)
      ? value.slice(0, 100).map((v) => v.slice(0, MAX_HEADER_VALUE))
      : value.slice(0, MAX_HEADER_VALUE);
  }
  return out;
}

function setCookieLines(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).slice(0, 100).map((v) => v.slice(0, MAX_HEADER_VALUE));
}

/** Short, stable reason for a network or protocol error. */
export function describeFetchError(err: unknown, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timeout after ${timeoutMs} ms`;
  const e = err as { code?: string; message?: string; name?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code ?? '';
  const message = String(e?.message ?? err).slice(0, 200);
  if (e?.name === 'AddressRefusedError' || code === 'POLICY_LINT_ADDRESS_REFUSED') return message;
  if (e?.name === 'UnsupportedEncodingError') return message;
  const parserReason = /does not match the HTTP\/1\.1 protocol \(([^)]*)\)/.exec(message)?.[1];
  if (code.startsWith('HPE_') || parserReason !== undefined) return `malformed HTTP response (${parserReason ?? code})`;
  switch (code) {
    case 'UND_ERR_HEADERS_OVERFLOW':
      return 'response headers too large';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `timeout after ${timeoutMs} ms`;
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
      return 'connection closed by server';
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return 'truncated transfer (content-length mismatch)';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR__ERROR_FORMAT_PADDING_1':
      return 'corrupt compressed body';
    default:
      if (/^ERR_TLS|CERT|SSL/i.test(code) || /certificate/i.test(message)) return `TLS error: ${code || message} (use --insecure for self-signed certificates)`;
      if (code.startsWith('ERR__') || /zlib|decompress|brotli/i.test(message)) return 'corrupt compressed body';
      return code ? `${code}: ${message}` : message;
  }
}

/** Fetches `req.url`, following redirects, within one deadline. Never throws. */
export async function fetchPage(env: FetchEnv, req: FetchRequest): Promise<FetchResult> {
  const started = performance.now();
  const hops: HopRecord[] = [];
  const controller = new AbortController();
  let timedOut = false;
  const busyAtStart = env.busyMs?.() ?? 0;
  let timer: NodeJS.Timeout;
  const onDeadline = (): void => {
    const ours = (env.busyMs?.() ?? 0) - busyAtStart;
    const remaining = env.timeoutMs - (performance.now() - started - ours);
    if (ours > 0 && remaining >= 1) {
      timer = setTimeout(onDeadline, Math.ceil(remaining));
      return;
    }
    timedOut = true;
    controller.abort(new Error('timeout'));
  };
  timer = setTimeout(onDeadline, env.timeoutMs);
  const onRunAbort = (): void => controller.abort(new Error('run stopped'));
  if (env.runSignal?.aborted || req.signal?.aborted) onRunAbort();
  env.runSignal?.addEventListener('abort', onRunAbort, { once: true });
  req.signal?.addEventListener('abort', onRunAbort, { once: true });
  const elapsed = (): number => Math.round(performance.now() - started);
  const fail = (error: string): FetchFailure => ({
    ok: false,
    url: req.url,
    error,
    hops,
    durationMs: elapsed(),
    ...((env.runSignal?.aborted || req.signal?.aborted) && !timedOut ? { aborted: true } : {}),
  });
  try {
    let current = req.url;
    const visited = new Set<string>();
    for (let hop = 0; ; hop += 1) {
      if (env.proxied) await env.guard.pick(new URL(current).hostname);
      const cookie = await req.jar?.headerFor(current);
      const loopKey = `${current}\n${cookie ?? ''}`;
      if (visited.has(loopKey)) return fail(`redirect loop at ${current}`);
      visited.add(loopKey);
      const headers: Record<string, string> = {
        'user-agent': env.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'en',
      };
      for (const [name, value] of Object.entries({ ...env.headersFor(current), ...req.headers })) headers[name.toLowerCase()] = value;
      // Only encodings this crawler can undo, whatever --header says, and the jar's cookies.
      headers['accept-encoding'] = ACCEPT_ENCODING;
      const cookieHeader = [cookie, headers.cookie].filter((c) => c).join('; ');
      if (cookieHeader) headers.cookie = cookieHeader;
      else delete headers.cookie;
      const res = await undiciParts.request(env.dispatcher, current, { method: 'GET', headers, signal: controller.signal });
      const setCookie = setCookieLines(res.headers['set-cookie']);
      const record: HopRecord = { url: current, status: res.statusCode, headers: recordHeaders(res.headers), setCookie };
      hops.push(record);
      if (req.jar && setCookie.length) await req.jar.store(setCookie, current);
      const isRedirect = res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304;
      if (isRedirect) {
        await res.body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
        const location = firstHeader(res.headers.location);
        if (location === undefined || location.trim() === '') return fail(`redirect ${res.statusCode} without Location`);
        let next: URL;
        try {
          next = new URL(location.trim(), current);
        } catch {
          return fail(`invalid Location header: ${JSON.stringify(location.slice(0, 100))}`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return fail(`redirect to unsupported scheme ${next.protocol}`);
        next.hash = '';
        if (next.href.length > MAX_URL_LENGTH) return fail(`redirect to a URL longer than ${MAX_URL_LENGTH} characters`);
        record.location = next.href;
        if (req.followRedirect && !req.followRedirect(next.href)) {
          return { ok: true, url: req.url, finalUrl: current, status: res.statusCode, hops, contentType: '', durationMs: elapsed(), bytes: 0, truncated: false, stoppedAtRedirect: true };
        }
        if (hop + 1 > MAX_REDIRECTS) return fail(`too many redirects (more than ${MAX_REDIRECTS})`);
        current = next.href;
        continue;
      }
      const contentType = (firstHeader(res.headers['content-type']) ?? '').slice(0, 200);
      const wanted = req.read === 'any' || (req.read === 'text' ? isTextType(contentType) || contentType === '' : isHtmlType(contentType) || contentType === '');
      if (!wanted) {
        await res.body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
        return { ok: true, url: req.url, finalUrl: current, status: res.statusCode, hops, contentType, durationMs: elapsed(), bytes: 0, truncated: false };
      }
      const body = await readBody(res.body, res.headers['content-encoding'], env.maxBytes, env.budget, controller.signal);
      const result: FetchSuccess = {
        ok: true,
        url: req.url,
        finalUrl: current,
        status: res.statusCode,
        hops,
        contentType,
        durationMs: elapsed(),
        bytes: body.bytes.length,
        truncated: body.truncated,
      };
      if (req.read === 'any') result.raw = body.bytes;
      // A missing Content-Type is HTML only if it looks like markup.
      const looksHtml = contentType !== '' || /^\s*(<!doctype html|<html|<head|<body|<!--|<)/i.test(body.bytes.subarray(0, 512).toString('latin1'));
      if (req.read !== 'any' && looksHtml) result.text = decodeBody(body.bytes, contentType, body.truncated).text;
      return result;
    }
  } catch (err) {
    return fail(describeFetchError(err, env.timeoutMs, timedOut));
  } finally {
    clearTimeout(timer);
    env.runSignal?.removeEventListener('abort', onRunAbort);
    req.signal?.removeEventListener('abort', onRunAbort);
  }
}
