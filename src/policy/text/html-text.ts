/**
 * HTML policy pages to blocks: the main text only, one block per line, headings kept so
 * every sentence knows its section. Parses with htmlparser2 (cheerio/slim) and never runs
 * or fetches anything; navigation, header, footer, scripts and cookie banners are dropped.
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { cleanText, collapseSpace, MAX_BLOCK_CHARS, MAX_BLOCKS, type TextBlock } from './blocks.js';

const DROP = [
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'head',
  'nav', 'header', 'footer', 'button', 'select', 'input', 'textarea', 'dialog',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=dialog]', '[role=alertdialog]',
  '[hidden]', '[aria-hidden=true]',
  '#CybotCookiebotDialog', '#onetrust-consent-sdk', '#onetrust-banner-sdk', '#cookie-law-info-bar',
  '.cc-window', '.cc-banner', '.cky-consent-container', '#cmplz-cookiebanner-container', '.cmplz-cookiebanner',
  '#usercentrics-root', '.qc-cmp2-container', '#truste-consent-track', '.osano-cm-window',
  '[id*=cookie-banner i]', '[class*=cookie-banner i]', '[id*=cookie-consent i]', '[class*=cookie-consent i]',
  '[id*=cookie-notice i]', '[class*=cookie-notice i]', '[id*=cookiebanner i]', '[class*=cookiebanner i]',
  '[id*=consent-banner i]', '[class*=consent-banner i]', '[id*=gdpr-banner i]', '[class*=gdpr-banner i]',
  '[class*=skip-link i]', '[class*=breadcrumb i]', '[class*=sidebar i]', '[class*=site-footer i]', '[class*=site-header i]',
].join(',');

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tfoot', 'tr', 'blockquote', 'pre', 'address', 'figure', 'figcaption', 'details', 'summary', 'form',
  'fieldset', 'body', 'html', 'center', 'hr',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CELL_TAGS = new Set(['td', 'th']);

interface Walker {
  blocks: TextBlock[];
  current: string;
  listItem: boolean;
  chars: number;
}

function flush(w: Walker, heading = false): void {
  const text = collapseSpace(w.current).slice(0, MAX_BLOCK_CHARS);
  w.current = '';
  const listItem = w.listItem;
  w.listItem = false;
  if (!text || w.blocks.length >= MAX_BLOCKS) return;
  w.blocks.push({ text, line: w.blocks.length + 1, heading, ...(listItem ? { listItem } : {}) });
}

/** Depth-first walk without recursion limits: the stack is explicit, so deep nesting cannot overflow. */
function walk(root: AnyNode, w: Walker): void {
  type Frame = { node: AnyNode; exit?: () => void };
  const stack: Frame[] = [{ node: root }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.exit) {
      frame.exit();
      continue;
    }
    const node = frame.node;
    if (node.type === 'text') {
      if (w.chars < 2_000_000) {
        const data = (node as unknown as { data: string }).data;
        w.current += data;
        w.chars += data.length;
      }
      continue;
    }
    if (node.type !== 'tag') continue;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    const children = el.children ?? [];
    const pushChildren = (): void => {
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as AnyNode });
    };
    if (tag === 'br') {
      flush(w);
      continue;
    }
    if (HEADING_TAGS.has(tag) || el.attribs?.role === 'heading') {
      flush(w);
      stack.push({ node, exit: () => flush(w, true) });
      pushChildren();
      continue;
    }
    if (CELL_TAGS.has(tag)) {
      stack.push({ node, exit: () => { w.current += ' | '; } });
      pushChildren();
      continue;
    }
    if (tag === 'tr') {
      flush(w);
      stack.push({
        node,
        exit: () => {
          w.current = w.current.replace(/\s*\|\s*$/, '');
          w.listItem = true;
          flush(w);
        },
      });
      pushChildren();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush(w);
      stack.push({
        node,
        exit: () => {
          if (tag === 'li' || tag === 'dt' || tag === 'dd') w.listItem = true;
          flush(w);
        },
      });
      pushChildren();
      continue;
    }
    pushChildren();
  }
}

export interface HtmlText {
  blocks: TextBlock[];
  /** Page looks like a JavaScript app shell: little text, a mount point or scripts. */
  appShell: boolean;
  lang?: string;
  title?: string;
}

/** Nesting deeper than this is hostile or broken; the DOM path would be quadratic on it. */
const MAX_DEPTH = 400;
const CONTAINER_TAG = /<(\/?)(div|section|article|main|span|p|ul|ol|li|table|tr|td|blockquote|b|i|em|strong|font|a)\b[^>]*?(\/?)>/gi;

function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const match of html.matchAll(CONTAINER_TAG)) {
    if (match[3]) continue;
    depth += match[1] ? -1 : 1;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return max;
  }
  return max;
}

/** Fallback for pathological markup: tags stripped with regular expressions, blocks at block tags. */
function flatBlocks(html: string): TextBlock[] {
  const text = html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(?:p|div|li|tr|h[1-6]|br|section|article|ul|ol|table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&rsquo;/g, (m) => (m === '&#39;' ? "'" : '’'));
  const blocks: TextBlock[] = [];
  for (const line of text.split('\n')) {
    const clean = collapseSpace(cleanText(line)).slice(0, MAX_BLOCK_CHARS);
    if (clean) blocks.push({ text: clean, line: blocks.length + 1, heading: false });
    if (blocks.length >= MAX_BLOCKS) break;
  }
  return blocks;
}

export function htmlToBlocks(html: string): HtmlText {
  if (nestingDepth(html) > MAX_DEPTH) return { blocks: flatBlocks(html), appShell: false };
  const $ = load(html);
  const lang = $('html').attr('lang')?.trim() || undefined;
  const title = collapseSpace($('title').first().text()) || undefined;
  const scriptCount = $('script').length;
  const mount = $('#root, #app, #__next, #__nuxt, [data-reactroot], app-root').length > 0;
  const noscriptText = collapseSpace($('noscript').text());
  $(DROP).remove();
  const mains = $('main, [role=main], article');
  let root = $('body').get(0) ?? $.root().get(0);
  for (const candidate of mains.toArray()) {
    if (collapseSpace($(candidate).text()).length >= 200) {
      root = candidate;
      break;
    }
  }
  const walker: Walker = { blocks: [], current: '', listItem: false, chars: 0 };
  if (root) walk(root as AnyNode, walker);
  flush(walker);
  const blocks = walker.blocks.map((b) => ({ ...b, text: cleanText(b.text) })).filter((b) => b.text.length > 0);
  const textLength = blocks.reduce((n, b) => n + b.text.length, 0);
  const appShell = textLength < 200 && (mount || /javascript/i.test(noscriptText) || (scriptCount > 0 && textLength < 40));
  return { blocks: blocks.map((b, i) => ({ ...b, line: i + 1 })), appShell, ...(lang ? { lang } : {}), ...(title ? { title } : {}) };
}
