/**
 * Small commands: `rules` (list the rule set), `init` (write a starter config) and
 * `merge` (combine sharded JSON reports). Each returns an exit code; none crawls.
 */
import { access, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getRules } from '../../rules/index.js';
import { DOCS_BASE_URL } from '../package-info.js';
import { getFormatter } from '../report/formatters/index.js';
import { exitCodeFor } from '../report/gate.js';
import { mergeReports } from '../report/merge.js';
import type { LintReport } from '../report/types.js';
import { UsageError } from './errors.js';
import { resolveColor, writeReports } from './output.js';

export async function runRulesList(flags: Record<string, unknown>): Promise<number> {
  const rules = getRules().map((r) => ({
    id: r.meta.id,
    severity: r.meta.defaultSeverity,
    description: r.meta.description,
    docs: `${DOCS_BASE_URL}/${r.meta.docs}`,
  }));
  if (flags.format === 'json') {
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return 0;
  }
  if (flags.format !== 'stylish') throw new UsageError(`unknown format "${String(flags.format)}" for rules; use stylish or json`);
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) {
    process.stdout.write(`${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.description}\n${' '.repeat(idWidth + 11)}${r.docs}\n`);
  }
  return 0;
}

export const STARTER_CONFIG_FILE = 'policy-lint.config.mjs';

/** A commented starter config: JSON cannot hold comments, so the starter is an ES module. */
export function starterConfig(ruleIds: string[]): string {
  const ruleLines = ruleIds.map((id) => `    '${id}': 'error',`).join('\n');
  return `// policy-lint configuration. Flags on the command line override these values.
// Every key is optional; an unknown key or a wrong type stops the run with exit 2.
/** @type {import('policy-lint').PolicyLintConfig} */
export default {
  // The site to lint when no URL is given on the command line.
  url: 'https://example.com/',

  // Crawl budgets. timeout is per fetch (ms, body included); maxTime bounds the whole run.
  crawl: {
    maxPages: 200,
    timeout: 10000,
    concurrency: 8,
    // exclude: ['*/calendar/*'],
    // headers: { Authorization: 'Bearer ...' },   // sent only to the site itself
  },

  // Lowest severity that fails the run: 'error', 'warning' or 'none'.
  failOn: 'error',

  // Rule levels: 'off', 'warn' or 'error'. Run "policy-lint rules" for what each checks.
  rules: {
${ruleLines}
  },

  // Vendors and cookies your policy discloses in words the extractor may not read.
  disclosed: { vendors: [], cookies: [] },

  // State what the policy means where its text is ambiguous; stated claims win.
  // claims: [{ topic: 'cookies', stance: 'affirms', quote: 'We use a session cookie.' }],
  claims: [],

  // Known findings to accept for now, each with a reason and an optional expiry (YYYY-MM-DD).
  // suppressions: [{ rule: 'trackers/undisclosed-third-party', url: '/legacy/*', reason: 'removal in #123', expires: '2027-01-31' }],
  suppressions: [],
};
`;
}

export async function runInit(flags: Record<string, unknown>): Promise<number> {
  const path = resolve(process.cwd(), STARTER_CONFIG_FILE);
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && flags.force !== true) throw new UsageError(`${STARTER_CONFIG_FILE} already exists; use --force to overwrite it`);
  await writeFile(path, starterConfig(getRules().map((r) => r.meta.id)));
  process.stdout.write(`Wrote ${path}\nEdit "url", then run: npx policy-lint\n`);
  return 0;
}

export async function runMerge(files: string[], flags: Record<string, unknown>): Promise<number> {
  const reports: LintReport[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(resolve(process.cwd(), file), 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read report ${file}: ${(error as Error).message}`);
    }
    const report = parsed as LintReport;
    if (!report || typeof report !== 'object' || report.tool?.name !== 'policy-lint' || !Array.isArray(report.findings)) {
      throw new UsageError(`${file} is not a policy-lint JSON report (run shards with -f json)`);
    }
    reports.push(report);
  }
  const merged = mergeReports(reports);
  const format = typeof flags.format === 'string' ? flags.format : 'stylish';
  if (!getFormatter(format)) throw new UsageError(`unknown format "${format}"`);
  const output = typeof flags.output === 'string' ? resolve(process.cwd(), flags.output) : undefined;
  await writeReports(merged, {
    main: { format, ...(output ? { file: output } : {}) },
    extra: [],
    color: resolveColor(flags.color as boolean | undefined, !output && process.stdout.isTTY === true),
    cwd: process.cwd(),
    sarif: { map: {}, fallbackFile: 'README.md' },
    rulesMeta: getRules().map((r) => r.meta),
    docsBaseUrl: DOCS_BASE_URL,
    githubActions: false,
  });
  const failOn = (typeof flags.failOn === 'string' ? flags.failOn : 'error') as 'error' | 'warning' | 'none';
  return exitCodeFor(merged, { failOn, ...(typeof flags.maxWarnings === 'number' ? { maxWarnings: flags.maxWarnings } : {}) });
}
