/**
 * Peak-RSS measurement (a script, not a test): serves one or more hostile behaviours from
 * servers.ts and runs the built CLI against each as the judge does, under /usr/bin/time,
 * printing peak RSS and exit code. Extra CLI flags after `--` are passed through.
 * Run: npx tsx tests/hostile/measure-rss.ts html-5mb@start links-100k@start [-- --no-signals]
 * POLICY_LINT_BIN=<path> measures another build (a private one while others rebuild dist/).
 */
import { behaviours } from './servers.js';
import { runJudged } from './run.js';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const ids = split < 0 ? argv : argv.slice(0, split);
const extra = split < 0 ? [] : argv.slice(split + 1);
const JUDGE_ARGS = ['-f', 'json', '--max-pages', '50', '--timeout', '3000'];

for (const id of ids) {
  const behaviour = behaviours.find((b) => b.id === id);
  if (!behaviour) {
    console.log(`${id}: unknown behaviour`);
    continue;
  }
  const site = await behaviour.start();
  try {
    const run = await runJudged([site.url, ...JUDGE_ARGS, ...extra], { hangMs: 60_000, ...(process.env.POLICY_LINT_BIN ? { bin: process.env.POLICY_LINT_BIN } : {}) });
    const first = run.stderr.trim().split('\n')[0]?.slice(0, 120) ?? '';
    console.log(`${id}\texit ${run.code}\t${(run.ms / 1000).toFixed(1)} s\t${run.peakRssMb} MB\t${first}`);
  } finally {
    await site.close();
  }
}
