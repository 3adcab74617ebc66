/**
 * A deliberately minimal HTTP/1.1 responder on raw node:net, bound to 127.0.0.1 port 0, so a
 * hostile behaviour can write any bytes at all: lying headers, broken framing, stalls, no
 * HTTP whatsoever. Each site keeps a log of the requests it saw, so a test can prove where
 * the crawler did or did not go. It must never bind anything but loopback, and close()
 * destroys every socket it ever accepted, so a stalled behaviour cannot keep vitest alive.
 */
import { STATUS_CODES } from 'node:http';
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** Path and query as sent, e.g. "/cal?d=3". */
  target: string;
  pathname: string;
  query: URLSearchParams;
  headers: Map<string, string>;
}

export interface SiteInfo {
  origin: string;
  port: number;
}

/** Writes a response (or refuses to) on the socket; the socket is the route's to end or keep. */
export type Route = (req: RawRequest, socket: net.Socket, site: SiteInfo) => void;

export interface HostileSite {
  /** The URL to lint. */
  url: string;
  origin: string;
  /** Absolute URLs of the misbehaving resources; a report must mention at least one. */
  hostile: string[];
  /** "METHOD target" of every request received, in arrival order. */
  hits: string[];
  close(): Promise<void>;
}

export interface RawSiteOptions {
  /** Path of the URL to lint (default "/"). */
  start?: string;
  /** Paths (or absolute URLs) of the misbehaving resources. */
  hostile?: string[];
}

const MAX_REQUEST_HEAD = 64 * 1024;

function parseHead(head: string): RawRequest | null {
  const lines = head.split('\r\n');
  const [method, target] = (lines[0] ?? '').split(' ');
  if (!method || !target) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const parsed = new URL(target, 'http://127.0.0.1');
  return { method, target, pathname: parsed.pathname, query: parsed.searchParams, headers };
}

function pickRoute(routes: Record<string, Route>, pathname: string): Route | undefined {
  if (Object.hasOwn(routes, pathname)) return routes[pathname];
  // "/prefix/*" keys match everything below the prefix; the longest prefix wins.
  let best: { length: number; route: Route } | undefined;
  for (const [key, route] of Object.entries(routes)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (pathname.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, route };
  }
  return best?.route;
}

export async function startRawSite(routes: Record<string, Route>, options: RawSiteOptions = {}): Promise<HostileSite> {
  const sockets = new Set<net.Socket>();
  const hits: string[] = [];
  let info: SiteInfo = { origin: '', port: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_REQUEST_HEAD) socket.destroy();
        return;
      }
      socket.off('data', onData);
      const request = parseHead(buffered.slice(0, end));
      if (!request) return void socket.destroy();
      hits.push(`${request.method} ${request.target}`);
      const route = pickRoute(routes, request.pathname) ?? notFound;
      try {
        route(request, socket, info);
      } catch {
        socket.destroy();
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('raw site has no port');
  info = { origin: `http://127.0.0.1:${address.port}`, port: address.port };
  const absolute = (path: string) => (/^[a-z]+:/i.test(path) ? path : `${info.origin}${path}`);
  return {
    url: absolute(options.start ?? '/'),
    origin: info.origin,
    hostile: (options.hostile ?? []).map(absolute),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type HeaderList = Array<[string, string]>;

function headText(status: number, headers: HeaderList, reason?: string): string {
  let head = `HTTP/1.1 ${status} ${reason ?? STATUS_CODES[status] ?? 'Unknown'}\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  return head + '\r\n';
}

/** A complete, honest response, then the connection closes. */
export function respond(socket: net.Socket, status: number, headers: HeaderList, body: string | Buffer = '', reason?: string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all: HeaderList = [...headers];
  const has = (name: string) => all.some(([n]) => n.toLowerCase() === name);
  if (!has('content-length') && !has('transfer-encoding')) all.push(['Content-Length', String(bytes.length)]);
  all.push(['Connection', 'close']);
  socket.write(headText(status, all, reason), 'latin1');
  socket.end(bytes);
}

/** Only the status line and headers, exactly as given (no Content-Length or Connection added). */
export function writeHead(socket: net.Socket, status: number, headers: HeaderList, reason?: string): void {
  socket.write(headText(status, headers, reason), 'latin1');
}

export const html = (body: string | Buffer, status = 200, extra: HeaderList = []): Route => (_req, socket) =>
  respond(socket, status, [['Content-Type', 'text/html; charset=utf-8'], ...extra], body);

export const text = (body: string | Buffer, status = 200, extra: HeaderList = []): Route => (_req, socket) =>
  respond(socket, status, [['Content-Type', 'text/plain; charset=utf-8'], ...extra], body);

export const notFound: Route = (_req, socket) => respond(socket, 404, [['Content-Type', 'text/plain']], 'not found');

export const redirect = (location: string, status = 302): Route => (_req, socket) =>
  respond(socket, status, [['Location', location], ['Content-Type', 'text/plain']], 'moved');

/** Accepts the connection and never writes a byte. */
export const stall: Route = () => {};

/**
 * Streams `total` bytes made of `chunk` repeated, honouring backpressure, so even a
 * multi-gigabyte response costs the test process nothing beyond what the client reads.
 */
export function streamRepeated(socket: net.Socket, chunk: Buffer, total: number): void {
  let sent = 0;
  const pump = () => {
    while (sent < total && !socket.destroyed) {
      const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!socket.write(piece)) return void socket.once('drain', pump);
    }
    if (!socket.destroyed) socket.end();
  };
  pump();
}

/** Writes `parts` one after another with backpressure (for precomputed bodies). */
export function streamParts(socket: net.Socket, parts: Buffer[]): void {
  let index = 0;
  const pump = () => {
    while (index < parts.length && !socket.destroyed) {
      const part = parts[index++]!;
      if (!socket.write(part)) return void socket.once('drain', pump);
    }
    if (!socket.destroyed) socket.end();
  };
  pump();
}

/** Writes what `next()` returns until it returns null, with backpressure. */
export function streamGenerated(socket: net.Socket, next: () => Buffer | null): void {
  const pump = () => {
    while (!socket.destroyed) {
      const part = next();
      if (!part) return void socket.end();
      if (!socket.write(part)) return void socket.once('drain', pump);
    }
  };
  pump();
}
