/**
 * End to end on every bundled fixture site: serve it on 127.0.0.1, run the built CLI as
 * a child process (`node bin/policy-lint.js <url> -f json`), and compare the findings and
 * exit code with the site's expected.json. Needs `npm run build` first; without a build
 * the cases are skipped with a note, never passed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compareFindings,
  fixtureSiteNames,
  formatComparison,
  readExpected,
  withSite,
} from '../helpers/serve-fixture.js';
import type { ActualFinding } from '../helpers/serve-fixture.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const launcher = fileURLToPath(new URL('../../bin/policy-lint.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url)));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI asynchronously: the fixture server lives in this process and must keep answering. */
function runCli(args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.CI;
  return new Promise((resolveRun) => {
    execFile(process.execPath, [launcher, ...args], { cwd: packageRoot, env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolveRun({ code, stdout, stderr });
      });
  });
}

if (!built) {
  console.warn('tests/e2e/fixture-sites.test.ts: dist/src/cli/main.js is missing; run `npm run build` to run these cases.');
}

describe.skipIf(!built)('fixture sites end to end (built CLI)', () => {
  it.each(fixtureSiteNames())('%s matches its expected.json', async (name) => {
    const expected = readExpected(name);
    await withSite(name, async (site) => {
      const run = await runCli([site.url, '-f', 'json']);
      expect(run.stderr, 'stderr must not carry a stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      let report: { findings?: ActualFinding[]; target?: string };
      try {
        report = JSON.parse(run.stdout) as typeof report;
      } catch {
        throw new Error(`${name}: stdout is not JSON (exit ${run.code})\nstdout: ${run.stdout.slice(0, 800)}\nstderr: ${run.stderr.slice(0, 800)}`);
      }
      const findings = report.findings ?? [];
      const comparison = compareFindings(expected.findings, findings);
      const diff = formatComparison(name, comparison, { expected: expected.exitCode, actual: run.code });
      expect(diff, diff).toBe('');
      for (const finding of findings) {
        expect(finding.url.startsWith(site.url), `${finding.ruleId} url ${finding.url} is on the fixture site`).toBe(true);
      }
    });
  });
});
