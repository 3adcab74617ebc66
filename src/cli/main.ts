/**
 * The command line: parses argv with commander and dispatches to a command module.
 * It loads heavy modules (undici, cheerio, third-party-web) only when a command needs
 * them, so `--help` stays fast. It returns the exit code; it never calls process.exit.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/fatal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './errors.js';
import { packageVersion } from '../package-info.js';
import { escapeTerminal } from '../report/escape.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function intOption(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${flag} expects a whole number, got "${value}"`);
    return n;
  };
}

export function addCrawlOptions(command: Command): Command {
  return command
    .option('--max-pages <n>', 'page budget for the crawl (default 200)', intOption('--max-pages'))
    .option('--max-depth <n>', 'link depth from the start page', intOption('--max-depth'))
    .option('--timeout <ms>', 'deadline for each fetch, body included (default 10000)', intOption('--timeout'))
    .option('--max-time <ms>', 'deadline for the whole crawl', intOption('--max-time'))
    .option('--max-bytes <n>', 'body cap per response after decompression (default 5 MB)', intOption('--max-bytes'))
    .option('--concurrency <n>', 'parallel requests (default 8)', intOption('--concurrency'))
    .option('--workers <n>', 'threads that parse pages (default: one per spare core, max 4; 0 = main thread)', intOption('--workers'))
    .option('--delay <ms>', 'minimum delay between requests to one host', intOption('--delay'))
    .option('--include <pattern>', 'crawl only URLs matching (repeatable, * wildcard)', collect)
    .option('--exclude <pattern>', 'never crawl URLs matching (repeatable, * wildcard)', collect)
    .option('--ignore-robots', 'do not honour robots.txt')
    .option('--user-agent <ua>', 'User-Agent header to send')
    .option('--header <header>', 'extra request header "Name: value" for the site (repeatable)', collect)
    .option('--cookie <cookie>', 'cookie "name=value" to send to the site (repeatable)', collect)
    .option('--insecure', 'accept self-signed TLS certificates')
    .option('--no-signals', 'skip the DNT / GPC signals pass')
    .option('--policy <url|file>', 'policy to read instead of discovering it');
}

function buildProgram(result: { code: number }): Command {
  const program = new Command();
  program
    .name('policy-lint')
    .enablePositionalOptions()
    .description('Lint a live website against its own privacy policy.')
    .version(packageVersion(), '-v, --version')
    .argument('[url]', 'site to lint (default: the bundled demo site)')
    .addOption(new Option('-f, --format <name>', 'output format (stylish, json, sarif, junit, markdown, html, gitlab)'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--report <format=file>', 'also write a report in another format (repeatable)', collect)
    .option('-c, --config <file>', 'configuration file (default: searched from the working directory)')
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails the run').choices(['error', 'warning', 'none']))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', intOption('--max-warnings'))
    .option('--fail-on-incomplete', 'exit 1 when the crawl could not examine everything')
    .option('--rule <id=level>', 'set a rule level, e.g. cookies/undisclosed-cookies=warn (repeatable)', collect)
    .option('--baseline <file>', 'known findings that do not fail the run')
    .option('--write-baseline <file>', 'record the current findings as the baseline')
    .option('--save-evidence <file>', 'write the gathered evidence as JSON')
    .option('--evidence <file>', 'lint saved evidence instead of crawling')
    .option('--demo [name]', 'lint a bundled demo site (no name: list them)')
    .option('--serve <dir>', 'serve a local build directory on 127.0.0.1 and lint it')
    .option('--shard <i/n>', 'lint one deterministic part of the site (for CI matrix jobs)')
    .option('--sarif-map <prefix=file>', 'map a page path to a repository file for SARIF (repeatable)', collect)
    .option('--sarif-fallback <file>', 'repository file for SARIF results with no mapping (default README.md)')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .option('--no-progress', 'no progress bar')
    .option('--quiet', 'report errors only')
    .option('--verbose', 'log each request on stderr');
  addCrawlOptions(program);
  program.action(async (url: string | undefined, options: Record<string, unknown>) => {
    // A crawl will parse on worker threads: start them now, so they load while this thread does.
    if (options.evidence === undefined && options.demo !== true && options.workers !== 0) {
      (await import('../evidence/extract-pool.js')).prestartExtractWorkers();
    }
    const { runLint } = await import('./lint-command.js');
    result.code = await runLint(url, options);
  });

  addCrawlOptions(
    program
      .command('claims')
      .description('print what policy-lint understood from a policy (URL or local file)')
      .argument('<url|file>', 'policy page URL, site URL, or a local .html/.md/.txt file')
      .option('-f, --format <name>', 'stylish or json', 'stylish')
      .option('-c, --config <file>', 'configuration file (stated claims are shown too)')
      .option('--color', 'force colour')
      .option('--no-color', 'disable colour'),
  ).action(async (target: string, options: Record<string, unknown>) => {
    const { runClaims } = await import('./claims-command.js');
    result.code = await runClaims(target, options);
  });

  program
    .command('rules')
    .description('list the rules with their default severity and documentation')
    .option('-f, --format <name>', 'stylish or json', 'stylish')
    .action(async (options: Record<string, unknown>) => {
      const { runRulesList } = await import('./small-commands.js');
      result.code = await runRulesList(options);
    });

  program
    .command('init')
    .description('write a starter commented policy-lint.config.mjs in the working directory')
    .option('--force', 'overwrite an existing file')
    .action(async (options: Record<string, unknown>) => {
      const { runInit } = await import('./small-commands.js');
      result.code = await runInit(options);
    });

  program
    .command('merge')
    .description('combine JSON reports from sharded runs into one report')
    .argument('<reports...>', 'JSON report files')
    .option('-f, --format <name>', 'output format', 'stylish')
    .option('-o, --output <file>', 'write to a file')
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails').choices(['error', 'warning', 'none']))
    .option('--max-warnings <n>', 'fail above this many warnings', intOption('--max-warnings'))
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { runMerge } = await import('./small-commands.js');
      result.code = await runMerge(files, options);
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(result);
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  program.configureOutput({
    writeErr: () => {
      // Commander's own error text is replaced by our one-line message below.
    },
    outputError: () => {},
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    return reportFatal(error);
  }
}

export function reportFatal(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    process.stderr.write(`policy-lint: ${error.message.replace(/^error: /, '')} (see policy-lint --help)\n`);
    return 2;
  }
  const err = error as Error;
  const known = ['UsageError', 'ConfigError', 'StartPageError', 'EvidenceError', 'EvidenceArtifactError', 'BaselineError', 'SiteManifestError', 'ShardSpecError'];
  if (known.includes(err?.name)) {
    process.stderr.write(`policy-lint: ${oneLine(err.message)}\n`);
    return 2;
  }
  if (process.env.POLICY_LINT_DEBUG) process.stderr.write(`${err?.stack ?? String(error)}\n`);
  process.stderr.write(`policy-lint: internal error: ${oneLine(err?.message ?? String(error))} (please report it; set POLICY_LINT_DEBUG=1 for details)\n`);
  return 2;
}

function oneLine(text: string): string {
  return escapeTerminal(text).trim();
}
