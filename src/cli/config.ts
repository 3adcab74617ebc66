/**
 * Finds and validates the configuration file the way ESLint and Prettier users expect
 * (lilconfig: policy-lint.config.{json,js,mjs,cjs}, .policylintrc(.json), package.json#policyLint,
 * or --config FILE). A problem is a ConfigError whose message names the file, the key path
 * and what was expected; the CLI prints it on one line and exits 2.
 */
import { lilconfig, type Loader } from 'lilconfig';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { configSchema as ConfigSchemaValue, PolicyLintConfig, RuleSettingInput } from './config-schema.js';
import type { RuleSetting } from '../report/build-report.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.policylintrc',
  '.policylintrc.json',
  'policy-lint.config.json',
  'policy-lint.config.js',
  'policy-lint.config.mjs',
  'policy-lint.config.cjs',
];

const jsonLoader: Loader = (filepath, content) => {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new ConfigError(`${filepath}: invalid JSON (${(error as Error).message})`);
  }
};

export interface LoadedConfig {
  config: PolicyLintConfig;
  /** Absolute path, or null when no file was found. */
  filepath: string | null;
}

type ConfigSchema = typeof ConfigSchemaValue;

export async function loadConfig(options: { cwd: string; configFile?: string; knownRuleIds: string[] }): Promise<LoadedConfig> {
  const explorer = lilconfig('policy-lint', {
    searchPlaces: CONFIG_SEARCH_PLACES,
    packageProp: 'policyLint',
    loaders: { '.json': jsonLoader, noExt: jsonLoader },
    stopDir: options.cwd,
  });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    if (options.configFile) {
      const path = resolve(options.cwd, options.configFile);
      try {
        await readFile(path);
      } catch {
        throw new ConfigError(`config file not found: ${options.configFile}`);
      }
      found = await explorer.load(path);
    } else {
      found = await explorer.search(options.cwd);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read config: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!found || found.isEmpty) return { config: {}, filepath: found?.filepath ?? null };
  // The schema (and zod) load only when there is a config to check: most runs have none.
  const { configSchema } = await import('./config-schema.js');
  return { config: validateConfig(found.config, found.filepath, options.knownRuleIds, configSchema), filepath: found.filepath };
}

export function validateConfig(raw: unknown, filepath: string, knownRuleIds: string[], configSchema: ConfigSchema): PolicyLintConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length ? issue.path.join('.') : '(top level)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      const at = issue.path.length ? `${issue.path.join('.')}.` : '';
      throw new ConfigError(`${filepath}: unknown key "${at}${keys.join(`", "${at}`)}"`);
    }
    if (issue.code === 'invalid_union' && issue.path[0] === 'rules') {
      message = 'expected "off", "warn", "error" or ["warn", { options }]';
    }
    throw new ConfigError(`${filepath}: ${path}: ${message}`);
  }
  const config = parsed.data;
  for (const id of Object.keys(config.rules ?? {})) {
    if (!knownRuleIds.includes(id)) {
      throw new ConfigError(`${filepath}: rules.${id}: unknown rule (run "policy-lint rules" to list them)`);
    }
  }
  return config;
}

/** Normalises ESLint-style rule settings into what the report builder takes. */
export function toRuleSettings(rules: Record<string, RuleSettingInput> | undefined): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(rules ?? {})) {
    if (typeof value === 'string') settings[id] = { level: value };
    else settings[id] = { level: value[0], ...(value[1] ? { options: value[1] } : {}) };
  }
  return settings;
}

/** Parses `--rule id=level` flags. */
export function parseRuleFlag(value: string): [string, RuleSettingInput] {
  const match = /^([\w-]+\/[\w-]+)=(off|warn|error)$/.exec(value.trim());
  if (!match) throw new ConfigError(`--rule expects <area>/<name>=off|warn|error, got "${value}"`);
  return [match[1]!, match[2] as 'off' | 'warn' | 'error'];
}
