/**
 * The one pass over a page's markup: htmlparser2's Parser (the tokenizer and tree rules
 * cheerio's htmlparser2 path uses) calls this walker for each open tag, close tag, text run
 * and comment, and the walker keeps only what evidence needs: link records with their text
 * and page region, raw resource references, inline script text, comments, form fields and
 * labels. No DOM is built, so a page costs its tokens and its evidence, nothing more.
 *
 * The Parser closes every element it opens (void elements at once, implied ends, the rest at
 * end of input), so the walker's frame stack mirrors its open elements. Text the Parser hands
 * over in pieces (around entities) is joined before use, as a DOM text node would be.
 * The content of script, style, textarea and select is not walked as markup.
 *
 * A walk can be told to give up past a nesting depth (`TooDeep`): the caller then caps the
 * nesting (flatten.ts) and walks again, so deep hostile pages never reach the parser's
 * quadratic stack handling while ordinary pages are tokenised once.
 */
import { Parser } from 'htmlparser2';
import { boundedMemo } from '../bounded-memo.js';
import type { FieldFacts } from './forms.js';
import { MAX_FIELDS, MAX_LINKS, MAX_RESOURCES, TextAcc, type FormState, type LinkRecord, type RawResource, type ScriptRecord } from './page-parts.js';
import type { NotLoadedReason, PageRegion, ResourceKind } from './types.js';
import { collapse } from './url.js';

const MAX_ACC = 1000;
const MAX_SCRIPTS = 500;
const MAX_COMMENTS = 500;
const MAX_COMMENT_SCAN = 100_000;
const MAX_META_COOKIES = 50;
/** Fields remembered for label and form= resolution (a page cannot make these lists grow without bound). */
const MAX_TRACKED_FIELDS = 5000;

