/**
 * The fixture-site manifest (`site.json`): declared routes with status, body, headers,
 * Set-Cookie lines, redirects, and variants chosen by a request header (so a site can
 * answer `DNT: 1` or `Sec-GPC: 1` differently). This module validates the manifest and
 * picks the answer for a request; it does no network or file serving itself, and it
 * must never let a manifest name a file outside the site's directory.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';

const headerValue = z.union([z.string(), z.array(z.string())]);

const routeFields = {
  status: z.number().int().min(100).max(599).optional(),
  file: z.string().min(1).optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), headerValue).optional(),
  setCookie: z.array(z.string()).optional(),
  redirect: z.string().min(1).optional(),
};

const variantSchema = z.strictObject(routeFields);

const conditionSchema = z.strictObject({
  header: z.string().min(1),
  equals: z.string(),
  then: variantSchema,
});

const routeSchema = z.strictObject({
  ...routeFields,
  when: z.array(conditionSchema).optional(),
});

export const siteManifestSchema = z.strictObject({
  description: z.string().optional(),
  routes: z.record(z.string().startsWith('/'), routeSchema),
  notFound: z.string().min(1).optional(),
});

export type SiteManifest = z.infer<typeof siteManifestSchema>;
export type SiteRoute = z.infer<typeof routeSchema>;
export type RouteVariant = z.infer<typeof variantSchema>;

/** Status codes a `redirect` may use; anything else would leave the client with no Location to follow. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Thrown for a manifest that cannot be served; the message names the file and the problem. */
export class SiteManifestError extends Error {
  override name = 'SiteManifestError';
}

/** Resolve `file` inside `root`, or return null when it would escape it. */
export function resolveInside(root: string, file: string): string | null {
  if (file.includes('\0')) return null;
  const target = resolve(root, file.replace(/^\/+/, ''));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return target;
}

function checkVariant(variant: RouteVariant, where: string, root: string, problems: string[]): void {
  if (variant.file !== undefined && variant.body !== undefined) {
    problems.push(`${where}: give either "file" or "body", not both`);
  }
  if (variant.file !== undefined && resolveInside(root, variant.file) === null) {
    problems.push(`${where}: file "${variant.file}" is outside the site directory`);
  }
  if (variant.redirect !== undefined && variant.status !== undefined && !REDIRECT_STATUSES.has(variant.status)) {
    problems.push(`${where}: "redirect" needs status 301, 302, 303, 307 or 308 (got ${variant.status})`);
  }
}

/** Parse and check a manifest's text; throws SiteManifestError with every problem found. */
export function parseSiteManifest(text: string, root: string, source = 'site.json'): SiteManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SiteManifestError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = siteManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SiteManifestError(`${source}: invalid site manifest\n${z.prettifyError(parsed.error)}`);
  }
  const problems: string[] = [];
  for (const [path, route] of Object.entries(parsed.data.routes)) {
    checkVariant(route, `routes["${path}"]`, root, problems);
    route.when?.forEach((condition, index) => {
      checkVariant(condition.then, `routes["${path}"].when[${index}].then`, root, problems);
    });
  }
  if (parsed.data.notFound !== undefined && resolveInside(root, parsed.data.notFound) === null) {
    problems.push(`notFound: file "${parsed.data.notFound}" is outside the site directory`);
  }
  if (problems.length > 0) throw new SiteManifestError(`${source}: ${problems.join('; ')}`);
  return parsed.data;
}

/** Read `<root>/site.json`, or return null when the directory has none (plain static mode). */
export async function loadSiteManifest(root: string): Promise<SiteManifest | null> {
  const path = resolve(root, 'site.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SiteManifestError(`${path}: cannot read (${(error as Error).message})`);
  }
  return parseSiteManifest(text, root, path);
}

/** The answer a route gives to one request, after applying the first matching `when`. */
export interface ResolvedAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  setCookie: string[];
  file?: string;
  body?: string;
  redirect?: string;
}

type RequestHeaders = Record<string, string | string[] | undefined>;

function headerMatches(headers: RequestHeaders, name: string, expected: string): boolean {
  const value = headers[name.toLowerCase()];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.some((v) => v.trim() === expected);
}

/** Merge the route with its first matching variant: variant fields replace route fields. */
export function resolveRoute(route: SiteRoute, requestHeaders: RequestHeaders): ResolvedAnswer {
  const variant = route.when?.find((c) => headerMatches(requestHeaders, c.header, c.equals))?.then;
  const merged: RouteVariant = { ...stripWhen(route) };
  if (variant) {
    // A variant that gives content replaces the route's content as a whole, so a DNT
    // variant with a `file` is never mixed with the base route's `redirect` or `body`.
    if (variant.file !== undefined || variant.body !== undefined || variant.redirect !== undefined) {
      delete merged.file;
      delete merged.body;
      delete merged.redirect;
      delete merged.status;
    }
    Object.assign(merged, variant);
  }
  const answer: ResolvedAnswer = {
    status: merged.status ?? (merged.redirect !== undefined ? 302 : 200),
    headers: { ...merged.headers },
    setCookie: [...(merged.setCookie ?? [])],
  };
  if (merged.file !== undefined) answer.file = merged.file;
  if (merged.body !== undefined) answer.body = merged.body;
  if (merged.redirect !== undefined) answer.redirect = merged.redirect;
  return answer;
}

function stripWhen(route: SiteRoute): RouteVariant {
  const { when: _when, ...rest } = route;
  return rest;
}
