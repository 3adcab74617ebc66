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

export function starterConfig(ruleIds: string[]): string {
  // JSON has no comments, so the starter explains itself through "$comment"-free, obvious values
  // and a README pointer; rule levels are listed so users can switch one off in place.
  const config = {
    $schema: './node_modules/policy-lint/schema/config.schema.json',
    url: 'https://example.com/',
    crawl: { maxPages: 200, timeout: 10000, concurrency: 8, ignoreRobots: false },
    failOn: 'error',
    rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])),
    disclosed: { vendors: [], cookies: [] },
    claims: [],
    suppressions: [],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

export async function runInit(flags: Record<string, unknown>): Promise<number> {
  const path = resolve(process.cwd(), 'policy-lint.config.json');
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && flags.force !== true) throw new UsageError('policy-lint.config.json already exists; use --force to overwrite it');
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
