/**
 * Does page script honour Do Not Track / Global Privacy Control? A tracker whose load sits
 * inside a conditional on the signal (an `if` block or its `else`, code after an early
 * `return` in such an `if`, the right side of `&&` / `||` / `?:`) is gated; so is a loader
 * function that is only ever called from such places, and a `ga-disable-<id>` opt-out set
 * under such a condition. Reading the values alone (fingerprinting does) is not gating.
 * Heuristic and linear; nothing is executed. Variables and functions computed from the
 * signal (`var dnt = navigator.doNotTrack == '1'`) count as the signal.
 */
import type { InlineScriptSignals } from './types.js';
import type { ScriptDetection } from './inline-script.js';
import { scanScript, skipSpace, statementEnd, type ScriptStructure } from './script-scan.js';

export type Signal = 'dnt' | 'gpc';

export interface AnalysedScript {
  text: string;
  detections: ScriptDetection[];
}

const SIGNAL_PATTERNS: Record<Signal, RegExp> = {
  dnt: /\b(?:navigator|window)\s*(?:\.\s*(?:doNotTrack|msDoNotTrack)\b|\[\s*['"](?:doNotTrack|msDoNotTrack)['"]\s*\])|\bmsDoNotTrack\b/,
  gpc: /\bglobalPrivacyControl\b/,
};
/** Scripts larger than this get the read test only, not the structure scan. */
const MAX_ANALYSED_SCRIPT = 1_000_000;
const MAX_ALIASES = 30;
const ASSIGNMENT = /(?:\b(?:var|let|const)\s+|(?:window|self|this)\s*\.\s*|[;,{}(\n]\s*)([A-Za-z_$][\w$]*)\s*=(?![=>])\s*([^;\n]{1,300})/g;
const FUNCTION_DECL = /\bfunction\s+([A-Za-z_$][\w$]*)\s*\([^)]{0,200}\)\s*\{([^}]{0,400})/g;

function escapeRe(s: string): string {
  return s.replace(/[$]/g, '\\$');
}

// Pages of one site repeat the same snippets: compiled patterns are reused, not rebuilt.
const patternCache = new Map<string, RegExp>();
function cachedPattern(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) {
    if (patternCache.size >= 500) patternCache.clear();
    re = new RegExp(source, 'g');
    patternCache.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

function mentionPattern(signal: Signal, aliases: Set<string>): RegExp {
  const base = SIGNAL_PATTERNS[signal].source;
  if (aliases.size === 0) return cachedPattern(base);
  const names = [...aliases].map(escapeRe).join('|');
  return cachedPattern(`${base}|(?<![\\w$.])(?:${names})(?![\\w$])`);
}

/** Names whose value is computed from the signal, found to a fixed point (two rounds). */
function signalAliases(texts: readonly string[], signal: Signal): Set<string> {
  const aliases = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const pattern = mentionPattern(signal, aliases);
    const test = (s: string): boolean => {
      pattern.lastIndex = 0;
      return pattern.test(s);
    };
    for (const text of texts) {
      if (text.length > MAX_ANALYSED_SCRIPT) continue;
      for (const m of text.matchAll(ASSIGNMENT)) {
        if (aliases.size >= MAX_ALIASES) break;
        if (m[1] && !aliases.has(m[1]) && test(m[2] ?? '')) aliases.add(m[1]);
      }
      for (const m of text.matchAll(FUNCTION_DECL)) {
        if (aliases.size >= MAX_ALIASES) break;
        if (m[1] && !aliases.has(m[1]) && test(m[2] ?? '')) aliases.add(m[1]);
      }
    }
  }
  return aliases;
}

type Range = [number, number];

/** Offsets guarded by a condition that mentions the signal. */
function guardedRanges(src: string, s: ScriptStructure, mention: RegExp): Range[] {
  const ranges: Range[] = [];
  const mentions = (a: number, b: number): boolean => {
    mention.lastIndex = 0;
    return mention.test(src.slice(a, b));
  };
  const blockEnd = (start: number): number => {
    const at = skipSpace(src, s, start);
    if (src[at] === '{') return (s.match.get(at) ?? src.length - 1) + 1;
    return statementEnd(src, s, at);
  };
  const conditionRanges = new Set<number>();
  for (const { at, enclosing } of s.ifs) {
    const open = skipSpace(src, s, at + 2);
    if (src[open] !== '(') continue;
    const close = s.match.get(open);
    if (close === undefined || !mentions(open, close)) continue;
    conditionRanges.add(open);
    const bodyStart = skipSpace(src, s, close + 1);
    let end = blockEnd(bodyStart);
    const body = src.slice(bodyStart, end);
    if (/^\{?\s*return\b[^;}]{0,80};?\s*\}?$/.test(body.trim())) {
      // Early exit: everything after it in the enclosing block runs only when the check passed.
      const enclosingEnd = enclosing === -1 ? src.length : (s.match.get(enclosing) ?? src.length);
      ranges.push([end, enclosingEnd]);
      continue;
    }
    // Follow the else chain.
    for (let k = 0; k < 20; k++) {
      const next = skipSpace(src, s, end);
      if (!src.startsWith('else', next) || /[\w$]/.test(src[next + 4] ?? '')) break;
      end = blockEnd(next + 4);
    }
    ranges.push([bodyStart, end]);
  }
  // Expression guards: `signal && load()`, `signal ? a : load()`, `signal || load()`.
  mention.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = mention.exec(src)) !== null && count++ < 500) {
    const from = m.index + m[0].length;
    const end = statementEnd(src, s, from);
    if (/\?|&&|\|\|/.test(src.slice(from, end))) ranges.push([from, end]);
  }
  return ranges;
}

