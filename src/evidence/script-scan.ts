/**
 * A minimal, linear structure scan of JavaScript source: where strings, comments and
 * regex literals start and end, which bracket closes which, where `if` and named
 * functions are. Enough to find the block an `if` guards without a JS parser. It never
 * evaluates anything and tolerates broken input (unclosed brackets run to the end).
 */

export interface ScriptStructure {
  /** Start offset of a string, comment or regex literal -> offset just past its end. */
  skip: Map<number, number>;
  /** Offset of `(`, `[` or `{` -> offset of its matching closer (absent when unclosed). */
  match: Map<number, number>;
  /** `if` keywords: offset of the keyword and of the `{` block that encloses it (-1 at top). */
  ifs: Array<{ at: number; enclosing: number }>;
  /** `function NAME(` and `NAME = function / (...) =>` definitions with their body braces. */
  functions: Array<{ name: string; bodyStart: number }>;
}

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$]/;

export function scanScript(src: string): ScriptStructure {
  const skip = new Map<number, number>();
  const match = new Map<number, number>();
  const ifs: ScriptStructure['ifs'] = [];
  const functions: ScriptStructure['functions'] = [];
  // Open brackets; a template literal's `${` is pushed as a negative marker.
  const stack: number[] = [];
  const braceStack: number[] = [];
  let last = '';
  let lastWord = '';
  const n = src.length;
  let i = 0;

  const readTemplate = (from: number): number => {
    // from: offset after the opening backtick (or after a closing `}` of `${`).
    let j = from;
    while (j < n) {
      const c = src[j];
      if (c === '\\') j += 2;
      else if (c === '`') return j + 1;
      else if (c === '$' && src[j + 1] === '{') {
        stack.push(-(j + 1) - 1);
        return -(j + 2) - 1;
      } else j++;
    }
    return n;
  };

  while (i < n) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      skip.set(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      skip.set(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      skip.set(i, Math.min(n, j + 1));
      i = j + 1;
      last = 'x';
      continue;
    }
    if (c === '`') {
      const r = readTemplate(i + 1);
      if (r >= 0) {
        skip.set(i, r);
        i = r;
        last = 'x';
      } else {
        skip.set(i, -r - 1);
        i = -r - 1;
        last = '{';
      }
      continue;
    }
    if (c === '/' && (REGEX_AFTER.has(last) || lastWord === 'return' || lastWord === 'typeof')) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      while (j + 1 < n && IDENT_PART.test(src[j + 1] ?? '')) j++;
      skip.set(i, Math.min(n, j + 1));
      i = j + 1;
      last = 'x';
      lastWord = '';
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(src[j] ?? '')) j++;
      const word = src.slice(i, j);
      if (word === 'if') ifs.push({ at: i, enclosing: braceStack[braceStack.length - 1] ?? -1 });
      if (word === 'function') {
        const name = /^\s+([A-Za-z_$][\w$]*)\s*\(/.exec(src.slice(j, j + 120));
        if (name?.[1]) functions.push({ name: name[1], bodyStart: -1 });
      }
      lastWord = word;
      last = 'x';
      i = j;
      continue;
    }
    lastWord = '';
    if (c === '(' || c === '[' || c === '{') {
      stack.push(i);
      if (c === '{') {
        braceStack.push(i);
        const pending = functions[functions.length - 1];
        if (pending && pending.bodyStart === -1) pending.bodyStart = i;
      }
    } else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (open !== undefined && open < 0) {
        // End of a `${...}` interpolation: continue the template literal.
        const r = readTemplate(i + 1);
        if (r >= 0) {
          i = r;
          last = 'x';
        } else {
          i = -r - 1;
          last = '{';
        }
        continue;
      }
      if (open !== undefined) {
        match.set(open, i);
        if (src[open] === '{') braceStack.pop();
      }
    }
    // Arrow and function-expression definitions: NAME = function(...) { / NAME = (...) => {
    if (c === '=' && src[i + 1] !== '=' && src[i + 1] !== '>') {
      const before = /([A-Za-z_$][\w$]*)\s*$/.exec(src.slice(Math.max(0, i - 80), i));
      const after = /^\s*(?:async\s*)?(?:function\b[^(]{0,80}\([^)]{0,200}\)|\([^)]{0,200}\)\s*=>|[A-Za-z_$][\w$]*\s*=>)\s*\{/.exec(src.slice(i + 1, i + 300));
      if (before?.[1] && after) functions.push({ name: before[1], bodyStart: -1 });
    }
    last = c;
    i++;
  }
  return { skip, match, ifs, functions: functions.filter((f) => f.bodyStart >= 0) };
}

/** Skips whitespace and comments from `i`. */
export function skipSpace(src: string, s: ScriptStructure, i: number): number {
  let j = i;
  for (;;) {
    while (j < src.length && /\s/.test(src[j] ?? '')) j++;
    const end = s.skip.get(j);
    if (end !== undefined && src[j] === '/' && (src[j + 1] === '/' || src[j + 1] === '*')) {
      j = end;
      continue;
    }
    return j;
  }
}

/**
 * End of the statement starting at `i`: the first `;`, newline-free run end, or unmatched
 * closer at bracket depth zero, jumping over strings and bracketed groups.
 */
export function statementEnd(src: string, s: ScriptStructure, i: number): number {
  let j = i;
  while (j < src.length) {
    const skipTo = s.skip.get(j);
    if (skipTo !== undefined) {
      j = skipTo;
      continue;
    }
    const c = src[j];
    if (c === '(' || c === '[' || c === '{') {
      const close = s.match.get(j);
      if (close === undefined) return src.length;
      j = close + 1;
      if (c === '{' && src.slice(i, j).trimStart().startsWith('{')) return j;
      continue;
    }
    if (c === ';') return j + 1;
    if (c === ')' || c === ']' || c === '}') return j;
    j++;
  }
  return j;
}
