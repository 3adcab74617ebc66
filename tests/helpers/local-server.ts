/**
 * Test servers on 127.0.0.1, port 0: a node:http server for well-behaved (or deliberately
 * misbehaving) HTTP, and a raw node:net server for broken framing, stalls and non-HTTP
 * answers. Both count connections and destroy every socket on close, so a stalled test
 * server can never keep vitest alive. Never binds anything but loopback.
 */
import http from 'node:http';
import net from 'node:net';

export interface LocalServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  origin: string;
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function track(server: net.Server): { sockets: Set<net.Socket>; count: () => number } {
  const sockets = new Set<net.Socket>();
  let count = 0;
  server.on('connection', (socket: net.Socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { sockets, count: () => count };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function wrap(server: net.Server, port: number, tracked: ReturnType<typeof track>): LocalServer {
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    port,
    connections: tracked.count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of tracked.sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Return values are ignored, so handlers may `return res.end()`. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export async function startHttpServer(handler: Handler): Promise<LocalServer> {
  const server = http.createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const tracked = track(server);
  const port = await listen(server);
  return wrap(server, port, tracked);
}

/** A raw TCP server: `onSocket` writes whatever bytes (or nothing) it likes. */
export async function startRawServer(onSocket: (socket: net.Socket) => void): Promise<LocalServer> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    onSocket(socket);
  });
  const tracked = track(server);
  const port = await listen(server);
  return wrap(server, port, tracked);
}
