/**
 * Plain text and Markdown policies to blocks. Line numbers are the source file's, so a
 * finding can point at the line a developer will edit. Hard-wrapped paragraphs are joined;
 * headings, list items and table rows stay blocks of their own. No sentence splitting here.
 */
import { cleanText, collapseSpace, looksLikeHeading, MAX_BLOCK_CHARS, MAX_BLOCKS, type TextBlock } from './blocks.js';

const BULLET = /^\s*(?:[•*\-–·▪●◦+]|\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))\s+/;
const TERMINAL = /[.!?:;]["'’”)]*$/;

function pushBlock(blocks: TextBlock[], block: TextBlock): void {
  if (blocks.length >= MAX_BLOCKS) return;
  const text = collapseSpace(block.text).slice(0, MAX_BLOCK_CHARS);
  if (text) blocks.push({ ...block, text });
}

export function textToBlocks(source: string): TextBlock[] {
  const lines = cleanText(source).split(/\r\n|\r|\n/);
  const blocks: TextBlock[] = [];
  let para: TextBlock | null = null;
  let prevBlank = true;
  const flush = (): void => {
    if (para) pushBlock(blocks, para);
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    const lineNo = i + 1;
    if (!line) {
      flush();
      prevBlank = true;
      continue;
    }
    if (BULLET.test(line) && !/^\d{1,3}[.)]\s+[A-Z][^.!?]*$/.test(line)) {
      flush();
      para = { text: line.replace(BULLET, ''), line: lineNo, heading: false, listItem: true };
      prevBlank = false;
      continue;
    }
    const nextBlank = !(lines[i + 1] ?? '').trim();
    if (!para && looksLikeHeading(line) && (prevBlank || nextBlank || /\?$/.test(line))) {
      pushBlock(blocks, { text: line, line: lineNo, heading: true });
      prevBlank = false;
      continue;
    }
    const current: TextBlock | null = para;
    if (current) {
      const prevText: string = current.text;
      const join = !TERMINAL.test(prevText) && (/^[a-z0-9(“"‘'&]/.test(line) || prevText.length >= 60);
      if (join && !current.heading) {
        current.text = `${prevText} ${line}`;
        prevBlank = false;
        continue;
      }
      flush();
    }
    para = { text: line, line: lineNo, heading: false };
    prevBlank = false;
  }
  flush();
  return blocks;
}

const MD_INLINE: Array<[RegExp, string]> = [
  [/!\[[^\]]*\]\([^)]*\)/g, ''],
  [/\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/\[([^\]]*)\]\[[^\]]*\]/g, '$1'],
  [/<[^>]{1,200}>/g, ''],
  [/`([^`]*)`/g, '$1'],
  [/\*\*([^*]+)\*\*/g, '$1'],
  [/__([^_]+)__/g, '$1'],
  [/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2'],
  [/(^|[\s(])_([^_\s][^_]*)_(?=[\s).,;:!?]|$)/g, '$1$2'],
  [/\\([\\`*_{}[\]()#+\-.!])/g, '$1'],
];

function mdInline(text: string): string {
  let out = text;
  for (const [pattern, replacement] of MD_INLINE) out = out.replace(pattern, replacement);
  return out;
}

export function markdownToBlocks(source: string): TextBlock[] {
  const lines = cleanText(source).split(/\r\n|\r|\n/);
  const blocks: TextBlock[] = [];
  let para: TextBlock | null = null;
  let fence = false;
  const flush = (): void => {
    if (para) pushBlock(blocks, para);
    para = null;
  };
  let start = 0;
  if ((lines[0] ?? '').trim() === '---') {
    const end = lines.findIndex((l, idx) => idx > 0 && l.trim() === '---');
    if (end > 0) start = end + 1;
  }
  for (let i = start; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const lineNo = i + 1;
    if (/^(```|~~~)/.test(line)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) continue;
    if (!line) {
      flush();
      continue;
    }
    const atx = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      flush();
      pushBlock(blocks, { text: mdInline(atx[1] ?? ''), line: lineNo, heading: true });
      continue;
    }
    const next = (lines[i + 1] ?? '').trim();
    if (para === null && /^(=+|-+)$/.test(next) && next.length >= 2 && !BULLET.test(line)) {
      pushBlock(blocks, { text: mdInline(line), line: lineNo, heading: true });
      i++;
      continue;
    }
    if (/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(line)) continue;
    if (/^\|.*\|$/.test(line)) {
      flush();
      const cells = line.slice(1, -1).split('|').map((c) => mdInline(c.trim())).filter(Boolean);
      pushBlock(blocks, { text: cells.join(' | '), line: lineNo, heading: false, listItem: true });
      continue;
    }
    const quoted = line.replace(/^>\s?/, '');
    if (BULLET.test(quoted)) {
      flush();
      para = { text: mdInline(quoted.replace(BULLET, '')), line: lineNo, heading: false, listItem: true };
      continue;
    }
    if (/^(\*\s*){3,}$|^(-\s*){3,}$|^(_\s*){3,}$/.test(line)) {
      flush();
      continue;
    }
    const text = mdInline(quoted);
    const current: TextBlock | null = para;
    if (current) current.text = `${current.text} ${text}`;
    else para = { text, line: lineNo, heading: false };
  }
  flush();
  return blocks;
}
