// The rule registry stays honest: every rule is registered under its path, documented with
// the fixed headings, and tested; every rule module under rules/<area>/ is registered.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getRules, rules } from '../../rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES_DIR = join(ROOT, 'rules');
const TESTS_DIR = join(ROOT, 'tests', 'rules');
/** Folders under rules/ that hold shared helpers, not rules. */
const NOT_RULE_DIRS = new Set(['util']);

const REQUIRED_HEADINGS = ['## What it checks', '## Why', '## Law or standard', '## Failing example', '## Passing example', '## How to fix', '## Options'];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function ruleModuleIds(): string[] {
  return walk(RULES_DIR)
    .map((p) => relative(RULES_DIR, p).split('\\').join('/'))
    .filter((p) => /^[^/]+\/[^/]+\.ts$/.test(p) && !p.endsWith('.d.ts') && !p.endsWith('.test.ts'))
    .filter((p) => !NOT_RULE_DIRS.has(p.split('/')[0] ?? ''))
    .map((p) => p.replace(/\.ts$/, ''))
    .sort();
}

/** Headings of a markdown doc outside fenced code blocks, in order. */
function headingsOf(markdown: string): string[] {
  let inFence = false;
  const out: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && /^#{1,6} /.test(line)) out.push(line.trim());
  }
  return out;
}

const testFiles = existsSync(TESTS_DIR) ? walk(TESTS_DIR).filter((p) => p.endsWith('.test.ts')) : [];
const testSources = testFiles.map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));

describe('rule registry', () => {
  it('has rules, keyed in sorted order', () => {
    const keys = Object.keys(rules);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...keys].sort());
  });

  it('registers every rule module under rules/<area>/', () => {
    expect(ruleModuleIds()).toEqual(Object.keys(rules).sort());
  });

  for (const rule of getRules()) {
    const id = rule.meta.id;
    describe(id, () => {
      it('is keyed by its id, which equals its path', async () => {
        expect((rules as Record<string, unknown>)[id]).toBe(rule);
        expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
        const file = join(RULES_DIR, `${id}.ts`);
        expect(existsSync(file), `${file} exists`).toBe(true);
        const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
        expect(mod.default).toBe(rule);
        expect(rule.meta.docs).toBe(`rules/${id}.md`);
      });

      it('has a doc beside it with every required heading, in order', () => {
        const doc = join(RULES_DIR, `${id}.md`);
        expect(existsSync(doc), `${doc} exists`).toBe(true);
        const headings = headingsOf(readFileSync(doc, 'utf8'));
        expect(headings[0]).toBe(`# ${id}`);
        const found = headings.filter((h) => REQUIRED_HEADINGS.includes(h));
        expect(found).toEqual(REQUIRED_HEADINGS);
      });

      it('has a test file under tests/rules/ that mentions its id', () => {
        const mentioning = testSources.filter((t) => !t.path.endsWith('registry.test.ts') && t.text.includes(id));
        expect(mentioning.map((t) => relative(ROOT, t.path)), `a test mentions ${id}`).not.toEqual([]);
      });

      it('declares messages and what it requires', () => {
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
        expect(rule.meta.description.length).toBeGreaterThan(10);
        expect(['error', 'warning']).toContain(rule.meta.defaultSeverity);
        expect(typeof rule.meta.requires.policy).toBe('boolean');
      });
    });
  }
});

describe('headingsOf', () => {
  it('ignores headings inside fenced code', () => {
    expect(headingsOf('# a\n```md\n## Why\n```\n## How to fix')).toEqual(['# a', '## How to fix']);
  });
});
