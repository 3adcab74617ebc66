/**
 * Reduces one fetched page to compact PageEvidence: links with their page region,
 * cookies (headers on every hop, meta, inline document.cookie), referenced resources
 * (and which of them are not loads: hints, comments, consent-held or inert scripts),
 * tracker snippets in inline script, personal-data form fields, DNT/GPC script signals.
 * The page is tokenised once by htmlparser2 and walked as it is parsed (page-walk.ts), with
 * no DOM built; a deep page is walked again with its nesting capped (flatten.ts). It must
 * never throw on site input and keeps every list bounded.
 * Third-party classification is not done here but in third-party.ts, after the crawl.
 *
 * <noscript>: htmlparser2 parses its content as elements (checked), so a tracking pixel
 * there is an ordinary img with `noscript: true`. Text inside noscript is never re-parsed:
 * escaped markup (`&lt;img ...&gt;`) is text a browser shows, not an image it loads.
 */
import type { PageSnapshot } from '../crawl/types.js';
import { headerCookies, metaCookie, MAX_COOKIES_PER_PAGE, referenceTime } from './cookies.js';
import { capNesting, SOFT_DEPTH_CAP } from './flatten.js';
import { buildForms, buildLinks, buildResources, scriptEvidence } from './page-parts.js';
import { PageWalk, TooDeep } from './page-walk.js';
import type { PageEvidence } from './types.js';
import { resolveHttpUrl } from './url.js';

/**
 * Bodies up to this many characters are walked as they are, with the walk giving up (and the
 * page walked again with its nesting capped) only past SOFT_DEPTH_CAP; the give-up bounds the
 * parser's per-tag stack work on such a body to SOFT_DEPTH_CAP steps. Longer bodies are capped
 * first, so a multi-megabyte flood of tags never meets an uncapped stack.
 */
const UNCAPPED_BODY_CHARS = 512 * 1024;

function emptyEvidence(snapshot: PageSnapshot): PageEvidence {
  return {
    url: snapshot.url,
    finalUrl: snapshot.finalUrl,
    status: snapshot.status,
    depth: snapshot.depth,
    pass: snapshot.pass,
    contentType: snapshot.contentType,
    hops: Array.isArray(snapshot.hops) ? snapshot.hops : [],
    ...(snapshot.truncated ? { truncated: true } : {}),
    links: [],
    cookies: [],
    resources: [],
    forms: [],
    scriptSignals: { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] },
  };
}

/** Evidence for one page. Never throws; a page that cannot be read gives header evidence only. */
export function extractPageEvidence(snapshot: PageSnapshot): PageEvidence {
  const evidence = emptyEvidence(snapshot);
  const hops = Array.isArray(snapshot.hops) ? snapshot.hops : [];
  try {
    evidence.cookies = headerCookies(hops);
  } catch {
    evidence.cookies = [];
  }
  if (typeof snapshot.body !== 'string' || snapshot.body.length === 0) return evidence;
  try {
    extractBody(snapshot.body, snapshot.finalUrl || snapshot.url, referenceTime(hops), evidence);
  } catch {
    // Defence in depth: evidence gathered so far stands; the page is marked as not fully read.
    evidence.truncated = true;
  }
  return evidence;
}

/** Walks the page once; a deep page (or a long one) is walked with its nesting capped. */
function walkPage(body: string, evidence: PageEvidence): PageWalk {
  if (body.length <= UNCAPPED_BODY_CHARS) {
    try {
      return new PageWalk(SOFT_DEPTH_CAP).run(body);
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
    }
  }
  const flat = capNesting(body);
  if (flat.flattened) evidence.flattened = true;
  return new PageWalk().run(flat.html);
}

function extractBody(body: string, pageUrl: string, reference: number, evidence: PageEvidence): void {
  const walk = walkPage(body, evidence);
  const { baseHref, title, lang, links, resources, scripts, comments, metaCookies, allForms } = walk;
  const base = resolveHttpUrl(baseHref, pageUrl) ?? pageUrl;
  if (base !== pageUrl) evidence.baseUrl = base;
  if (title) evidence.title = title;
  if (lang) evidence.lang = lang;

  evidence.links = buildLinks(links, base);
  const fromScripts = scriptEvidence(scripts, comments, base, reference);
  evidence.resources = buildResources([...resources, ...fromScripts.extraRaw], fromScripts.resources, base);
  evidence.scriptSignals = fromScripts.signals;
  evidence.forms = buildForms(allForms, walk, base, pageUrl);
  for (const cookie of fromScripts.cookies) {
    if (evidence.cookies.length < MAX_COOKIES_PER_PAGE) evidence.cookies.push(cookie);
  }
  for (const content of metaCookies) {
    const cookie = metaCookie(content, reference);
    if (cookie && evidence.cookies.length < MAX_COOKIES_PER_PAGE) evidence.cookies.push(cookie);
  }
}
