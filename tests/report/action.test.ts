// The composite action and CI docs: inputs reach scripts only through env (no `${{ }}`
// inside a run block, where an input could inject shell), and every format is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatterNames } from '../../src/report/formatters/index.js';

const action = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
const docs = readFileSync(new URL('../../docs/ci.md', import.meta.url), 'utf8');

/** The bodies of `run: |` blocks: the lines indented deeper than the `run:` key. */
function runBlocks(yaml: string): string[] {
  const lines = yaml.split('\n');
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)run: \|\s*$/.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const body: string[] = [];
    for (i++; i < lines.length && (lines[i]!.trim() === '' || lines[i]!.search(/\S/) > indent); i++) body.push(lines[i]!);
    i--;
    blocks.push(body.join('\n'));
  }
  return blocks;
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action).toMatch(/^runs:\n {2}using: composite$/m);
    for (const input of ['url', 'site-dir', 'args', 'sarif-file', 'upload-sarif', 'fail-on']) expect(action).toMatch(new RegExp(`^ {2}${input}:$`, 'm'));
    expect(action).toContain('uses: github/codeql-action/upload-sarif@v3');
    expect(action).toContain('--serve "$PL_SITE_DIR"');
    expect(action).toContain('--report "sarif=$PL_SARIF"');
  });
  it('never expands an expression inside a shell script', () => {
    const blocks = runBlocks(action);
    expect(blocks.length).toBe(2);
    for (const block of blocks) {
      expect(block.length).toBeGreaterThan(0);
      expect(block).not.toContain('${{');
    }
    expect(runBlocks('x:\n  run: |\n    echo ${{ inputs.url }}\n')[0]).toContain('${{');
  });
});

describe('docs/ci.md', () => {
  it('documents every format, the exit codes, and GitHub, GitLab and Jenkins setups', () => {
    for (const name of formatterNames) expect(docs).toContain(`\`${name}\``);
    expect(docs).toMatch(/\| 2 \| usage, configuration or fatal error/);
    expect(docs).toContain('codequality: gl-code-quality.json');
    expect(docs).toContain("junit 'policy-lint-junit.xml'");
    expect(docs).toContain('github/codeql-action/upload-sarif');
  });
});
