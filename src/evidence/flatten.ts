/**
 * Caps element nesting before htmlparser2 sees a document. htmlparser2 keeps its open-
 * element stack in an array it shifts and unshifts, and searches it on every end tag, so
 * a page nested 100,000 levels deep (or full of unmatched end tags at depth) costs time
 * quadratic in depth. This pre-scan tracks depth the way the parser will and, past a
 * soft cap, drops start and end tags of elements that carry no evidence (div, span, b...)
 * while keeping their text; past a hard cap it drops every non-void container. Void
 * elements (img, link, meta, input...) and raw-text elements (script, style) are always
 * kept. One linear pass; the document is rebuilt only when something is dropped.
 * It must not interpret the page beyond tag boundaries.
 */

/** Depth past which evidence-free containers are dropped (real pages stay far below). */
export const SOFT_DEPTH_CAP = 160;
/** Depth past which every container is dropped. */
export const HARD_DEPTH_CAP = 320;
/** Depth from which end tags matching nothing open are dropped. */
const STRAY_DROP_DEPTH = 64;

const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input',
  'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content htmlparser2 reads as raw text up to the matching end tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Containers whose boundaries matter for evidence (regions, links, forms, noscript). */
const KEEP_DEEP = new Set([
  'a', 'form', 'label', 'noscript', 'iframe', 'object', 'video', 'audio', 'picture', 'select',
  'button', 'footer', 'nav', 'header', 'main', 'aside', 'svg', 'math',
]);
const P_CLOSERS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details',
  'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav',
  'ol', 'pre', 'section', 'table', 'ul',
]);
/** The subset of htmlparser2's "an open tag implies closing" table that bounds sibling runs. */
const IMPLIES_CLOSE: Record<string, ReadonlySet<string>> = {
  li: new Set(['li']),
  option: new Set(['option']),
  optgroup: new Set(['optgroup', 'option']),
  tr: new Set(['tr', 'th', 'td']),
  th: new Set(['th']),
  td: new Set(['thead', 'th', 'td']),
  body: new Set(['head', 'link', 'script']),
  dd: new Set(['dd', 'dt']),
  dt: new Set(['dd', 'dt']),
  tbody: new Set(['thead', 'tbody']),
  tfoot: new Set(['thead', 'tbody']),
};
const P_ONLY: ReadonlySet<string> = new Set(['p']);
/** End tags the parser acts on even with nothing open: p and br create elements; foreign-content names change its state. */
const KEEP_STRAY_END = new Set(['p', 'br', 'svg', 'math', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

export interface FlattenResult {
  html: string;
  /** True when tags were dropped to cap nesting. */
  flattened: boolean;
  maxDepthSeen: number;
}

function isNameChar(code: number): boolean {
  // letters, digits, '-', ':', '_' ; names end at whitespace, '/', '>'
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95;
}

/** Index just past the `>` that ends the tag starting at `from`, honouring quoted values. */
function tagEnd(html: string, from: number): number {
  let i = from;
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62) return i + 1; // >
    if (c === 34 || c === 39) {
      // A quote opens a value only right after '=' (possibly with spaces).
      let j = i - 1;
      while (j > from && (html.charCodeAt(j) === 32 || html.charCodeAt(j) === 9 || html.charCodeAt(j) === 10 || html.charCodeAt(j) === 13)) j--;
      if (html.charCodeAt(j) === 61) {
        const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
        if (close === -1) return n;
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return n;
}

/** Rebuilds `html` so no element nests deeper than the caps. Linear in the input. */
export function capNesting(html: string): FlattenResult {
  const stack: string[] = [];
  // How many of each name are open, so an end tag for nothing open costs O(1), not O(depth).
  const openCount = new Map<string, number>();
  let foreign = 0;
  let rebuilt = false;
  const dropped = new Map<string, number>();
  const pieces: string[] = [];
  let copyFrom = 0;
  let flattened = false;
  let maxDepthSeen = 0;
  const n = html.length;

  const drop = (start: number, end: number): void => {
    if (start > copyFrom) pieces.push(html.slice(copyFrom, start));
    copyFrom = end;
    rebuilt = true;
  };
  const popTo = (index: number): void => {
    while (stack.length > index) {
      const name = stack.pop() ?? '';
      openCount.set(name, (openCount.get(name) ?? 1) - 1);
      if (name === 'svg' || name === 'math') foreign--;
    }
  };

  let i = html.indexOf('<');
  while (i !== -1 && i < n - 1) {
    const next = html.charCodeAt(i + 1);
    if (next === 33) {
      // <!-- comment --> or <!DOCTYPE ...>
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 4);
        i = close === -1 ? -1 : html.indexOf('<', close + 3);
      } else {
        const close = html.indexOf('>', i + 2);
        i = close === -1 ? -1 : html.indexOf('<', close + 1);
      }
      continue;
    }
    if (next === 63) {
      const close = html.indexOf('>', i + 2);
      i = close === -1 ? -1 : html.indexOf('<', close + 1);
      continue;
    }
    const isEnd = next === 47;
    const nameStart = isEnd ? i + 2 : i + 1;
    let j = nameStart;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const name = html.slice(nameStart, j).toLowerCase();
    const end = tagEnd(html, j);

    if (isEnd) {
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        drop(i, end);
        flattened = true;
      } else if ((openCount.get(name) ?? 0) > 0) {
        popTo(stack.lastIndexOf(name));
      } else if (stack.length >= STRAY_DROP_DEPTH && !KEEP_STRAY_END.has(name)) {
        // The parser ignores an end tag with nothing open, after searching its whole
        // stack: deep in a document, drop it here so a flood of them costs nothing there.
        // Shallow ones pass through, in case this scan and the parser disagree.
        drop(i, end);
      }
      i = html.indexOf('<', end);
      continue;
    }

    const selfClosing = foreign > 0 && html.charCodeAt(end - 2) === 47;
    if (RAW_TEXT.has(name)) {
      // Raw text runs to the matching end tag; its content is not markup.
      const closeAt = indexOfCaseless(html, `</${name}`, end);
      const after = closeAt === -1 ? n : tagEnd(html, closeAt + 2 + name.length);
      i = closeAt === -1 ? -1 : html.indexOf('<', after);
      continue;
    }
    if (VOID.has(name) || selfClosing) {
      i = html.indexOf('<', end);
      continue;
    }
    const implied = P_CLOSERS.has(name) ? P_ONLY : IMPLIES_CLOSE[name];
    if (implied) {
      while (stack.length > 0 && implied.has(stack[stack.length - 1] ?? '')) popTo(stack.length - 1);
    }
    const depth = stack.length;
    if (depth >= HARD_DEPTH_CAP || (depth >= SOFT_DEPTH_CAP && !KEEP_DEEP.has(name))) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      drop(i, end);
      flattened = true;
    } else {
      stack.push(name);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
      if (name === 'svg' || name === 'math') foreign++;
      if (stack.length > maxDepthSeen) maxDepthSeen = stack.length;
    }
    i = html.indexOf('<', end);
  }
  if (!rebuilt) return { html, flattened, maxDepthSeen };
  pieces.push(html.slice(copyFrom));
  return { html: pieces.join(''), flattened, maxDepthSeen };
}

/** Case-insensitive indexOf for a short ASCII needle, without lower-casing the haystack. */
function indexOfCaseless(haystack: string, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  const len = needle.length;
  let i = haystack.indexOf(String.fromCharCode(first), from);
  while (i !== -1) {
    let k = 1;
    for (; k < len; k++) {
      if ((haystack.charCodeAt(i + k) | 0x20) !== (needle.charCodeAt(k) | 0x20)) break;
    }
    if (k === len) return i;
    i = haystack.indexOf(String.fromCharCode(first), i + 1);
  }
  return -1;
}
