/**
 * Reduces one fetched page to compact PageEvidence: links with their page region,
 * cookies (headers on every hop, meta, inline document.cookie), referenced resources
 * (and which of them are not loads: hints, comments, consent-held or inert scripts),
 * tracker snippets in inline script, personal-data form fields, DNT/GPC script signals.
 * The page is parsed once through cheerio's htmlparser2 path, after nesting is capped
 * (flatten.ts), and walked iteratively (never recursively) in one pass; the DOM is
 * dropped on return. It must never throw on site input and keeps every list bounded.
 * Third-party classification is not done here but in third-party.ts, after the crawl.
 *
 * <noscript>: htmlparser2 builds its content as elements (checked), so a tracking pixel
 * there is an ordinary img with `noscript: true`. Text inside noscript is never re-parsed:
 * escaped markup (`&lt;img ...&gt;`) is text a browser shows, not an image it loads.
 */
import { load } from 'cheerio/slim';
import type { PageSnapshot } from '../crawl/types.js';
import { headerCookies, metaCookie, MAX_COOKIES_PER_PAGE, referenceTime } from './cookies.js';
import { capNesting } from './flatten.js';
import type { FieldFacts } from './forms.js';
import {
  buildForms, buildLinks, buildResources, MAX_FIELDS, MAX_LINKS, MAX_RESOURCES, scriptEvidence, TextAcc,
  type FormState, type LinkRecord, type RawResource, type ScriptRecord,
} from './page-parts.js';
import type { NotLoadedReason, PageEvidence, PageRegion, ResourceKind } from './types.js';
import { collapse, resolveHttpUrl } from './url.js';

const MAX_ACC = 1000;
const MAX_SCRIPTS = 500;
const MAX_COMMENTS = 500;
const MAX_COMMENT_SCAN = 100_000;
/** Fields remembered for label and form= resolution (a page cannot make these lists grow without bound). */
const MAX_TRACKED_FIELDS = 5000;

interface DomNode {
  type: string;
  parent: DomNode | null;
}
interface DomElement extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}
interface DomText extends DomNode {
  data: string;
}

const isElement = (n: DomNode): n is DomElement => n.type === 'tag' || n.type === 'script' || n.type === 'style';

