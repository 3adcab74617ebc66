/**
 * `npm run bench`: how close policy-lint runs to the machine's limit, and what it costs.
 * For each site size it serves a generated site from a forked process, then measures
 * (a) the bare limit (undici fetch + cheerio/slim parse, same concurrency) twice: warm in this
 *     process (the strict limit: no start-up, JIT warm) and cold as a child process timed from
 *     spawn to exit (like for like with policy-lint); and fetch alone,
 * (b) policy-lint end to end as a child process: pages/s and peak RSS,
 * and once per run (c) time to `--help` and the default demo run. Repetitions are
 * reported as medians; the table goes to stdout and the figures to .bench-results/bench.json.
 *
 * Options: --sizes 1000,5000  --reps 3  --concurrency 8  --skip-e2e  --profile DIR
 *          --node-flags "--max-old-space-size=160"  (extra node flags for the policy-lint runs,
 *          to try a memory or GC setting before proposing it)
 * Not part of `npm test`: timings depend on the machine and never fail a build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fetchAndParse, fetchOnly, type BareRun } from './bare-limit.js';
import { ROOT, envWithoutCi, runTimed, startServer, type SiteServer } from './processes.js';
import { summariseProfileDir } from './summarise-profile.js';

const CLI = join(ROOT, 'bin/policy-lint.js');
const BARE_CRAWL = join(ROOT, 'tests/bench/bare-crawl.mjs');
const BUILT_CLI = join(ROOT, 'dist/src/cli/main.js');

interface Options {
  sizes: number[];
  reps: number;
  concurrency: number;
  skipE2e: boolean;
  profileDir?: string;
  nodeFlags: string[];
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  const sizes = (value('--sizes') ?? '1000,5000').split(',').map(Number);
  const reps = Number(value('--reps') ?? 3);
  const concurrency = Number(value('--concurrency') ?? 8);
  if (sizes.some((n) => !Number.isInteger(n) || n < 16) || !(reps >= 1) || !(concurrency >= 1)) {
    throw new Error('usage: run-bench [--sizes 1000,5000] [--reps 3] [--concurrency 8] [--skip-e2e] [--profile DIR] [--node-flags "..."]');
  }
  const nodeFlags = (value('--node-flags') ?? '').split(/\s+/).filter(Boolean);
  return { sizes, reps, concurrency, skipE2e: argv.includes('--skip-e2e'), profileDir: value('--profile'), nodeFlags };
}

const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The bare crawl as a cold child process: pays Node's start-up as policy-lint does. */
interface ColdRun {
  ms: number;
  pages: number;
  pagesPerSecond: number;
  cpuMs?: number;
  peakRssMb?: number;
}

async function runColdLimit(start: string, concurrency: number, maxPages: number): Promise<ColdRun> {
  const run = await runTimed(process.execPath, [BARE_CRAWL, start, String(concurrency), String(maxPages)], envWithoutCi(), true);
  if (run.code !== 0) throw new Error(`bare crawl exited ${run.code}: ${run.stderr.trim().slice(0, 400)}`);
  const { pages } = JSON.parse(run.stdout) as { pages: number };
  return { ms: run.ms, pages, pagesPerSecond: pages / (run.ms / 1000), cpuMs: run.cpuMs, peakRssMb: run.peakRssMb };
}

interface E2eRun {
  ms: number;
  pages: number;
  pagesPerSecond: number;
  peakRssMb?: number;
  cpuMs?: number;
  reportBytes: number;
  exitCode: number | null;
  findings?: number;
  serverRequests?: number;
  distinctPagesServed?: number;
}

async function runPolicyLint(server: SiteServer, pages: number, concurrency: number, nodeFlags: string[]): Promise<E2eRun> {
  server.reset();
  const url = `${server.ready.origin}/`;
  const args = [...nodeFlags, CLI, url, '-f', 'json', '--max-pages', String(pages + 10), '--concurrency', String(concurrency), '--no-progress'];
  const run = await runTimed(process.execPath, args, envWithoutCi(), true);
  const stats = await server.stats();
  let report: { crawl?: { pages?: number }; findings?: unknown[] } | undefined;
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch {
    throw new Error(`policy-lint exited ${run.code} without a JSON report: ${run.stderr.trim().slice(0, 400)}`);
  }
  const crawled = report?.crawl?.pages ?? 0;
  return {
    ms: run.ms,
    pages: crawled,
    pagesPerSecond: crawled / (run.ms / 1000),
    peakRssMb: run.peakRssMb,
    cpuMs: run.cpuMs,
    reportBytes: Buffer.byteLength(run.stdout),
    exitCode: run.code,
    findings: report?.findings?.length,
    serverRequests: stats.requests,
    distinctPagesServed: stats.distinctHtml,
  };
}

