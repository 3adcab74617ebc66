/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) of a policy-lint run: self time grouped by
 * where the code lives (undici, cheerio/htmlparser2, our evidence/policy/rules/report,
 * JSON, GC, node core) and the top self-time functions. Used to decide which speed levers
 * the profile justifies; it reads profiles and prints text, nothing else.
 *
 * `node --import tsx tests/bench/summarise-profile.ts <file.cpuprofile | dir> [--top 25]`
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const PARSER_PACKAGES = ['cheerio', 'cheerio-select', 'htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'css-select', 'css-what', 'nth-check', 'boolbase', 'entities', 'parse5', 'parse5-htmlparser2-tree-adapter'];

/** The bucket a frame's self time is charged to. */
export function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle (waiting on I/O)';
    if (functionName === '(program)') return 'V8/native (program)';
    // Native `parse` / `stringify` are JSON's, except the WHATWG URL binding's `parse`;
    // `summarise` tells them apart by the caller.
    if (functionName === 'stringify' || functionName === 'parse') return 'JSON (native)';
    return 'V8 builtins';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
    return PARSER_PACKAGES.includes(pkg) ? 'cheerio/htmlparser2' : pkg;
  }
  if (url.startsWith('node:internal/deps/undici')) return 'undici (node built-in fetch)';
  if (url.startsWith('node:internal/url')) return 'URL parsing';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/deps/cjs-module-lexer')) return 'module loading';
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/(?:dist\/)?(src\/[a-z-]+|rules)\//.exec(url);
  if (ours) return `ours: ${ours[1]}`;
  return 'other';
}

/** Groups that do work on someone else's behalf: their time is also charged to the caller. */
const SERVICE_GROUPS = new Set(['node core', 'V8 builtins', 'JSON (native)']);

interface Summary {
  totalMs: number;
  groups: Array<{ group: string; ms: number }>;
  /** Like `groups`, but node core / builtin / JSON time charged to the nearest library or module that called it. */
  owners: Array<{ group: string; ms: number }>;
  functions: Array<{ name: string; group: string; ms: number }>;
}

export function summarise(profile: CpuProfile, root: string): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample lasts until the next one; the last one until the profile ends.
  let timestamp = profile.startTime;
  const stamps = deltas.map((d) => (timestamp += d));
  for (let i = 0; i < samples.length; i++) {
    const end = i + 1 < stamps.length ? (stamps[i + 1] as number) : profile.endTime;
    const duration = Math.max(0, end - (stamps[i] ?? end));
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  }
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const groupOfNode = (node: ProfileNode): string => {
    const group = groupOf(node.callFrame);
    if (group !== 'JSON (native)') return group;
    const parent = parentOf.get(node.id);
    const caller = parent === undefined ? undefined : byId.get(parent)?.callFrame.url;
    return caller?.startsWith('node:internal/url') ? 'URL parsing' : group;
  };
  const ownerCache = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id);
    let owner = node ? groupOfNode(node) : 'other';
    if (SERVICE_GROUPS.has(owner)) {
      const parent = parentOf.get(id);
      const above = parent === undefined ? undefined : ownerOf(parent);
      if (above !== undefined && above !== '(root)') owner = above;
    }
    if (node?.callFrame.functionName === '(root)') owner = '(root)';
    ownerCache.set(id, owner);
    return owner;
  };
  const owners = new Map<string, number>();
  const groups = new Map<string, number>();
  const functions = new Map<string, { name: string; group: string; ms: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const group = groupOfNode(node);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const owner = ownerOf(id);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const file = node.callFrame.url ? relative(root, node.callFrame.url.replace(/^file:\/\//, '')) : '';
    const name = `${node.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${node.callFrame.lineNumber + 1}` : ''}`;
    const entry = functions.get(name) ?? { name, group, ms: 0 };
    entry.ms += us / 1000;
    functions.set(name, entry);
  }
  return {
    totalMs: totalUs / 1000,
    groups: [...groups].map(([group, us]) => ({ group, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    owners: [...owners].map(([group, us]) => ({ group, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms),
  };
}

export function formatSummary(summary: Summary, top = 25): string {
  const pct = (ms: number): string => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1).padStart(5)}%`;
  const lines = [`total sampled ${summary.totalMs.toFixed(0)} ms`, 'self time by group:'];
  for (const g of summary.groups) lines.push(`  ${pct(g.ms)} ${g.ms.toFixed(0).padStart(7)} ms  ${g.group}`);
  lines.push('self time charged to the calling library or module (node core, builtins and JSON folded into their caller):');
  for (const g of summary.owners.slice(0, top)) lines.push(`  ${pct(g.ms)} ${g.ms.toFixed(0).padStart(7)} ms  ${g.group}`);
  lines.push(`top ${top} functions by self time:`);
  for (const f of summary.functions.slice(0, top)) lines.push(`  ${pct(f.ms)} ${f.ms.toFixed(0).padStart(7)} ms  [${f.group}] ${f.name}`);
  return lines.join('\n');
}

/** Summarises every profile in `dir` (one per thread), largest first. */
export function summariseProfileDir(dir: string, root: string, top = 25): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (files.length === 0) return `no .cpuprofile in ${dir}`;
  return files
    .map((file) => `== ${file}\n${formatSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, root), top)}`)
    .join('\n\n');
}

function cli(argv: string[]): void {
  const target = argv.find((a) => !a.startsWith('--'));
  const topAt = argv.indexOf('--top');
  const top = topAt === -1 ? 25 : Number(argv[topAt + 1]);
  if (!target) {
    process.stderr.write('usage: summarise-profile.ts <file.cpuprofile | dir> [--top N]\n');
    process.exitCode = 2;
    return;
  }
  const root = process.cwd();
  if (!existsSync(target)) {
    process.stderr.write(`no such profile or directory: ${target}\n`);
    process.exitCode = 2;
    return;
  }
  const text = statSync(target).isDirectory()
    ? summariseProfileDir(target, root, top)
    : formatSummary(summarise(JSON.parse(readFileSync(target, 'utf8')) as CpuProfile, root), top);
  process.stdout.write(`${text}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) cli(process.argv.slice(2));
