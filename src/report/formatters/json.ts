/**
 * The JSON contract (DESIGN.md, schema/report.schema.json), printed as is. Adds nothing:
 * other programs parse this. Parsed back, the data is exactly the report; only the
 * characters a terminal would act on are written as \u escapes.
 */
import { safeJsonStringify } from '../escape.js';
import type { Formatter } from './types.js';

export const json: Formatter = (report) => `${safeJsonStringify(report, 2)}\n`;