function inRanges(index: number, ranges: readonly Range[]): boolean {
  return ranges.some(([a, b]) => index >= a && index < b);
}

export interface GatingResult {
  signals: InlineScriptSignals;
  /** Per script, per detection: the signals its load is gated on. */
  gated: Array<Array<Signal[]>>;
}

export function analyseScriptSignals(scripts: readonly AnalysedScript[]): GatingResult {
  const texts = scripts.map((s) => s.text);
  const signals: InlineScriptSignals = { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] };
  const gated: Signal[][][] = scripts.map((s) => s.detections.map(() => []));
  const reads: Record<Signal, boolean> = {
    dnt: texts.some((t) => SIGNAL_PATTERNS.dnt.test(t)),
    gpc: texts.some((t) => SIGNAL_PATTERNS.gpc.test(t)),
  };
  signals.readsDnt = reads.dnt;
  signals.readsGpc = reads.gpc;
  const structures = new Map<number, ScriptStructure>();
  const structureOf = (i: number): ScriptStructure => {
    let st = structures.get(i);
    if (!st) {
      st = scanScript(texts[i] ?? '');
      structures.set(i, st);
    }
    return st;
  };

  for (const signal of ['dnt', 'gpc'] as const) {
    if (!reads[signal]) continue;
    const aliases = signalAliases(texts, signal);
    const mention = mentionPattern(signal, aliases);
    const rangesByScript = new Map<number, Range[]>();
    texts.forEach((text, i) => {
      if (text.length > MAX_ANALYSED_SCRIPT) return;
      mention.lastIndex = 0;
      if (!mention.test(text)) return;
      rangesByScript.set(i, guardedRanges(text, structureOf(i), mention));
    });
    if (rangesByScript.size === 0) continue;
    const isGuarded = (script: number, index: number): boolean => inRanges(index, rangesByScript.get(script) ?? []);

    // Loader functions: gated when every call site (outside the definition) is guarded.
    const gatedFunctions: Array<{ script: number; start: number; end: number }> = [];
    texts.forEach((text, i) => {
      if (text.length > MAX_ANALYSED_SCRIPT || scripts[i]?.detections.length === 0) return;
      const st = structureOf(i);
      for (const fn of st.functions) {
        const end = st.match.get(fn.bodyStart) ?? text.length;
        if (!scripts[i]?.detections.some((d) => d.index > fn.bodyStart && d.index < end)) continue;
        const call = cachedPattern(`(?<![\\w$.])${escapeRe(fn.name)}\\s*\\(`);
        let calls = 0;
        let guardedCalls = 0;
        texts.forEach((other, k) => {
          if (other.length > MAX_ANALYSED_SCRIPT) return;
          for (const c of other.matchAll(call)) {
            if (k === i && c.index >= fn.bodyStart - 300 && c.index <= end) continue;
            if (/function\s*$/.test(other.slice(Math.max(0, c.index - 12), c.index))) continue;
            calls++;
            if (isGuarded(k, c.index)) guardedCalls++;
          }
        });
        if (calls > 0 && calls === guardedCalls) gatedFunctions.push({ script: i, start: fn.bodyStart, end });
      }
    });

    // ga-disable-<id> opt-outs set under the condition.
    const disabledIds = new Set<string>();
    for (const [i, ranges] of rangesByScript) {
      const text = texts[i] ?? '';
      for (const m of text.matchAll(/ga-disable-((?:G|UA)-[A-Za-z0-9-]{2,40})/g)) {
        if (inRanges(m.index, ranges)) disabledIds.add(m[1]?.toUpperCase() ?? '');
      }
    }

    const listed = new Set<string>();
    scripts.forEach((script, i) => {
      script.detections.forEach((d, j) => {
        const byCondition = isGuarded(i, d.index);
        const byFunction = gatedFunctions.some((f) => f.script === i && d.index > f.start && d.index < f.end);
        const byOptOut = d.tagId !== undefined && disabledIds.has(d.tagId.toUpperCase());
        if (byCondition || byFunction || byOptOut) {
          gated[i]?.[j]?.push(signal);
          listed.add(d.url);
        }
      });
    });
    const list = [...listed].sort();
    if (signal === 'dnt') signals.dntGated = list;
    else signals.gpcGated = list;
  }
  return { signals, gated };
}
