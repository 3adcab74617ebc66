/**
 * The second half of page extraction: turning what the page walk collected (raw hrefs,
 * field attributes, inline script text, comments) into final evidence: URLs resolved
 * against the base, resources de-duplicated, inline tracker snippets found and checked
 * for DNT/GPC gating, form fields classified. Pure functions over plain data; no parsing.
 */
import { scriptCookieWrites } from './cookies.js';
import { classifyField, type FieldFacts } from './forms.js';
import { detectScriptTrackers, type ScriptDetection } from './inline-script.js';
import { analyseScriptSignals } from './script-gating.js';
import { isTrackerHost } from './third-party.js';
import type {
  CookieEvidence, FormEvidence, FormFieldEvidence, InlineScriptSignals, LinkEvidence, NotLoadedReason, PageRegion, ResourceEvidence, ResourceKind,
} from './types.js';
import { collapse, hostOf, resolveHttpUrl } from './url.js';

export const MAX_LINKS = 5000;
export const MAX_RESOURCES = 2000;
export const MAX_FORMS = 100;
export const MAX_FIELDS = 200;
export const MAX_TEXT = 200;
const MAX_ACC = 1000;
const MAX_SCRIPT_COOKIES = 100;

/** Bounded text accumulator for link and label text. */
export class TextAcc {
  parts: string[] = [];
  length = 0;
  add(text: string): void {
    if (this.length >= MAX_ACC) return;
    const piece = text.length > MAX_ACC - this.length ? text.slice(0, MAX_ACC - this.length) : text;
    this.parts.push(piece);
    this.length += piece.length;
  }
  get full(): boolean {
    return this.length >= MAX_ACC;
  }
  value(max = MAX_TEXT): string {
    return collapse(this.parts.join(' '), max);
  }
}

export interface RawResource {
  raw: string;
  kind: ResourceKind;
  via: string;
  noscript: boolean;
  notLoaded?: NotLoadedReason;
}

export interface LinkRecord {
  raw: string;
  acc?: TextAcc;
  alt?: string;
  attrs: Record<string, string>;
  region: PageRegion;
}

export interface ScriptRecord {
  text: string;
  notLoaded?: NotLoadedReason;
  via: string;
}

export interface FormState {
  action?: string;
  method: string;
  id?: string;
  search: boolean;
  fields: FieldFacts[];
}

