/**
 * The formatter registry: an explicit map sorted by name, never filesystem globbing.
 * The CLI picks one by `-f` / `--report NAME=FILE`; `github` is printed in addition to
 * the chosen format on GitHub Actions.
 */
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const formatters = {
  github,
  gitlab,
  html,
  json,
  junit,
  markdown,
  sarif,
  stylish,
} satisfies Record<string, Formatter>;

export type FormatterName = keyof typeof formatters;

export const formatterNames = Object.keys(formatters) as FormatterName[];

export const DEFAULT_FORMATTER: FormatterName = 'stylish';

export function getFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(formatters, name) ? formatters[name as FormatterName] : undefined;
}

export { createFormatContext, DEFAULT_FALLBACK_FILE } from './types.js';
export type { FormatContext, Formatter, SarifLocationOptions } from './types.js';
