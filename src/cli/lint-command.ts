/**
 * The default command: work out what to lint (URL, config url, --demo, --serve, --evidence),
 * merge config with flags, run the pipeline, apply suppressions and the baseline, write every
 * requested report, and turn the result into an exit code. All writing to stdout, stderr and
 * files happens here, never in formatters or the pipeline.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getRules } from '../../rules/index.js';
import { lint, type LintOptions } from '../lint.js';
import type { CrawlOptions } from '../crawl/api.js';
import { parseShard } from '../crawl/shard.js';
import { installUndiciGuard } from '../crawl/undici-guard.js';
import { loadConfig, parseRuleFlag, toRuleSettings } from './config.js';
import type { PolicyLintConfig } from './config-schema.js';
import { UsageError } from './errors.js';
import { resolveColor, writeFileEnsuringDir, writeReports, type OutputRequest } from './output.js';
import { applySuppressions } from '../report/suppressions.js';
import { exitCodeFor } from '../report/gate.js';
import { formatterNames, getFormatter } from '../report/formatters/index.js';
import { createProgressReporter } from './progress.js';
import { DOCS_BASE_URL } from '../package-info.js';

export const DEFAULT_DEMO = 'allsmart-demo';

type Flags = Record<string, unknown>;

function str(flags: Flags, key: string): string | undefined {
  const value = flags[key];
  return typeof value === 'string' ? value : undefined;
}

function num(flags: Flags, key: string): number | undefined {
  const value = flags[key];
  return typeof value === 'number' ? value : undefined;
}

function list(flags: Flags, key: string): string[] | undefined {
  const value = flags[key];
  return Array.isArray(value) ? (value as string[]) : undefined;
}

export function parseHeaderFlag(value: string): [string, string] {
  const index = value.indexOf(':');
  const name = index > 0 ? value.slice(0, index).trim() : '';
  if (!name || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects "Name: value", got "${value}"`);
  return [name, value.slice(index + 1).trim()];
}

export function checkSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL; give an http(s) URL such as https://example.com/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`only http and https URLs can be linted, got "${url.protocol}"`);
  }
  return url.href;
}

/** Flags override the config file, key by key. */
export function crawlOptionsFrom(config: PolicyLintConfig, flags: Flags): Partial<CrawlOptions> {
  const c = config.crawl ?? {};
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  for (const h of list(flags, 'header') ?? []) {
    const [name, value] = parseHeaderFlag(h);
    headers[name] = value;
  }
  const pick = <T>(flag: T | undefined, conf: T | undefined): T | undefined => (flag !== undefined ? flag : conf);
  const out: Partial<CrawlOptions> = {};
  const set = <K extends keyof CrawlOptions>(key: K, value: CrawlOptions[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('maxPages', pick(num(flags, 'maxPages'), c.maxPages));
  set('maxDepth', pick(num(flags, 'maxDepth'), c.maxDepth));
  set('timeoutMs', pick(num(flags, 'timeout'), c.timeout));
  set('maxTimeMs', pick(num(flags, 'maxTime'), c.maxTime));
  set('maxBytes', pick(num(flags, 'maxBytes'), c.maxBytes));
  set('concurrency', pick(num(flags, 'concurrency'), c.concurrency));
  set('delayMs', pick(num(flags, 'delay'), c.delay));
  set('include', pick(list(flags, 'include'), c.include));
  set('exclude', pick(list(flags, 'exclude'), c.exclude));
  set('ignoreRobots', pick(flags.ignoreRobots === true ? true : undefined, c.ignoreRobots));
  set('userAgent', pick(str(flags, 'userAgent'), c.userAgent));
  set('insecure', pick(flags.insecure === true ? true : undefined, c.insecure));
  set('cookies', pick(list(flags, 'cookie'), c.cookies));
  if (Object.keys(headers).length) out.headers = headers;
  const shard = str(flags, 'shard');
  if (shard !== undefined) out.shard = parseShard(shard);
  if (out.concurrency !== undefined && (out.concurrency < 1 || out.concurrency > 64)) throw new UsageError('--concurrency must be between 1 and 64');
  if (out.maxPages === 0) throw new UsageError('--max-pages must be at least 1');
  if (out.timeoutMs === 0) throw new UsageError('--timeout must be at least 1 ms');
  return out;
}

function parseMapFlags(values: string[] | undefined, flag: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values ?? []) {
    const index = value.indexOf('=');
    if (index <= 0 || index === value.length - 1) throw new UsageError(`${flag} expects key=value, got "${value}"`);
    map[value.slice(0, index)] = value.slice(index + 1);
  }
  return map;
}

interface Target {
  url?: string;
  evidence?: LintOptions['evidence'];
  cleanup?: () => Promise<void>;
  label: string;
}

async function resolveTarget(urlArg: string | undefined, flags: Flags, config: PolicyLintConfig, cwd: string): Promise<Target | 'listed'> {
  const evidenceFile = str(flags, 'evidence');
  if (evidenceFile) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(resolve(cwd, evidenceFile), 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read evidence file ${evidenceFile}: ${(error as Error).message}`);
    }
    const { parseEvidenceArtifact } = await import('../evidence/artifact.js');
    const artifact = parseEvidenceArtifact(raw);
    return { evidence: artifact, label: evidenceFile };
  }
  const demo = flags.demo;
  // The fixture server (and its manifest schema) load only for --demo and --serve.
  if (demo === true) {
    const { listDemoSites } = await import('./serve-site.js');
    const sites = listDemoSites();
    const width = Math.max(...sites.map((s) => s.name.length));
    process.stdout.write(sites.map((s) => `${s.name.padEnd(width)}  ${s.description}`).join('\n') + '\n');
    return 'listed';
  }
  const serveDir = str(flags, 'serve');
  if (typeof demo === 'string' || serveDir || (!urlArg && !config.url && !process.env.CI)) {
    const { demoSiteDir, serveSite } = await import('./serve-site.js');
    const dir = serveDir ? resolve(cwd, serveDir) : demoSiteDir(typeof demo === 'string' ? demo : DEFAULT_DEMO);
    const server = await serveSite(dir);
    if (!serveDir && process.stderr.isTTY && !flags.quiet) process.stderr.write(`policy-lint: linting the demo site served at ${server.url}\n`);
    return { url: server.url, cleanup: () => server.close(), label: server.url };
  }
  const url = urlArg ?? config.url;
  if (!url) throw new UsageError('no URL to lint: CI is set, so the demo is not run; pass a URL or set "url" in policy-lint.config.json');
  return { url: checkSiteUrl(url), label: url };
}

export async function runLint(urlArg: string | undefined, flags: Flags): Promise<number> {
  installUndiciGuard();
  const cwd = process.cwd();
  const rules = getRules();
  const { config } = await loadConfig({ cwd, ...(str(flags, 'config') ? { configFile: str(flags, 'config')! } : {}), knownRuleIds: rules.map((r) => r.meta.id) });

  const format = str(flags, 'format') ?? config.format ?? 'stylish';
  if (!getFormatter(format)) throw new UsageError(`unknown format "${format}"; use one of: ${formatterNames.join(', ')}`);
  const extraReports: OutputRequest[] = Object.entries({ ...(config.reports ?? {}), ...parseMapFlags(list(flags, 'report'), '--report') }).map(
    ([name, file]) => {
      if (!getFormatter(name)) throw new UsageError(`unknown format "${name}" in --report`);
      return { format: name, file };
    },
  );

  const ruleSettings = toRuleSettings(config.rules);
  for (const flag of list(flags, 'rule') ?? []) {
    const [id, level] = parseRuleFlag(flag);
    if (!rules.some((r) => r.meta.id === id)) throw new UsageError(`--rule: unknown rule "${id}" (run "policy-lint rules")`);
    ruleSettings[id] = { ...ruleSettings[id], level: level as 'off' | 'warn' | 'error' };
  }
  const crawl = crawlOptionsFrom(config, flags);
  const workers = num(flags, 'workers') ?? config.crawl?.workers;
  if (workers !== undefined && workers > 16) throw new UsageError('--workers must be between 0 and 16');
  const baselineFile = str(flags, 'baseline') ?? config.baseline;
  const baselines = baselineFile || str(flags, 'writeBaseline') ? await import('../report/baseline.js') : null;
  const baseline = baselineFile && baselines ? baselines.readBaseline(JSON.parse(await readFile(resolve(cwd, baselineFile), 'utf8').catch(() => {
    throw new UsageError(`cannot read baseline ${baselineFile}`);
  }))) : null;

  const target = await resolveTarget(urlArg, flags, config, cwd);
  if (target === 'listed') return 0;

  const color = resolveColor(flags.color as boolean | undefined, str(flags, 'output') ? false : process.stdout.isTTY === true);
  const progress = createProgressReporter({
    enabled: flags.progress !== false && !flags.quiet && process.stderr.isTTY === true,
    verbose: flags.verbose === true,
    stream: process.stderr,
  });
  const policy = str(flags, 'policy') ?? config.policy;
  let result;
  try {
    result = await lint({
      ...(target.url ? { url: target.url } : {}),
      ...(target.evidence ? { evidence: target.evidence } : {}),
      crawl: { ...crawl, onEvent: progress },
      signals: flags.signals !== false && config.crawl?.signals !== false,
      ...(workers !== undefined ? { workers } : {}),
      ...(policy ? { policy: resolvePolicyPath(policy, cwd) } : {}),
      rules: ruleSettings,
      claims: config.claims ?? [],
      disclosed: config.disclosed ?? {},
      firstPartyDomains: config.firstPartyDomains ?? [],
      cwd,
    });
  } finally {
    progress({ type: 'done' });
    await target.cleanup?.();
  }
  let report = result.report;

  const saveEvidence = str(flags, 'saveEvidence');
  if (saveEvidence) {
    const { serializeEvidence } = await import('../evidence/artifact.js');
    await writeFileEnsuringDir(resolve(cwd, saveEvidence), serializeEvidence(result.evidence));
  }

  const today = new Date().toISOString().slice(0, 10);
  const suppressed = applySuppressions(report, config.suppressions ?? [], today);
  report = suppressed.report;
  for (const warning of suppressed.warnings) process.stderr.write(`policy-lint: ${warning}\n`);
  if (baseline && baselines) report = baselines.applyBaseline(report, baseline);
  const writeBaselineFile = str(flags, 'writeBaseline');
  if (writeBaselineFile && baselines) await writeFileEnsuringDir(resolve(cwd, writeBaselineFile), JSON.stringify(baselines.createBaseline(report), null, 2) + '\n');

  const displayed = flags.quiet ? { ...report, findings: report.findings.filter((f) => f.severity === 'error') } : report;
  const sarifMap = { ...(config.sarif?.map ?? {}), ...parseMapFlags(list(flags, 'sarifMap'), '--sarif-map') };
  await writeReports(displayed, {
    main: { format, ...(str(flags, 'output') ? { file: resolve(cwd, str(flags, 'output')!) } : {}) },
    extra: extraReports.map((r) => ({ ...r, file: resolve(cwd, r.file ?? "") })),
    color,
    cwd,
    sarif: {
      map: sarifMap,
      fallbackFile: str(flags, 'sarifFallback') ?? config.sarif?.fallbackFile ?? 'README.md',
      ...(policy && !/^https?:/i.test(policy)
        ? { policyFile: { path: policy, ...(result.evidence.policySource ? { text: result.evidence.policySource.body } : {}) } }
        : {}),
    },
    rulesMeta: rules.map((r) => r.meta),
    docsBaseUrl: DOCS_BASE_URL,
    githubActions: process.env.GITHUB_ACTIONS === 'true',
  });

  const failOn = (str(flags, 'failOn') ?? config.failOn ?? 'error') as 'error' | 'warning' | 'none';
  const maxWarnings = num(flags, 'maxWarnings') ?? config.maxWarnings;
  let code = exitCodeFor(report, { failOn, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
  const incomplete = isIncomplete(report);
  if ((flags.failOnIncomplete === true || config.failOnIncomplete) && incomplete) {
    process.stderr.write('policy-lint: the crawl was incomplete (see "coverage" in the report); failing because of --fail-on-incomplete\n');
    code = 1;
  }
  return code;
}

export function isIncomplete(report: { coverage: { failed: string[]; truncated: string[]; leftOver: string[]; blockedByRobots: string[]; policyFound: boolean; budgetExhausted?: string } }): boolean {
  const c = report.coverage;
  return c.failed.length > 0 || c.truncated.length > 0 || c.leftOver.length > 0 || c.blockedByRobots.length > 0 || !c.policyFound || c.budgetExhausted !== undefined;
}

function resolvePolicyPath(policy: string, cwd: string): string {
  return /^https?:\/\//i.test(policy) ? policy : resolve(cwd, policy);
}