const EXECUTABLE_TYPE = /^(?:|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript|text\/jscript|application\/x-javascript|text\/x-javascript|text\/livescript|javascript)$/;
const HINT_RELS = new Set(['dns-prefetch', 'preconnect', 'prefetch', 'prerender']);
const LOAD_RELS = new Set(['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'preload', 'modulepreload', 'manifest']);
const SEMANTIC_REGION: Record<string, PageRegion> = { footer: 'footer', nav: 'nav', header: 'header', main: 'main', aside: 'aside' };
const ROLE_REGION: Record<string, PageRegion> = { contentinfo: 'footer', navigation: 'nav', banner: 'header', main: 'main', complementary: 'aside' };
/** Elements whose content is not walked as markup: raw text, or (select) options that are not personal input. */
const OPAQUE = new Set(['script', 'style', 'textarea', 'select']);
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
/** Region hints by id and class: a site's templates repeat the same few on every page. */
const regionHints = boundedMemo<PageRegion | undefined>(5000);

function regionFromClass(a: Record<string, string>): PageRegion | undefined {
  const { id, class: cls } = a;
  // Most elements carry neither hint: test the attributes as they are before building anything.
  if ((id === undefined || !QUICK_REGION.test(id)) && (cls === undefined || !QUICK_REGION.test(cls))) return undefined;
  const text = `${id ?? ''} ${cls ?? ''}`.slice(0, 500);
  return regionHints(text, () => regionFromHint(text));
}

function regionFromHint(text: string): PageRegion | undefined {
  const tokens = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  if (tokens.some((t) => t.includes('footer'))) return 'footer';
  if (tokens.some((t) => t.startsWith('nav') || t.endsWith('nav') || t === 'menu')) return 'nav';
  return undefined;
}

/** Thrown by a depth-limited walk when the page nests deeper than its limit. */
export class TooDeep extends Error {}

/** Undo record for an element that changed the walk's context; only such elements get one. */
class ExitFrame {
  region?: 'semantic' | 'fallback';
  noscript?: boolean;
  form?: boolean;
  label?: TextAcc;
  link?: TextAcc;
  svg?: boolean;
  title?: boolean;
  script?: { notLoaded?: NotLoadedReason; via: string };
}

/** What one walk of a page collects, before URLs are resolved (page-parts.ts does that). */
export class PageWalk {
  readonly links: LinkRecord[] = [];
  readonly resources: RawResource[] = [];
  readonly scripts: ScriptRecord[] = [];
  readonly comments: string[] = [];
  readonly metaCookies: string[] = [];
  readonly allForms: FormState[] = [];
  readonly formsById = new Map<string, FormState>();
  readonly detached: FieldFacts[] = [];
  readonly labelsFor = new Map<string, TextAcc>();
  readonly fieldsInLabel: Array<{ acc: TextAcc; field: FieldFacts }> = [];
  readonly pendingFormAttr: Array<{ formId: string; field: FieldFacts }> = [];
  baseHref?: string;
  title?: string;
  lang?: string;

  private readonly semantic: PageRegion[] = [];
  private readonly fallback: PageRegion[] = [];
  private readonly accs: TextAcc[] = [];
  private readonly forms: FormState[] = [];
  private readonly labelStack: TextAcc[] = [];
  /** One entry per open element: its undo record, or undefined. */
  private readonly frames: Array<ExitFrame | undefined> = [];
  /** Index in `frames` of the opaque element being skipped, or -1. */
  private opaqueAt = -1;
  private noscriptDepth = 0;
  private svgDepth = 0;
  /** Consecutive text pieces (one DOM text node), held only while some link or label wants text. */
  private pendingText = '';
  private titleText: string | undefined;
  private scriptText: string[] | undefined;

  constructor(private readonly maxDepth = Number.POSITIVE_INFINITY) {}

  /** Walks `html` in one pass; throws TooDeep past `maxDepth` open elements. */
  run(html: string): this {
    const parser = new Parser({
      onopentag: (name, attribs) => this.open(name, attribs),
      onclosetag: () => this.close(),
      ontext: (data) => this.text(data),
      oncomment: (data) => this.comment(data),
    });
    parser.end(html);
    this.flushText();
    return this;
  }

  private region(): PageRegion {
    return this.semantic[this.semantic.length - 1] ?? this.fallback[this.fallback.length - 1] ?? 'other';
  }

  private addResource(raw: string | undefined, kind: ResourceKind, via: string, notLoaded?: NotLoadedReason): void {
    if (!raw || this.resources.length >= MAX_RESOURCES * 2) return;
    this.resources.push({ raw, kind, via, noscript: this.noscriptDepth > 0, ...(notLoaded ? { notLoaded } : {}) });
  }

  /** Adds text to every open link/label accumulator; full ones leave the list (bounds nested-link floods). */
  private feed(text: string): void {
    const accs = this.accs;
    for (let i = accs.length - 1; i >= 0; i--) {
      const acc = accs[i];
      if (!acc) continue;
      acc.add(text);
      if (acc.full) accs.splice(i, 1);
    }
  }

  private removeAcc(acc: TextAcc): void {
    const at = this.accs.lastIndexOf(acc);
    if (at !== -1) this.accs.splice(at, 1);
  }

  private flushText(): void {
    if (this.pendingText === '') return;
    if (this.accs.length > 0) this.feed(this.pendingText);
    this.pendingText = '';
  }

  private text(data: string): void {
    if (this.opaqueAt !== -1) {
      this.scriptText?.push(data);
      return;
    }
    if (this.titleText !== undefined && this.titleText.length < MAX_ACC) this.titleText += data;
    if (this.accs.length > 0) this.pendingText += data;
  }

  private comment(data: string): void {
    this.flushText();
    if (this.opaqueAt !== -1) return;
    if (this.comments.length < MAX_COMMENTS) this.comments.push(data.slice(0, MAX_COMMENT_SCAN));
  }

  private addField(name: string, a: Record<string, string>): void {
    const field: FieldFacts = { tag: name };
    if (a.type !== undefined) field.type = a.type;
    if (a.name !== undefined) field.name = a.name.slice(0, 200);
    if (a.id !== undefined) field.id = a.id.slice(0, 200);
    if (a.autocomplete !== undefined) field.autocomplete = a.autocomplete.slice(0, 200);
    if (a.placeholder !== undefined) field.placeholder = a.placeholder.slice(0, 200);
    if (a['aria-label'] !== undefined) field.ariaLabel = a['aria-label'].slice(0, 200);
    if (a.required !== undefined) field.required = true;
    const label = this.labelStack[this.labelStack.length - 1];
    if (label && this.fieldsInLabel.length < MAX_TRACKED_FIELDS) this.fieldsInLabel.push({ acc: label, field });
    if (a.form !== undefined) {
      if (this.pendingFormAttr.length < MAX_TRACKED_FIELDS) this.pendingFormAttr.push({ formId: a.form, field });
      return;
    }
    const owner = this.forms[this.forms.length - 1];
    if (owner) {
      if (owner.fields.length < MAX_FIELDS) owner.fields.push(field);
    } else if (this.detached.length < MAX_FIELDS) this.detached.push(field);
  }

  private close(): void {
    this.flushText();
    const frame = this.frames.pop();
    if (this.opaqueAt !== -1) {
      if (this.frames.length > this.opaqueAt) return;
      this.opaqueAt = -1;
    }
    if (!frame) return;
    if (frame.region === 'semantic') this.semantic.pop();
    else if (frame.region === 'fallback') this.fallback.pop();
    if (frame.noscript) this.noscriptDepth--;
    if (frame.svg) this.svgDepth--;
    if (frame.form) this.forms.pop();
    if (frame.label) {
      this.labelStack.pop();
      this.removeAcc(frame.label);
    }
    if (frame.link) this.removeAcc(frame.link);
    if (frame.title && this.titleText !== undefined) {
      this.title = collapse(this.titleText.slice(0, MAX_ACC), 300);
      this.titleText = undefined;
    }
    if (frame.script && this.scriptText) {
      if (this.scripts.length < MAX_SCRIPTS) this.scripts.push({ text: this.scriptText.join(''), ...frame.script });
      this.scriptText = undefined;
    }
  }

  private open(name: string, a: Record<string, string>): void {
    this.flushText();
    if (this.opaqueAt !== -1) {
      this.frames.push(undefined);
      return;
    }
    if (this.frames.length >= this.maxDepth) throw new TooDeep();
    let frame: ExitFrame | undefined;
    const semanticRegion = SEMANTIC_REGION[name] ?? (a.role ? ROLE_REGION[a.role.trim().toLowerCase()] : undefined);
    if (semanticRegion) {
      this.semantic.push(semanticRegion);
      (frame ??= new ExitFrame()).region = 'semantic';
    } else {
      const fb = regionFromClass(a);
      if (fb) {
        this.fallback.push(fb);
        (frame ??= new ExitFrame()).region = 'fallback';
      }
    }
    switch (name) {
      case 'html':
        if (this.lang === undefined && a.lang) this.lang = collapse(a.lang, 35);
        break;
      case 'base':
        if (this.baseHref === undefined && a.href) this.baseHref = a.href;
        break;
      case 'title':
        if (this.title === undefined && this.titleText === undefined && this.svgDepth === 0) {
          this.titleText = '';
          (frame ??= new ExitFrame()).title = true;
        }
        break;
      case 'svg':
        this.svgDepth++;
        (frame ??= new ExitFrame()).svg = true;
        break;
      case 'meta':
        if ((a['http-equiv'] ?? '').trim().toLowerCase() === 'set-cookie' && a.content && this.metaCookies.length < MAX_META_COOKIES) this.metaCookies.push(a.content);
        break;
      case 'a':
      case 'area':
        if (a.href !== undefined && this.links.length < MAX_LINKS) {
          const record: LinkRecord = { raw: a.href, attrs: a, region: this.region() };
          if (name === 'a') {
            record.acc = new TextAcc();
            this.accs.push(record.acc);
            (frame ??= new ExitFrame()).link = record.acc;
          } else if (a.alt) record.alt = a.alt;
          this.links.push(record);
        }
        break;
      case 'img':
        if (a.alt && this.accs.length > 0) this.feed(` ${a.alt} `);
        this.addResource(a.src, 'img', this.noscriptDepth > 0 ? 'img[src] in noscript' : 'img[src]');
        break;
      case 'script': {
        const type = (a.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const executes = EXECUTABLE_TYPE.test(type);
        const marker = consentMarker(a);
        const held: NotLoadedReason | undefined = executes ? undefined : marker ? 'consent-held' : 'inert-script-type';
        const src = a.src ?? (marker ? (a['data-src'] ?? a['data-cmp-src']) : undefined);
        if (src !== undefined) {
          this.addResource(src, 'script', held === 'consent-held' ? `script[type="${type}"][${marker}]` : held ? `script[type="${type}"]` : 'script[src]', held);
        } else if (executes || type === 'text/plain' || marker) {
          this.scriptText = [];
          (frame ??= new ExitFrame()).script = { ...(held ? { notLoaded: held } : {}), via: held === 'consent-held' ? `consent-held inline script [${marker}]` : 'inline script' };
        }
        break;
      }
      case 'iframe': {
        const marker = consentMarker(a);
        if (a.src) this.addResource(a.src, 'iframe', this.noscriptDepth > 0 ? 'iframe[src] in noscript' : 'iframe[src]');
        else if (marker && a['data-src']) this.addResource(a['data-src'], 'iframe', `iframe[data-src][${marker}]`, 'consent-held');
        break;
      }
      case 'link': {
        const rels = (a.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        if (rels.some((r) => HINT_RELS.has(r))) this.addResource(a.href, 'link', `link[rel=${rels.join(' ')}]`, 'resource-hint');
        else if (rels.some((r) => LOAD_RELS.has(r))) this.addResource(a.href, 'link', `link[rel=${rels.join(' ')}]`);
        // <link rel="privacy-policy"> (a registered link type) points at the policy from <head>.
        if (rels.includes('privacy-policy') && a.href !== undefined && this.links.length < MAX_LINKS) {
          this.links.push({ raw: a.href, attrs: a, region: 'header' });
        }
        break;
      }
      case 'form': {
        const state: FormState = { method: (a.method ?? 'get').trim().toLowerCase().slice(0, 20) || 'get', search: false, fields: [] };
        if (a.action !== undefined && a.action.trim()) state.action = a.action;
        const id = a.id ?? a.name;
        if (id) {
          state.id = id.slice(0, 200);
          if (a.id && !this.formsById.has(a.id)) this.formsById.set(a.id, state);
        }
        state.search = (a.role ?? '').toLowerCase() === 'search' || /search/i.test(`${a.id ?? ''} ${a.class ?? ''} ${a.name ?? ''} ${a.action ?? ''}`);
        this.forms.push(state);
        if (this.allForms.length < 4 * MAX_LINKS) this.allForms.push(state);
        (frame ??= new ExitFrame()).form = true;
        if (state.action) this.addResource(state.action, 'form', 'form[action]');
        break;
      }
      case 'input':
        if ((a.type ?? '').toLowerCase() === 'image') this.addResource(a.src, 'img', 'input[type=image]');
        this.addField(name, a);
        break;
      case 'select':
      case 'textarea':
        this.addField(name, a);
        break;
      case 'label': {
        const acc = new TextAcc();
        this.accs.push(acc);
        this.labelStack.push(acc);
        (frame ??= new ExitFrame()).label = acc;
        if (a.for && this.labelsFor.size < 1000 && !this.labelsFor.has(a.for)) this.labelsFor.set(a.for, acc);
        break;
      }
      case 'noscript':
        this.noscriptDepth++;
        (frame ??= new ExitFrame()).noscript = true;
        break;
      case 'video':
        this.addResource(a.src, 'other', 'video[src]');
        this.addResource(a.poster, 'img', 'video[poster]');
        break;
      case 'audio':
      case 'source':
      case 'embed':
      case 'track':
        this.addResource(a.src, 'other', `${name}[src]`);
        break;
      case 'object':
        this.addResource(a.data, 'other', 'object[data]');
        break;
      default:
        break;
    }
    this.frames.push(frame);
    if (OPAQUE.has(name)) this.opaqueAt = this.frames.length - 1;
  }
}
