/**
 * Writes formatted reports: the main one to stdout or -o FILE, extra ones from --report,
 * and GitHub workflow annotations when running on Actions. Formatters are pure; this is
 * the only place their output meets the file system or a stream.
 */
import type { RuleMeta } from '../../rules/types.js';
import { getFormatter } from '../report/formatters/index.js';
import type { FormatContext } from '../report/formatters/types.js';
import type { LintReport } from '../report/types.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface OutputRequest {
  format: string;
  file?: string;
}

export interface WriteReportsOptions {
  main: OutputRequest;
  extra: OutputRequest[];
  color: boolean;
  cwd: string;
  sarif: NonNullable<FormatContext['sarif']>;
  rulesMeta: RuleMeta[];
  docsBaseUrl: string;
  githubActions: boolean;
}

/** --color / --no-color win; then NO_COLOR and FORCE_COLOR; then whether stdout is a terminal. */
export function resolveColor(flag: boolean | undefined, isTerminal: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTerminal;
}

export async function writeReports(report: LintReport, options: WriteReportsOptions): Promise<void> {
  const context = (color: boolean): FormatContext => ({
    color,
    cwd: options.cwd,
    sarif: options.sarif,
    rulesMeta: options.rulesMeta,
    docsBaseUrl: options.docsBaseUrl,
  });
  const render = (format: string, color: boolean) => getFormatter(format)!(report, context(color));
  const main = render(options.main.format, options.main.file ? false : options.color);
  if (options.main.file) await writeFileEnsuringDir(options.main.file, main);
  else process.stdout.write(main);
  for (const extra of options.extra) {
    if (extra.file) await writeFileEnsuringDir(extra.file, render(extra.format, false));
  }
  if (options.githubActions && options.main.format !== 'github') {
    const annotations = getFormatter('github');
    if (annotations) process.stdout.write(annotations(report, context(false)));
  }
}

export async function writeFileEnsuringDir(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}
