// SARIF: shape, GitHub anchoring, the 2.1.0 schema shipped with Microsoft's SARIF
// Multitool (through ajv), and the Multitool itself with GitHub's ingestion rules.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, sarif } from '../../src/report/formatters/sarif.js';
import { hostileReport, sampleContext, sampleReport } from './sample-report.js';

const require = createRequire(import.meta.url);
const multitoolDir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const schema = JSON.parse(readFileSync(join(multitoolDir, 'sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const withPolicyFile = sampleContext({
  sarif: { map: { '/contact': 'src/pages/contact.astro', '/legacy/': 'src/legacy/index.md' }, fallbackFile: 'docs/site.md', policyFile: { path: '/repo/content/privacy.md' } },
});
const mapped = sampleContext({ sarif: { map: { '/contact': 'src/pages/contact.astro', '/privacy': 'content/privacy.md' }, fallbackFile: './docs/site.md' } });

function log(report = sampleReport(), ctx = mapped): Sarif.Log {
  return JSON.parse(sarif(report, ctx)) as Sarif.Log;
}

describe('sarif formatter', () => {
  it('describes every registered rule with helpUri and default level, and indexes results into them', () => {
    const run = log().runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['caloppa/privacy-link', 'cookies/undisclosed-cookies', 'dnt/signal-ignored', 'trackers/undisclosed-third-party']);
    expect(rules[1]!.helpUri).toBe('https://docs.example/policy-lint/rules/cookies/undisclosed-cookies.md');
    expect(rules[1]!.defaultConfiguration?.level).toBe('error');
    expect(run.tool.driver.version).toBe('0.1.0');
    for (const r of run.results!) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('carries level, message with quote and pages, fingerprints, baseline state and suppressions', () => {
    const results = log().runs[0]!.results!;
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'error', 'warning']);
    expect(results[0]!.message.text).toContain('Policy (https://allsmart.example/privacy, line 12): "We do not use cookies."');
    expect(results[0]!.message.text).toContain('Pages: https://allsmart.example/, https://allsmart.example/about');
    expect(results[0]!.partialFingerprints).toEqual({ primaryLocationLineHash: 'aaaa0000000000000000000000000001:1', [FINGERPRINT_KEY]: 'aaaa0000000000000000000000000001' });
    expect(results[2]!.baselineState).toBe('unchanged');
    expect(results[3]!.suppressions?.[0]).toMatchObject({ kind: 'external', justification: 'legacy section removed in Q1' });
  });

  it('maps pages to files, then the policy page, then the fallback file at line 1, relative to %SRCROOT%', () => {
    const locs = log().runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!);
    expect(locs.map((l) => [l.artifactLocation!.uri, l.region!.startLine])).toEqual([
      ['content/privacy.md', 1], // cookie finding: page / unmapped, its claim's policy page is mapped
      ['content/privacy.md', 1],
      ['src/pages/contact.astro', 1],
      ['content/privacy.md', 1],
    ]);
    for (const l of locs) expect(l.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
    const noMap = log(sampleReport(), sampleContext()).runs[0]!.results!;
    expect(noMap.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(['README.md', 'README.md', 'README.md', 'README.md']);
  });

  it('anchors claims to their line in a local policy file', () => {
    const locs = log(sampleReport(), withPolicyFile).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!);
    expect(locs.map((l) => [l.artifactLocation!.uri, l.region!.startLine])).toEqual([
      ['content/privacy.md', 12],
      ['content/privacy.md', 40],
      ['content/privacy.md', 30],
      ['content/privacy.md', 30],
    ]);
  });

  it('validates against the SARIF 2.1.0 schema shipped with the Multitool', () => {
    const validate = validator();
    for (const doc of [log(), log(hostileReport(), withPolicyFile), log({ ...sampleReport(), findings: [] }, sampleContext({ rulesMeta: [] }))]) {
      const ok = validate(doc);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema check is real: a broken log fails it', () => {
    const validate = validator();
    const broken = log();
    (broken.runs[0]!.results![0] as unknown as Record<string, unknown>).level = 'fatal';
    expect(validate(broken)).toBe(false);
  });
});

// The Multitool is a .NET single-file binary inside the npm package. npm installs run with
// scripts disabled may leave it without its execute bit; a private executable copy works.
let copied: string | undefined;
function multitoolBinary(cleanup: string[]): string | null {
  if (copied) return copied;
  const shipped = join(multitoolDir, 'Sarif.Multitool');
  if (!existsSync(shipped)) return null;
  try {
    accessSync(shipped, constants.X_OK);
    return shipped;
  } catch {
    const dir = mkdtempSync(join(tmpdir(), 'sarif-multitool-'));
    cleanup.push(dir);
    const copy = join(dir, 'Sarif.Multitool');
    copyFileSync(shipped, copy);
    chmodSync(copy, 0o755);
    return (copied = copy);
  }
}

describe('SARIF Multitool validation (GitHub ingestion rules)', () => {
  const cleanup: string[] = [];
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('reports no errors under --rule-kind "Gh;Sarif"', (ctx) => {
    const binary = multitoolBinary(cleanup);
    if (!binary) {
      ctx.skip('SARIF Multitool binary not found in node_modules');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'policy-lint-sarif-'));
    cleanup.push(dir);
    const input = join(dir, 'report.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarif(hostileReport(), withPolicyFile));
    const run = spawnSync(binary, ['validate', input, '--rule-kind', 'Gh;Sarif', '--output', output], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    if (run.error || !existsSync(output)) {
      ctx.skip(`SARIF Multitool could not run here: ${run.error?.message ?? run.stderr.slice(0, 300)}`);
      return;
    }
    const findings = (JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log).runs[0]!.results ?? [];
    const errors = findings.filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.text ?? JSON.stringify(r.message.arguments)}`);
    expect(errors).toEqual([]);
    const warnings = findings.filter((r) => r.level === 'warning').map((r) => r.ruleId);
    expect(warnings).toEqual([]);
  });

  it('the Multitool check is real: a log without driver rules fails GitHub rule GH1018', (ctx) => {
    const binary = multitoolBinary(cleanup);
    if (!binary) {
      ctx.skip('SARIF Multitool binary not found in node_modules');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'policy-lint-sarif-'));
    cleanup.push(dir);
    const input = join(dir, 'bad.sarif');
    const output = join(dir, 'validation.sarif');
    const bad = log();
    delete bad.runs[0]!.tool.driver.rules;
    for (const r of bad.runs[0]!.results!) delete r.ruleIndex;
    writeFileSync(input, JSON.stringify(bad));
    const run = spawnSync(binary, ['validate', input, '--rule-kind', 'Gh;Sarif', '--output', output], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    if (run.error || !existsSync(output)) {
      ctx.skip(`SARIF Multitool could not run here: ${run.error?.message ?? ''}`);
      return;
    }
    const ids = ((JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log).runs[0]!.results ?? []).map((r) => r.ruleId);
    expect(ids.some((id) => id?.startsWith('GH1018'))).toBe(true);
  });
});