export function buildLinks(records: readonly LinkRecord[], base: string): LinkEvidence[] {
  const out: LinkEvidence[] = [];
  for (const r of records) {
    const href = resolveHttpUrl(r.raw, base);
    if (!href) continue;
    const link: LinkEvidence = { href, text: r.acc ? r.acc.value() : collapse(r.alt ?? '', MAX_TEXT), region: r.region };
    if (r.attrs.title) link.title = collapse(r.attrs.title, MAX_TEXT);
    if (r.attrs['aria-label']) link.ariaLabel = collapse(r.attrs['aria-label'], MAX_TEXT);
    if (r.attrs.rel) link.rel = collapse(r.attrs.rel, 100);
    out.push(link);
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}

const COMMENT_TAG = /<\s*(script|img|iframe|link|embed|source|video|audio)\b[^>]{0,500}?\s(?:src|href|data)\s*=\s*["']?([^"'\s>]{1,2048})/gi;
const KIND_BY_TAG: Record<string, ResourceKind> = { script: 'script', img: 'img', iframe: 'iframe', link: 'link' };

/** Tags and snippets inside HTML comments: referenced, never loaded. */
function commentResources(comments: readonly string[], base: string): { raw: RawResource[]; snippets: ResourceEvidence[] } {
  const raw: RawResource[] = [];
  const snippets: ResourceEvidence[] = [];
  for (const text of comments) {
    for (const m of text.matchAll(COMMENT_TAG)) {
      if (raw.length >= MAX_RESOURCES) break;
      const tag = (m[1] ?? '').toLowerCase();
      raw.push({ raw: m[2] ?? '', kind: KIND_BY_TAG[tag] ?? 'other', via: `<${tag}> in HTML comment`, noscript: false, notLoaded: 'html-comment' });
    }
    if (/<script\b/i.test(text)) {
      for (const d of detectScriptTrackers(text, base, isTrackerHost)) {
        snippets.push(snippetResource(d, 'html-comment', `${d.via} in HTML comment`));
      }
    }
  }
  return { raw, snippets };
}

function snippetResource(d: ScriptDetection, notLoaded: NotLoadedReason | undefined, via = d.via): ResourceEvidence {
  const r: ResourceEvidence = { url: d.url, kind: 'inline-script', via };
  if (notLoaded) r.notLoaded = notLoaded;
  if (d.vendor) r.vendor = d.vendor;
  if (d.tagId) r.tagId = d.tagId;
  if (d.cookieless) r.cookieless = true;
  return r;
}

/** URL literals whose host a named snippet already covers add nothing: drop them. */
function pruneDetections(detections: ScriptDetection[]): ScriptDetection[] {
  const named = new Set(detections.filter((d) => d.vendor).map((d) => hostOf(d.url)));
  return detections.filter((d) => d.vendor || !named.has(hostOf(d.url)));
}

export interface ScriptEvidence {
  resources: ResourceEvidence[];
  cookies: CookieEvidence[];
  signals: InlineScriptSignals;
  extraRaw: RawResource[];
}

/** Inline scripts and comments -> snippet resources, cookie writes, signals. */
export function scriptEvidence(
  scripts: readonly ScriptRecord[],
  comments: readonly string[],
  base: string,
  reference: number,
): ScriptEvidence {
  const cookies: CookieEvidence[] = [];
  const running = scripts.filter((s) => !s.notLoaded);
  const analysed = running.map((s) => ({ text: s.text, detections: pruneDetections(detectScriptTrackers(s.text, base, isTrackerHost)) }));
  const gating = analyseScriptSignals(analysed);
  const resources: ResourceEvidence[] = [];
  analysed.forEach((script, i) => {
    script.detections.forEach((d, j) => {
      const r = snippetResource(d, undefined);
      const on = gating.gated[i]?.[j] ?? [];
      if (on.length) r.gatedOn = [...on];
      resources.push(r);
    });
    for (const cookie of scriptCookieWrites(script.text, reference)) {
      if (cookies.length < MAX_SCRIPT_COOKIES) cookies.push(cookie);
    }
  });
  for (const held of scripts.filter((s) => s.notLoaded)) {
    for (const d of pruneDetections(detectScriptTrackers(held.text, base, isTrackerHost))) {
      resources.push(snippetResource(d, held.notLoaded, `${d.via} (${held.via})`));
    }
  }
  const fromComments = commentResources(comments, base);
  resources.push(...fromComments.snippets);
  return { resources, cookies, signals: gating.signals, extraRaw: fromComments.raw };
}

/** Resolves raw references, merges them with snippet resources, de-duplicates, bounds. */
export function buildResources(raw: readonly RawResource[], snippets: readonly ResourceEvidence[], base: string): ResourceEvidence[] {
  const byKey = new Map<string, ResourceEvidence>();
  const out: ResourceEvidence[] = [];
  const add = (r: ResourceEvidence): void => {
    const key = `${r.url}\u0001${r.notLoaded ?? ''}`;
    const prior = byKey.get(key);
    if (prior) {
      // Loaded unconditionally anywhere means not gated; in <noscript> only if always there.
      if (prior.gatedOn) {
        const both = prior.gatedOn.filter((s) => r.gatedOn?.includes(s));
        if (both.length) prior.gatedOn = both;
        else delete prior.gatedOn;
      }
      if (prior.noscript && !r.noscript) delete prior.noscript;
      if (!prior.vendor && r.vendor) prior.vendor = r.vendor;
      if (!prior.tagId && r.tagId) prior.tagId = r.tagId;
      if (r.cookieless) prior.cookieless = true;
      return;
    }
    if (out.length >= MAX_RESOURCES) return;
    byKey.set(key, r);
    out.push(r);
  };
  for (const r of raw) {
    const url = resolveHttpUrl(r.raw, base);
    if (!url) continue;
    const res: ResourceEvidence = { url, kind: r.kind, via: r.via };
    if (r.noscript) res.noscript = true;
    if (r.notLoaded) res.notLoaded = r.notLoaded;
    add(res);
  }
  for (const s of snippets) add({ ...s });
  return out;
}

export interface FieldIndex {
  detached: readonly FieldFacts[];
  formsById: ReadonlyMap<string, FormState>;
  labelsFor: ReadonlyMap<string, TextAcc>;
  fieldsInLabel: ReadonlyArray<{ acc: TextAcc; field: FieldFacts }>;
  pendingFormAttr: ReadonlyArray<{ formId: string; field: FieldFacts }>;
}

function personalFields(fields: readonly FieldFacts[], search: boolean): FormFieldEvidence[] {
  const out: FormFieldEvidence[] = [];
  for (const f of fields) {
    const cls = classifyField({ ...f, inSearch: search });
    if (!cls) continue;
    const field: FormFieldEvidence = { dataType: cls.dataType };
    if (f.name) field.name = f.name;
    if (f.type) field.type = f.type.toLowerCase();
    if (f.label) field.label = f.label;
    if (cls.autocomplete) field.autocomplete = cls.autocomplete;
    if (f.required) field.required = true;
    out.push(field);
  }
  return out;
}

/** Forms (and script-submitted field groups) that collect personal data. */
export function buildForms(forms: readonly FormState[], index: FieldIndex, base: string, pageUrl: string): FormEvidence[] {
  // Labels: a wrapping <label> first, then <label for=id>.
  for (const { acc, field } of index.fieldsInLabel) if (!field.label) field.label = acc.value(MAX_TEXT);
  for (const form of [...forms, { fields: index.detached } as FormState]) {
    for (const field of form.fields) {
      if (!field.label && field.id) {
        const acc = index.labelsFor.get(field.id);
        if (acc) field.label = acc.value(MAX_TEXT);
      }
    }
  }
  const detached = [...index.detached];
  for (const { formId, field } of index.pendingFormAttr) {
    const owner = index.formsById.get(formId);
    if (!field.label && field.id) {
      const acc = index.labelsFor.get(field.id);
      if (acc) field.label = acc.value(MAX_TEXT);
    }
    if (owner && owner.fields.length < MAX_FIELDS) owner.fields.push(field);
    else if (!owner) detached.push(field);
  }
  const out: FormEvidence[] = [];
  for (const form of forms) {
    if (out.length >= MAX_FORMS) break;
    const fields = personalFields(form.fields, form.search);
    if (fields.length === 0) continue;
    const action = (form.action !== undefined ? resolveHttpUrl(form.action, base) : null) ?? pageUrl;
    const evidence: FormEvidence = { action, method: form.method, fields };
    if (form.id) evidence.id = form.id;
    out.push(evidence);
  }
  const loose = personalFields(detached, false);
  if (loose.length > 0 && out.length < MAX_FORMS) out.push({ action: pageUrl, method: 'none', fields: loose, detached: true });
  return out;
}
