/**
 * Escapers for site text on its way into each output format. Everything a crawled site
 * sends (titles, quotes, cookie values, URLs) is hostile until it passes through here:
 * no terminal control sequences, no markup, no workflow commands, only characters the
 * target format can carry. Pure string functions; they must never throw on any input.
 */
/* eslint-disable no-control-regex -- matching control characters is the point here */

// ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... BEL or ST),
// and two-byte escapes (ESC + one char). The 8-bit forms (0x9B CSI, 0x9D OSC, ...) too.
const ESC_CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
const ESC_STRING = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
const ESC_TWO_BYTE = /\u001b[\u0020-\u007e]?/g;
// C0 except tab/LF/CR, DEL, C1.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates reorder what a reader sees (Trojan Source).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NONCHARACTERS = /[\ufffe\uffff]/g;

/** Cap on any single piece of site text shown to a person; evidence can be huge. */
export const MAX_FIELD_CHARS = 2000;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Remove escape sequences, controls, bidi overrides, lone surrogates and noncharacters. */
export function stripControls(text: unknown, options: { keepNewlines?: boolean; max?: number } = {}): string {
  let s = typeof text === 'string' ? text : String(text ?? '');
  s = s.replace(ESC_STRING, '').replace(ESC_CSI, '').replace(ESC_TWO_BYTE, '');
  s = s.replace(LONE_SURROGATE, '\ufffd').replace(NONCHARACTERS, '').replace(BIDI, '');
  if (options.keepNewlines) {
    s = s.replace(/\r\n?/g, '\n').replace(/\t/g, '  ');
  } else {
    s = s.replace(/[\t\r\n]+/g, ' ');
  }
  s = s.replace(CONTROLS, '');
  return truncate(s, options.max ?? MAX_FIELD_CHARS);
}

/** Text for a terminal: one line, printable only. */
export function escapeTerminal(text: unknown, max?: number): string {
  return stripControls(text, { max });
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: unknown, max?: number): string {
  return stripControls(text, { keepNewlines: true, max }).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

// Characters XML 1.0 cannot carry at all, not even as references.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text for XML 1.0 content or attributes. Escaping `>` also defuses `]]>`. C1 controls
 * are legal XML but garble every viewer, so they go with the escape sequences.
 */
export function escapeXml(text: unknown, options: { keepNewlines?: boolean; max?: number } = {}): string {
  const cleaned = stripControls(text, { keepNewlines: options.keepNewlines ?? true, max: options.max });
  return cleaned.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** Newlines inside an attribute would be normalised to spaces by parsers; keep them. */
export function escapeXmlAttribute(text: unknown, max?: number): string {
  return escapeXml(text, { keepNewlines: true, max }).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * Text for Markdown (GitHub flavoured), safe inside a table cell or after a list
 * marker: one line, inline markup backslash-escaped (line-start markers such as `-` or
 * `1.` cannot occur mid-line), `<`, `>`, `&` as entities, `:` escaped against
 * autolinks, `@mentions` and `#123` references broken with a zero-width space so a
 * report cannot ping people or link issues.
 */
export function escapeMarkdown(text: unknown, max?: number): string {
  return stripControls(text, { max })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#|~:]/g, (c) => `\\${c}`)
    .replace(/@(?=[\p{L}\p{N}_-])/gu, '@\u200b')
    .replace(/\\#(?=\d)/g, '\\#\u200b');
}

/** Markdown code span around text that may itself contain backticks. */
export function markdownCode(text: unknown, max?: number): string {
  const s = stripControls(text, { max }).replace(/\|/g, '\\|');
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * GitHub Actions workflow-command message data. The runner acts on `::` lines from
 * stdout, so CR and LF must never survive raw; `%` goes first so escapes stay escapes.
 */
export function escapeWorkflowData(text: unknown, max?: number): string {
  return stripControls(text, { keepNewlines: true, max })
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** Workflow-command property values (file, line, title): also `:` and `,`. */
export function escapeWorkflowProperty(text: unknown, max?: number): string {
  return escapeWorkflowData(text, max).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** POSIX shell single-quoting; the text is cleaned first so a command stays on one line. */
export function shellQuote(text: unknown): string {
  const s = stripControls(text, { max: 4000 });
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Legal inside JSON strings but acted on by terminals and viewers when the file is shown.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

/**
 * JSON.stringify, with DEL, C1 controls, bidi overrides, line separators and
 * noncharacters written as \u escapes: the parsed data is unchanged, but printing the
 * file cannot drive a terminal. (JSON.stringify already escapes C0 and lone surrogates.)
 */
export function safeJsonStringify(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON for a `<script type="application/json">` block: the parser never sees `</script>`,
 * `<!--` or a `&` entity, and U+2028/2029 stay escapes for older script parsers.
 */
export function jsonForScript(value: unknown): string {
  return safeJsonStringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