interface SizeResult {
  pages: number;
  htmlMb: number;
  limit: {
    fetchParse: BareRun[];
    fetchOnly: BareRun[];
    /** The same crawl as a cold child process, timed from spawn to exit. */
    cold: ColdRun[];
    medianPagesPerSecond: number;
    fetchOnlyMedianPagesPerSecond: number;
    coldMedianPagesPerSecond: number;
  };
  policyLint?: {
    runs: E2eRun[];
    medianPagesPerSecond: number;
    medianMs: number;
    peakRssMb?: number;
    /** Median over repetitions of (policy-lint p/s / limit p/s of the same repetition). */
    ratio: number;
    /** The same against the cold (child-process) limit: both pay start-up. */
    coldRatio: number;
    /** CPU ms per page, medians: the limit's and policy-lint's (whole process, startup included). */
    limitCpuMsPerPage: number;
    cpuMsPerPage?: number;
    /** limitCpuMsPerPage / cpuMsPerPage: the throughput ratio an idle machine would show if both were CPU-bound. */
    cpuRatio?: number;
  };
  e2eError?: string;
}

async function benchSize(pages: number, options: Options): Promise<SizeResult> {
  const server = await startServer(pages);
  const start = `${server.ready.origin}/`;
  const urls = Array.from(new Set([start, ...(await sitemapUrls(server.ready.origin))]));
  process.stderr.write(`N=${pages}: site ready at ${start} (${(server.ready.htmlBytes / 1e6).toFixed(1)} MB HTML, generated in ${server.ready.generateMs} ms)\n`);
  try {
    await fetchAndParse(start, options.concurrency, pages + 10); // warm-up: JIT, connections, server caches
    const fetchParse: BareRun[] = [];
    const fetchOnlyRuns: BareRun[] = [];
    const coldRuns: ColdRun[] = [];
    const e2e: E2eRun[] = [];
    let e2eError: string | undefined;
    const e2eEnabled = !options.skipE2e && existsSync(BUILT_CLI);
    if (!options.skipE2e && !e2eEnabled) e2eError = `${BUILT_CLI} not built (npm run build)`;
    for (let rep = 0; rep < options.reps; rep++) {
      fetchParse.push(await fetchAndParse(start, options.concurrency, pages + 10));
      fetchOnlyRuns.push(await fetchOnly(urls, options.concurrency));
      coldRuns.push(await runColdLimit(start, options.concurrency, pages + 10));
      if (e2eEnabled && !e2eError) {
        try {
          e2e.push(await runPolicyLint(server, pages, options.concurrency, options.nodeFlags));
        } catch (error) {
          e2eError = (error as Error).message;
        }
      }
      const last = e2e.at(-1);
      process.stderr.write(
        `  rep ${rep + 1}: limit ${fetchParse.at(-1)?.pagesPerSecond.toFixed(0)} p/s (cold ${coldRuns.at(-1)?.pagesPerSecond.toFixed(0)}), fetch-only ${fetchOnlyRuns.at(-1)?.pagesPerSecond.toFixed(0)} p/s` +
          (last
            ? `, policy-lint ${last.pagesPerSecond.toFixed(0)} p/s (${last.pages} pages, ${last.serverRequests} requests, ` +
              `${last.cpuMs?.toFixed(0)} ms CPU, ${last.peakRssMb?.toFixed(0)} MB, report ${(last.reportBytes / 1e3).toFixed(0)} KB)`
            : '') +
          '\n',
      );
    }
    if (options.profileDir && e2eEnabled && !e2eError) {
      mkdirSync(options.profileDir, { recursive: true });
      const dir = join(options.profileDir, `n${pages}`);
      await runPolicyLint(server, pages, options.concurrency, [...options.nodeFlags, '--cpu-prof', `--cpu-prof-dir=${dir}`]);
      process.stdout.write(`\nProfile N=${pages} (${dir}):\n${summariseProfileDir(dir, ROOT)}\n`);
    }
    const limitMedian = median(fetchParse.map((r) => r.pagesPerSecond));
    const result: SizeResult = {
      pages,
      htmlMb: server.ready.htmlBytes / 1e6,
      limit: {
        fetchParse,
        fetchOnly: fetchOnlyRuns,
        cold: coldRuns,
        medianPagesPerSecond: limitMedian,
        fetchOnlyMedianPagesPerSecond: median(fetchOnlyRuns.map((r) => r.pagesPerSecond)),
        coldMedianPagesPerSecond: median(coldRuns.map((r) => r.pagesPerSecond)),
      },
      e2eError,
    };
    if (e2e.length > 0) {
      const pps = median(e2e.map((r) => r.pagesPerSecond));
      const rss = e2e.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
      // Paired by repetition: each e2e run is compared with the limit measured just before it,
      // so load from other jobs on a shared machine hits both sides of a ratio alike.
      const ratios = e2e.map((r, i) => r.pagesPerSecond / (fetchParse[i]?.pagesPerSecond ?? Number.NaN));
      const coldRatios = e2e.map((r, i) => r.pagesPerSecond / (coldRuns[i]?.pagesPerSecond ?? Number.NaN));
      const limitCpu = median(fetchParse.map((r) => r.cpuMs / Math.max(1, r.pages)));
      const cpuPerPage = e2e.filter((r) => r.cpuMs !== undefined).map((r) => (r.cpuMs as number) / Math.max(1, r.pages));
      const plCpu = cpuPerPage.length ? median(cpuPerPage) : undefined;
      result.policyLint = {
        runs: e2e,
        medianPagesPerSecond: pps,
        medianMs: median(e2e.map((r) => r.ms)),
        peakRssMb: rss.length ? Math.max(...rss) : undefined,
        ratio: median(ratios),
        coldRatio: median(coldRatios),
        limitCpuMsPerPage: limitCpu,
        cpuMsPerPage: plCpu,
        cpuRatio: plCpu ? limitCpu / plCpu : undefined,
      };
    }
    return result;
  } finally {
    server.stop();
  }
}

