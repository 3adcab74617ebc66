/**
 * A small local web server for `--serve DIR`, the bundled demo sites and the e2e tests.
 * A directory with a `site.json` is a fixture site (declared routes, cookies, redirects,
 * answers that depend on DNT / Sec-GPC); any other directory is served as plain static
 * files. It listens on 127.0.0.1 by default, uses node:http only, and must never serve
 * a file outside the directory it was given, whatever the request path says.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSiteManifest, resolveInside, resolveRoute } from './site-routes.js';
import type { ResolvedAnswer, SiteManifest } from './site-routes.js';

export interface ServeSiteOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Called after each response, for logging and tests. */
  onRequest?: (info: ServedRequest) => void;
}

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface ServedSite {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:53121/ */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Files that describe a fixture site to the tests; the site itself never links to them. */
const FIXTURE_METADATA = new Set(['site.json', 'expected.json', 'README.md']);

const DEFAULT_NOT_FOUND = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>' +
  '<body><h1>404: page not found</h1></body></html>\n';

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

interface SiteContext {
  root: string;
  manifest: SiteManifest | null;
}

/** Serve `dir` on 127.0.0.1 (ephemeral port unless `opts.port`). Rejects for a missing directory or a bad site.json. */
export async function serveSite(dir: string, opts: ServeSiteOptions = {}): Promise<ServedSite> {
  let root: string;
  try {
    root = await realpath(resolve(dir));
  } catch {
    throw new Error(`Cannot serve ${dir}: no such directory`);
  }
  if (!(await stat(root)).isDirectory()) throw new Error(`Cannot serve ${dir}: not a directory`);
  const context: SiteContext = { root, manifest: await loadSiteManifest(root) };

  const server = createServer((req, res) => {
    handle(context, req, res).then(
      () => opts.onRequest?.({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: res.statusCode,
        headers: req.headers,
      }),
      () => {
        if (!res.headersSent) sendText(req, res, 500, 'internal error\n');
        else res.destroy();
      },
    );
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}/`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(context: SiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(req, res, 405, 'method not allowed\n');
    return;
  }
  const rawUrl = req.url ?? '/';
  const queryIndex = rawUrl.indexOf('?');
  const rawPath = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
  const query = queryIndex === -1 ? '' : rawUrl.slice(queryIndex);
  if (!rawPath.startsWith('/')) {
    sendText(req, res, 400, 'bad request\n');
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    sendText(req, res, 400, 'bad request: malformed percent-encoding\n');
    return;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) {
    sendText(req, res, 400, 'bad request: path not allowed\n');
    return;
  }

  const route = context.manifest?.routes[rawPath] ?? context.manifest?.routes[path];
  if (route) {
    await sendAnswer(context, req, res, resolveRoute(route, req.headers));
    return;
  }
  await serveStatic(context, req, res, path, query);
}

async function serveStatic(context: SiteContext, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const segments = path.split('/').filter((s) => s !== '');
  const hidden = segments.some((s) => s.startsWith('.') && s !== '.well-known') ||
    (context.manifest !== null && segments.length === 1 && FIXTURE_METADATA.has(segments[0] ?? ''));
  const target = hidden ? null : resolveInside(context.root, segments.join('/')) ?? (segments.length === 0 ? context.root : null);
  const file = target === null ? null : await existingInside(context.root, target);
  if (file === null) {
    await sendNotFound(context, req, res);
    return;
  }
  if (file.isDirectory) {
    if (!path.endsWith('/')) {
      res.setHeader('Location', `${encodeURI(path)}/${query}`);
      sendText(req, res, 301, 'moved\n');
      return;
    }
    const index = await existingInside(context.root, join(file.path, 'index.html'));
    if (index === null || index.isDirectory) {
      await sendNotFound(context, req, res);
      return;
    }
    sendFile(req, res, 200, index.path, { 'content-type': contentTypeFor(index.path) });
    return;
  }
  sendFile(req, res, 200, file.path, { 'content-type': contentTypeFor(file.path) });
}

/** The real path of `target` when it exists and (after following symlinks) is still inside `root`. */
async function existingInside(root: string, target: string): Promise<{ path: string; isDirectory: boolean } | null> {
  try {
    const real = await realpath(target);
    const rel = relative(root, real);
    if (rel !== '' && (rel.startsWith('..') || rel.startsWith(sep) || resolve(root, rel) !== real)) return null;
    const info = await stat(real);
    if (!info.isFile() && !info.isDirectory()) return null;
    return { path: real, isDirectory: info.isDirectory() };
  } catch {
    return null;
  }
}

async function sendAnswer(context: SiteContext, req: IncomingMessage, res: ServerResponse, answer: ResolvedAnswer): Promise<void> {
  const headers = lowerCaseKeys(answer.headers);
  if (answer.setCookie.length > 0) res.setHeader('Set-Cookie', answer.setCookie);
  if (answer.redirect !== undefined) {
    res.setHeader('Location', answer.redirect);
    applyHeaders(res, headers);
    sendText(req, res, answer.status, `redirecting to ${answer.redirect}\n`);
    return;
  }
  if (answer.body !== undefined) {
    applyHeaders(res, { 'content-type': 'text/html; charset=utf-8', ...headers });
    sendBuffer(req, res, answer.status, Buffer.from(answer.body, 'utf8'));
    return;
  }
  if (answer.file !== undefined) {
    const target = resolveInside(context.root, answer.file);
    const file = target === null ? null : await existingInside(context.root, target);
    if (file === null || file.isDirectory) throw new Error(`route file missing: ${answer.file}`);
    sendFile(req, res, answer.status, file.path, { 'content-type': contentTypeFor(file.path), ...headers });
    return;
  }
  if (answer.status === 404) {
    applyHeaders(res, headers);
    await sendNotFound(context, req, res);
    return;
  }
  applyHeaders(res, headers);
  sendBuffer(req, res, answer.status, Buffer.alloc(0));
}

async function sendNotFound(context: SiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const page = context.manifest?.notFound ?? '404.html';
  const target = resolveInside(context.root, page);
  const file = target === null ? null : await existingInside(context.root, target);
  if (file !== null && !file.isDirectory) {
    sendFile(req, res, 404, file.path, { 'content-type': contentTypeFor(file.path) });
    return;
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  sendBuffer(req, res, 404, Buffer.from(DEFAULT_NOT_FOUND, 'utf8'));
}

function lowerCaseKeys(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function applyHeaders(res: ServerResponse, headers: Record<string, string | string[]>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  if (!res.hasHeader('content-type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  sendBuffer(req, res, status, Buffer.from(text, 'utf8'));
}

function sendBuffer(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendFile(req: IncomingMessage, res: ServerResponse, status: number, path: string, headers: Record<string, string | string[]>): void {
  applyHeaders(res, headers);
  res.statusCode = status;
  res.setHeader('Content-Length', statSync(path).size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).on('error', () => res.destroy()).pipe(res);
}

// --- bundled demo sites -----------------------------------------------------------

/** fixtures/sites of the package: three levels up from dist/src/cli/, two from src/cli/. */
export function demoSitesRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../../fixtures/sites'), resolve(here, '../../fixtures/sites')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isDirectory());
  if (found === undefined) throw new Error(`bundled demo sites not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface DemoSiteInfo {
  name: string;
  description: string;
}

/** Every bundled site (a folder with expected.json), sorted by name. */
export function listDemoSites(): DemoSiteInfo[] {
  const root = demoSitesRoot();
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'expected.json')))
    .map((entry) => ({ name: entry.name, description: readDescription(join(root, entry.name)) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readDescription(siteDir: string): string {
  try {
    const expected = JSON.parse(readFileSync(join(siteDir, 'expected.json'), 'utf8')) as { description?: unknown };
    if (typeof expected.description === 'string') return expected.description;
  } catch {
    // fall through to an empty description: listing must not fail on one broken folder
  }
  return '';
}

/** Directory of the bundled site `name`; throws with the list of names when there is none. */
export function demoSiteDir(name: string): string {
  const root = demoSitesRoot();
  const dir = /^[a-z0-9][a-z0-9-]*$/.test(name) ? join(root, name) : null;
  if (dir === null || !existsSync(join(dir, 'expected.json'))) {
    const names = listDemoSites().map((site) => site.name).join(', ');
    throw new Error(`unknown demo site "${name}"; available: ${names}`);
  }
  return dir;
}

/** The site `policy-lint` lints when run with no URL. */
export const DEFAULT_DEMO_SITE = 'allsmart-demo';
