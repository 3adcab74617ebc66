/**
 * End-to-end workflows through the built CLI against the bundled sites on 127.0.0.1:
 * the no-URL demo, determinism, output files, saved evidence, baselines, gating, shards.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSite, type StartedSite } from '../helpers/serve-fixture.js';

interface Report {
  schemaVersion: number;
  target: string;
  policy: { url: string | null; claims: Array<{ topic: string; stance: string; quote: string }> };
  crawl: { pages: number; durationMs: number };
  findings: Array<{ ruleId: string; severity: string; url: string; message: string; fingerprint: string; baselined?: boolean; claim?: { quote: string }; relatedClaims?: Array<{ quote: string }>; evidence: Record<string, unknown> }>;
  summary: { errors: number; warnings: number };
}

function parse(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

function withoutTiming(report: Report): Report {
  return { ...report, crawl: { ...report.crawl, durationMs: 0 } };
}

let demo: StartedSite;
let clean: StartedSite;
let work: string;

beforeAll(async () => {
  demo = await startSite('allsmart-demo');
  clean = await startSite('clean-site');
  work = await mkdtemp(join(tmpdir(), 'policy-lint-e2e-'));
});

afterAll(async () => {
  await demo?.close();
  await clean?.close();
});

describe('the default demo', () => {
  it('lints the bundled seed site with no URL and shows both contradictions and the cookies', async () => {
    const result = await runCli(['-f', 'json']);
    expect(result.code).toBe(1);
    const report = parse(result.stdout);
    expect(new URL(report.target).hostname).toBe('127.0.0.1');
    const ids = new Set(report.findings.map((f) => f.ruleId));
    expect(ids).toContain('policy/self-contradiction');
    expect(ids).toContain('cookies/undisclosed-cookies');
    const contradictions = report.findings.filter((f) => f.ruleId === 'policy/self-contradiction');
    const quotes = contradictions.map((f) => [f.claim?.quote, ...(f.relatedClaims ?? []).map((c) => c.quote)].join(' | '));
    expect(quotes.some((q) => /We do not collect information from visitors/.test(q) && /We collect your email address/.test(q))).toBe(true);
    expect(quotes.some((q) => /we do not collect cookies/i.test(q) && /We may use cookies for tracking purposes/.test(q))).toBe(true);
    const cookieFinding = report.findings.find((f) => f.ruleId === 'cookies/undisclosed-cookies' && f.severity === 'error');
    expect(cookieFinding?.claim?.quote).toMatch(/we do not collect cookies/i);
  });

  it('prints a readable stylish report by default', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/policy\/self-contradiction/);
    expect(result.stdout).toMatch(/problems? \(\d+ errors?, \d+ warnings?\)/);
    expect(result.stdout.includes(String.fromCharCode(27))).toBe(false);
  });

  it('lists the bundled demo sites', async () => {
    const result = await runCli(['--demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^allsmart-demo\s/m);
    expect(result.stdout).toMatch(/^clean-site\s/m);
  });
});

describe('a site that keeps its policy', () => {
  it('has no findings and exits 0', async () => {
    const result = await runCli([clean.url, '-f', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = parse(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.policy.url).toMatch(/privacy/);
  });
});

describe('determinism and outputs', () => {
  it('gives the same report twice for the same site', async () => {
    const a = await runCli([demo.url, '-f', 'json']);
    const b = await runCli([demo.url, '-f', 'json']);
    expect(withoutTiming(parse(a.stdout))).toEqual(withoutTiming(parse(b.stdout)));
  });

  it('writes to -o and extra --report files, leaving stdout empty', async () => {
    const out = join(work, 'report.json');
    const sarif = join(work, 'nested', 'results.sarif');
    const result = await runCli([demo.url, '-f', 'json', '-o', out, '--report', `sarif=${sarif}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(parse(await readFile(out, 'utf8')).findings.length).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(sarif, 'utf8')).version).toBe('2.1.0');
  });

  it('--fail-on none exits 0 and --rule off removes a rule', async () => {
    const none = await runCli([demo.url, '-f', 'json', '--fail-on', 'none']);
    expect(none.code).toBe(0);
    const off = await runCli([demo.url, '-f', 'json', '--rule', 'policy/self-contradiction=off']);
    expect(parse(off.stdout).findings.some((f) => f.ruleId === 'policy/self-contradiction')).toBe(false);
  });

  it('reads the URL and rule levels from a config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-cfg-'));
    const rules = Object.fromEntries(
      ['caloppa/policy-disclosures', 'caloppa/privacy-link', 'collection/undisclosed-collection', 'cookies/undisclosed-cookies', 'dnt/signal-ignored', 'policy/self-contradiction', 'trackers/undisclosed-third-party'].map((id) => [id, 'warn']),
    );
    await writeFile(join(dir, 'policy-lint.config.json'), JSON.stringify({ url: demo.url, rules }));
    const result = await runCli(['-f', 'json'], { cwd: dir, env: { CI: 'true' } });
    expect(result.code).toBe(0);
    const report = parse(result.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect((await runCli(['-f', 'json', '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);
  });
});

describe('saved evidence and baselines', () => {
  it('replays saved evidence offline with the same findings', async () => {
    const evidence = join(work, 'evidence.json');
    const live = await runCli([demo.url, '-f', 'json', '--save-evidence', evidence]);
    const replay = await runCli(['--evidence', evidence, '-f', 'json']);
    expect(replay.code).toBe(live.code);
    expect(parse(replay.stdout).findings).toEqual(parse(live.stdout).findings);
  });

  it('rejects an evidence file that is not one, with exit 2', async () => {
    const bad = join(work, 'bad-evidence.json');
    await writeFile(bad, JSON.stringify({ kind: 'something-else' }));
    const result = await runCli(['--evidence', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a baseline written by one run keeps the next run green, even on another port', async () => {
    const baseline = join(work, 'baseline.json');
    const first = await runCli([demo.url, '-f', 'json', '--write-baseline', baseline]);
    expect(first.code).toBe(1);
    const other = await startSite('allsmart-demo');
    try {
      const second = await runCli([other.url, '-f', 'json', '--baseline', baseline]);
      expect(second.code).toBe(0);
      const report = parse(second.stdout);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.every((f) => f.baselined === true)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('subcommands', () => {
  it('claims prints what was understood from a local policy file', async () => {
    const result = await runCli(['claims', 'fixtures/policies/allsmart-seed.txt', '-f', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { claims: Array<{ topic: string; stance: string }> };
    expect(doc.claims.some((c) => c.topic === 'cookies' && c.stance === 'denies')).toBe(true);
    expect(doc.claims.some((c) => c.topic === 'collection' && c.stance === 'affirms')).toBe(true);
  });

  it('claims follows a site URL to its policy', async () => {
    const result = await runCli(['claims', demo.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/We may use cookies for tracking purposes/);
  });

  it('rules lists every rule with its doc', async () => {
    const result = await runCli(['rules', '-f', 'json']);
    const rules = JSON.parse(result.stdout) as Array<{ id: string; docs: string }>;
    expect(rules.map((r) => r.id)).toContain('caloppa/privacy-link');
    expect(rules.every((r) => r.docs.endsWith(`${r.id}.md`))).toBe(true);
  });

  it('init writes a starter config that the loader accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-init-'));
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['init'], { cwd: dir })).code).toBe(2);
    const text = await readFile(join(dir, 'policy-lint.config.mjs'), 'utf8');
    expect(text).toMatch(/^\/\/ /);
    // The starter names example.com; point it at the demo to prove it loads and validates.
    await writeFile(join(dir, 'policy-lint.config.mjs'), text.replace('https://example.com/', demo.url));
    const run = await runCli(['-f', 'json'], { cwd: dir, env: { CI: 'true' } });
    expect(run.code).toBe(1);
    expect(parse(run.stdout).target).toBe(demo.url);
  });

  it('merge combines shard reports and de-duplicates findings', async () => {
    const a = join(work, 'shard-a.json');
    const b = join(work, 'shard-b.json');
    await runCli([demo.url, '-f', 'json', '-o', a]);
    await runCli([demo.url, '-f', 'json', '-o', b]);
    const merged = await runCli(['merge', a, b, '-f', 'json']);
    expect(merged.code).toBe(1);
    expect(parse(merged.stdout).findings).toHaveLength(parse(await readFile(a, 'utf8')).findings.length);
  });
});