async function sitemapUrls(origin: string): Promise<string[]> {
  const text = await (await fetch(`${origin}/sitemap.xml`)).text();
  return [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
}

async function startupTimes(): Promise<{ helpMs?: number; helpRuns: number[]; demoMs?: number; demoRuns: number[]; demoExitCode?: number | null; error?: string }> {
  if (!existsSync(BUILT_CLI)) return { helpRuns: [], demoRuns: [], error: 'CLI not built' };
  const helpRuns: number[] = [];
  for (let i = 0; i < 5; i++) helpRuns.push((await runTimed(process.execPath, [CLI, '--help'], envWithoutCi(), false)).ms);
  const demoRuns: number[] = [];
  let demoExitCode: number | null | undefined;
  for (let i = 0; i < 3; i++) {
    const run = await runTimed(process.execPath, [CLI], envWithoutCi(), false);
    demoRuns.push(run.ms);
    demoExitCode = run.code;
  }
  return { helpMs: median(helpRuns), helpRuns, demoMs: median(demoRuns), demoRuns, demoExitCode };
}

function gitHead(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function table(results: SizeResult[]): string {
  const rows = [['N', 'limit p/s', 'cold limit p/s', 'fetch-only p/s', 'policy-lint p/s', 'ratio', 'ratio (cold)', 'limit CPU ms/p', 'p-l CPU ms/p', 'CPU ratio', 'peak RSS MB', 'e2e s']];
  for (const r of results) {
    const p = r.policyLint;
    rows.push([
      String(r.pages),
      r.limit.medianPagesPerSecond.toFixed(0),
      r.limit.coldMedianPagesPerSecond.toFixed(0),
      r.limit.fetchOnlyMedianPagesPerSecond.toFixed(0),
      p ? p.medianPagesPerSecond.toFixed(0) : '-',
      p ? `${p.ratio.toFixed(2)}x` : '-',
      p ? `${p.coldRatio.toFixed(2)}x` : '-',
      p ? p.limitCpuMsPerPage.toFixed(2) : median(r.limit.fetchParse.map((b) => b.cpuMs / Math.max(1, b.pages))).toFixed(2),
      p?.cpuMsPerPage !== undefined ? p.cpuMsPerPage.toFixed(2) : '-',
      p?.cpuRatio !== undefined ? `${p.cpuRatio.toFixed(2)}x` : '-',
      p?.peakRssMb !== undefined ? p.peakRssMb.toFixed(0) : '-',
      p ? (p.medianMs / 1000).toFixed(2) : '-',
    ]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) => row.map((cell, col) => cell.padStart(widths[col] ?? 0)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg(),
  };
  process.stderr.write(`bench: sizes ${options.sizes.join(', ')}, ${options.reps} reps, concurrency ${options.concurrency}, load ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}\n`);
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await benchSize(size, options));
  const startup = options.skipE2e ? undefined : await startupTimes();
  process.stdout.write(`\n${table(results)}\n`);
  for (const r of results) if (r.e2eError) process.stdout.write(`N=${r.pages}: policy-lint not measured: ${r.e2eError}\n`);
  if (startup) {
    process.stdout.write(
      startup.error
        ? `startup: ${startup.error}\n`
        : `--help: ${startup.helpMs?.toFixed(0)} ms (median of 5); demo run: ${startup.demoMs?.toFixed(0)} ms (median of 3, exit ${startup.demoExitCode})\n`,
    );
  }
  const outDir = join(ROOT, '.bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'bench.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), git: gitHead(), machine, loadAverageAtEnd: os.loadavg(), options, results, startup }, null, 2)}\n`,
  );
  process.stdout.write(`figures written to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
