/**
 * The undici dispatcher every crawl request goes through. Direct connections use a custom
 * connector that resolves the host itself, runs the address guard on the address it will
 * connect to, connects to exactly that address (keeping SNI and certificate checks on the
 * hostname), and checks the socket's remote address once more. With HTTP(S)_PROXY set,
 * undici's EnvHttpProxyAgent is used and the guard runs on the target before each request.
 * It must not let any socket open to a refused address.
 */
import net from 'node:net';
import type { Dispatcher, buildConnector as BuildConnector } from 'undici';
import { unbracket, type AddressGuard, type ResolvedAddress } from './address-guard.js';
import { envHttpProxyAgent, undiciParts } from './undici-parts.js';

const { Agent, buildConnector } = undiciParts;

export interface DispatcherSetup {
  dispatcher: Dispatcher;
  /** True when requests go through a proxy: the caller must pre-check targets. */
  proxied: boolean;
}

const MAX_HEADER_SIZE = 32 * 1024;

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}

/** Addresses tried per connection: `localhost` may list ::1 first while the server is on 127.0.0.1. */
const MAX_CONNECT_ATTEMPTS = 4;
const RETRYABLE_CONNECT = new Set(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT']);

/** Wraps a base connector so the guard decides, on resolved addresses, before any socket opens. */
export function guardedConnector(guard: AddressGuard, base: BuildConnector.connector): BuildConnector.connector {
  return (options, callback) => {
    const hostname = unbracket(options.hostname);
    const servername = options.servername || (net.isIP(hostname) ? undefined : hostname);
    const attempt = (addresses: ResolvedAddress[], index: number): void => {
      const picked = addresses[index] as ResolvedAddress;
      base({ ...options, hostname: picked.address, ...(servername ? { servername } : {}) }, (err, socket) => {
        if (err || !socket) {
          const code = (err as { code?: string } | null)?.code ?? '';
          if (RETRYABLE_CONNECT.has(code) && index + 1 < Math.min(addresses.length, MAX_CONNECT_ATTEMPTS)) {
            attempt(addresses, index + 1);
            return;
          }
          callback(err ?? new Error('connection failed'), null);
          return;
        }
        try {
          guard.assertAllowed(socket.remoteAddress ?? picked.address, hostname);
        } catch (refusal) {
          socket.destroy();
          callback(refusal as Error, null);
          return;
        }
        callback(null, socket);
      });
    };
    guard.candidates(hostname).then(
      (addresses) => attempt(addresses, 0),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null),
    );
  };
}

export function createDispatcher(options: { guard: AddressGuard; insecure: boolean; timeoutMs: number; env?: NodeJS.ProcessEnv }): DispatcherSetup {
  const tls = { rejectUnauthorized: !options.insecure };
  // undici's own timers would fire spuriously after the event loop was busy extracting a
  // page; the fetch deadline (which discounts that time) is the real bound, these are backstops.
  const backstop = options.timeoutMs + 30_000;
  const timeouts = {
    headersTimeout: backstop,
    bodyTimeout: backstop,
    maxHeaderSize: MAX_HEADER_SIZE,
    keepAliveTimeout: 4000,
    connections: 8,
  };
  const env = options.env ?? process.env;
  if (proxyConfigured(env)) {
    const httpProxy = env.HTTP_PROXY || env.http_proxy;
    const httpsProxy = env.HTTPS_PROXY || env.https_proxy;
    const noProxy = env.NO_PROXY ?? env.no_proxy;
    return {
      dispatcher: new (envHttpProxyAgent())({
        ...timeouts,
        ...(httpProxy ? { httpProxy } : {}),
        ...(httpsProxy ? { httpsProxy } : {}),
        ...(noProxy !== undefined ? { noProxy } : {}),
        connect: { ...tls, timeout: backstop },
        requestTls: tls,
        proxyTls: tls,
      }),
      proxied: true,
    };
  }
  const base = buildConnector({ ...tls, timeout: backstop });
  return { dispatcher: new Agent({ ...timeouts, connect: guardedConnector(options.guard, base) }), proxied: false };
}