const EXECUTABLE_TYPE = /^(?:|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript|text\/jscript|application\/x-javascript|text\/x-javascript|text\/livescript|javascript)$/;
const HINT_RELS = new Set(['dns-prefetch', 'preconnect', 'prefetch', 'prerender']);
const LOAD_RELS = new Set(['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'preload', 'modulepreload', 'manifest']);
const SEMANTIC_REGION: Record<string, PageRegion> = { footer: 'footer', nav: 'nav', header: 'header', main: 'main', aside: 'aside' };
const ROLE_REGION: Record<string, PageRegion> = { contentinfo: 'footer', navigation: 'nav', banner: 'header', main: 'main', complementary: 'aside' };
const CONSENT_ATTRS = [
  'data-category', 'data-cookiecategory', 'data-consent', 'data-cookieconsent', 'data-categories', 'data-cookie-consent',
  'data-cookieyes', 'data-consent-category', 'data-usercentrics', 'data-cmp-src', 'data-borlabs-cookie-script-blocker-id',
];
const CONSENT_CLASS = /\b(?:optanon-category-[\w-]+|cmplz-script|cmplz-native|_iub_cs_activate[\w-]*|cookieconsent-optin[\w-]*|cky-[\w-]*|termly-[\w-]*)\b/;
/** A consent manager's marker on a script or iframe, or undefined. */
function consentMarker(a: Record<string, string>): string | undefined {
  for (const name of CONSENT_ATTRS) {
    if (a[name] !== undefined) return `${name}="${collapse(a[name], 60)}"`;
  }
  const cls = a.class ? CONSENT_CLASS.exec(a.class) : null;
  if (cls) return `class="${cls[0]}"`;
  // Klaro keeps the real type and name in data-type / data-name.
  if (a['data-type'] !== undefined && a['data-name'] !== undefined) return `data-name="${collapse(a['data-name'], 60)}"`;
  return undefined;
}

const QUICK_REGION = /foot|nav|menu/i;

function regionFromClass(a: Record<string, string>): PageRegion | undefined {
  if (a.id === undefined && a.class === undefined) return undefined;
  const text = `${a.id ?? ''} ${a.class ?? ''}`.slice(0, 500);
  if (!QUICK_REGION.test(text)) return undefined;
  const tokens = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  if (tokens.some((t) => t.includes('footer'))) return 'footer';
  if (tokens.some((t) => t.startsWith('nav') || t.endsWith('nav') || t === 'menu')) return 'nav';
  return undefined;
}

/** Adds text to every open link/label accumulator; full ones leave the list (bounds nested-link floods). */
function feed(accs: TextAcc[], text: string): void {
  for (let i = accs.length - 1; i >= 0; i--) {
    const acc = accs[i];
    if (!acc) continue;
    acc.add(text);
    if (acc.full) accs.splice(i, 1);
  }
}

function removeAcc(accs: TextAcc[], acc: TextAcc): void {
  const at = accs.lastIndexOf(acc);
  if (at !== -1) accs.splice(at, 1);
}

/** Undo record for an element that changed the walk's context; pushed only when needed. */
class ExitFrame {
  region?: 'semantic' | 'fallback';
  noscript?: boolean;
  form?: boolean;
  label?: TextAcc;
  link?: TextAcc;
  svg?: boolean;
}

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

function extractBody(body: string, pageUrl: string, reference: number, evidence: PageEvidence): void {
  const flat = capNesting(body);
  if (flat.flattened) evidence.flattened = true;
  const $ = load(flat.html);
  const root = $.root()[0] as unknown as DomElement;

  const semantic: PageRegion[] = [];
  const fallback: PageRegion[] = [];
  const accs: TextAcc[] = [];
  const forms: FormState[] = [];
  const allForms: FormState[] = [];
  const formsById = new Map<string, FormState>();
  const detached: FieldFacts[] = [];
  const labelsFor = new Map<string, TextAcc>();
  const fieldsInLabel: Array<{ acc: TextAcc; field: FieldFacts }> = [];
  const pendingFormAttr: Array<{ formId: string; field: FieldFacts }> = [];
  const links: LinkRecord[] = [];
  const resources: RawResource[] = [];
  const scripts: ScriptRecord[] = [];
  const comments: string[] = [];
  const metaCookies: string[] = [];
  let noscriptDepth = 0;
  let svgDepth = 0;
  let baseHref: string | undefined;
  let title: string | undefined;
  let lang: string | undefined;
  const labelStack: TextAcc[] = [];

  const region = (): PageRegion => semantic[semantic.length - 1] ?? fallback[fallback.length - 1] ?? 'other';
  const addResource = (raw: string | undefined, kind: ResourceKind, via: string, notLoaded?: NotLoadedReason): void => {
    if (!raw || resources.length >= MAX_RESOURCES * 2) return;
    resources.push({ raw, kind, via, noscript: noscriptDepth > 0, ...(notLoaded ? { notLoaded } : {}) });
  };
  const addField = (el: DomElement): void => {
    const a = el.attribs;
    const field: FieldFacts = { tag: el.name };
    if (a.type !== undefined) field.type = a.type;
    if (a.name !== undefined) field.name = a.name.slice(0, 200);
    if (a.id !== undefined) field.id = a.id.slice(0, 200);
    if (a.autocomplete !== undefined) field.autocomplete = a.autocomplete.slice(0, 200);
    if (a.placeholder !== undefined) field.placeholder = a.placeholder.slice(0, 200);
    if (a['aria-label'] !== undefined) field.ariaLabel = a['aria-label'].slice(0, 200);
    if (a.required !== undefined) field.required = true;
    const label = labelStack[labelStack.length - 1];
    if (label && fieldsInLabel.length < MAX_TRACKED_FIELDS) fieldsInLabel.push({ acc: label, field });
    const owner = a.form !== undefined ? undefined : forms[forms.length - 1];
    if (a.form !== undefined) {
      if (pendingFormAttr.length < MAX_TRACKED_FIELDS) pendingFormAttr.push({ formId: a.form, field });
    }
    else if (owner) {
      if (owner.fields.length < MAX_FIELDS) owner.fields.push(field);
    } else if (detached.length < MAX_FIELDS) detached.push(field);
  };

  const stack: Array<DomNode | ExitFrame> = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i] as DomNode);
  while (stack.length > 0) {
    const item = stack.pop() as DomNode | ExitFrame;
    if (item instanceof ExitFrame) {
      if (item.region === 'semantic') semantic.pop();
      else if (item.region === 'fallback') fallback.pop();
      if (item.noscript) noscriptDepth--;
      if (item.svg) svgDepth--;
      if (item.form) forms.pop();
      if (item.label) {
        labelStack.pop();
        removeAcc(accs, item.label);
      }
      if (item.link) removeAcc(accs, item.link);
      continue;
    }
    const node = item;
    if (node.type === 'text') {
      const data = (node as DomText).data;
      if (accs.length > 0) feed(accs, data);
      continue;
    }
    if (node.type === 'comment') {
      if (comments.length < MAX_COMMENTS) comments.push((node as DomText).data.slice(0, MAX_COMMENT_SCAN));
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    const a = el.attribs ?? {};
    const name = el.name.toLowerCase();
    let frame: ExitFrame | undefined;

    const semanticRegion = SEMANTIC_REGION[name] ?? (a.role ? ROLE_REGION[a.role.trim().toLowerCase()] : undefined);
    if (semanticRegion) {
      semantic.push(semanticRegion);
      (frame ??= new ExitFrame()).region = 'semantic';
    } else {
      const fb = regionFromClass(a);
      if (fb) {
        fallback.push(fb);
        (frame ??= new ExitFrame()).region = 'fallback';
      }
    }

    switch (name) {
      case 'html':
        if (lang === undefined && a.lang) lang = collapse(a.lang, 35);
        break;
      case 'base':
        if (baseHref === undefined && a.href) baseHref = a.href;
        break;
      case 'title':
        if (title === undefined && svgDepth === 0) {
          const t = el.children.map((c) => (c.type === 'text' ? (c as DomText).data : '')).join('');
          title = collapse(t.slice(0, MAX_ACC), 300);
        }
        break;
      case 'svg':
        svgDepth++;
        (frame ??= new ExitFrame()).svg = true;
        break;
      case 'meta':
        if ((a['http-equiv'] ?? '').trim().toLowerCase() === 'set-cookie' && a.content && metaCookies.length < 50) metaCookies.push(a.content);
        break;
      case 'a':
      case 'area':
        if (a.href !== undefined && links.length < MAX_LINKS) {
          const record: LinkRecord = { raw: a.href, attrs: a, region: region() };
          if (name === 'a') {
            record.acc = new TextAcc();
            accs.push(record.acc);
            (frame ??= new ExitFrame()).link = record.acc;
          } else if (a.alt) record.alt = a.alt;
          links.push(record);
        }
        break;
      case 'img':
        if (a.alt && accs.length > 0) feed(accs, ` ${a.alt} `);
        addResource(a.src, 'img', noscriptDepth > 0 ? 'img[src] in noscript' : 'img[src]');
        break;
      case 'script': {
        const type = (a.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const executes = EXECUTABLE_TYPE.test(type);
        const marker = consentMarker(a);
        const held: NotLoadedReason | undefined = executes ? undefined : marker ? 'consent-held' : 'inert-script-type';
        const src = a.src ?? (marker ? (a['data-src'] ?? a['data-cmp-src']) : undefined);
        if (src !== undefined) {
          addResource(src, 'script', held === 'consent-held' ? `script[type="${type}"][${marker}]` : held ? `script[type="${type}"]` : 'script[src]', held);
        } else if ((executes || type === 'text/plain' || marker) && scripts.length < MAX_SCRIPTS) {
          const text = el.children.map((c) => (c.type === 'text' ? (c as DomText).data : '')).join('');
          scripts.push({ text, ...(held ? { notLoaded: held } : {}), via: held === 'consent-held' ? `consent-held inline script [${marker}]` : 'inline script' });
        }
        continue; // script content is text, not markup
      }
      case 'style':
        continue;
      case 'iframe': {
        const marker = consentMarker(a);
        if (a.src) addResource(a.src, 'iframe', noscriptDepth > 0 ? 'iframe[src] in noscript' : 'iframe[src]');
        else if (marker && a['data-src']) addResource(a['data-src'], 'iframe', `iframe[data-src][${marker}]`, 'consent-held');
        break;
      }
      case 'link': {
        const rels = (a.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        if (rels.some((r) => HINT_RELS.has(r))) addResource(a.href, 'link', `link[rel=${rels.join(' ')}]`, 'resource-hint');
        else if (rels.some((r) => LOAD_RELS.has(r))) addResource(a.href, 'link', `link[rel=${rels.join(' ')}]`);
        // <link rel="privacy-policy"> (a registered link type) points at the policy from <head>.
        if (rels.includes('privacy-policy') && a.href !== undefined && links.length < MAX_LINKS) {
          links.push({ raw: a.href, attrs: a, region: 'header' });
        }
        break;
      }
      case 'form': {
        const state: FormState = { method: (a.method ?? 'get').trim().toLowerCase().slice(0, 20) || 'get', search: false, fields: [] };
        if (a.action !== undefined && a.action.trim()) state.action = a.action;
        const id = a.id ?? a.name;
        if (id) {
          state.id = id.slice(0, 200);
          if (a.id && !formsById.has(a.id)) formsById.set(a.id, state);
        }
        state.search = (a.role ?? '').toLowerCase() === 'search' || /search/i.test(`${a.id ?? ''} ${a.class ?? ''} ${a.name ?? ''} ${a.action ?? ''}`);
        forms.push(state);
        if (allForms.length < 4 * MAX_LINKS) allForms.push(state);
        (frame ??= new ExitFrame()).form = true;
        if (state.action) addResource(state.action, 'form', 'form[action]');
        break;
      }
      case 'input':
        if ((a.type ?? '').toLowerCase() === 'image') addResource(a.src, 'img', 'input[type=image]');
        addField(el);
        break;
      case 'select':
      case 'textarea':
        addField(el);
        break;
      case 'label': {
        const acc = new TextAcc();
        accs.push(acc);
        labelStack.push(acc);
        (frame ??= new ExitFrame()).label = acc;
        if (a.for && labelsFor.size < 1000 && !labelsFor.has(a.for)) labelsFor.set(a.for, acc);
        break;
      }
      case 'noscript':
        noscriptDepth++;
        (frame ??= new ExitFrame()).noscript = true;
        break;
      case 'video':
        addResource(a.src, 'other', 'video[src]');
        addResource(a.poster, 'img', 'video[poster]');
        break;
      case 'audio':
      case 'source':
      case 'embed':
      case 'track':
        addResource(a.src, 'other', `${name}[src]`);
        break;
      case 'object':
        addResource(a.data, 'other', 'object[data]');
        break;
      default:
        break;
    }
    // textarea content and the like are text; select options are not personal input.
    if (frame) stack.push(frame);
    // textarea content is text, and select options are not personal input.
    if (name === 'textarea' || name === 'select') continue;
    const children = el.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as DomNode);
  }

  const base = resolveHttpUrl(baseHref, pageUrl) ?? pageUrl;
  if (base !== pageUrl) evidence.baseUrl = base;
  if (title) evidence.title = title;
  if (lang) evidence.lang = lang;

  evidence.links = buildLinks(links, base);
  const fromScripts = scriptEvidence(scripts, comments, base, reference);
  evidence.resources = buildResources([...resources, ...fromScripts.extraRaw], fromScripts.resources, base);
  evidence.scriptSignals = fromScripts.signals;
  evidence.forms = buildForms(allForms, { detached, formsById, labelsFor, fieldsInLabel, pendingFormAttr }, base, pageUrl);
  for (const cookie of fromScripts.cookies) {
    if (evidence.cookies.length < MAX_COOKIES_PER_PAGE) evidence.cookies.push(cookie);
  }
  for (const content of metaCookies) {
    const cookie = metaCookie(content, reference);
    if (cookie && evidence.cookies.length < MAX_COOKIES_PER_PAGE) evidence.cookies.push(cookie);
  }
}
