/**
 * The JSON contract (DESIGN.md, schema/report.schema.json), printed as is. Adds nothing:
 * other programs parse this. JSON.stringify already yields valid JSON for any string
 * (controls and lone surrogates become \u escapes).
 */
import type { Formatter } from './types.js';

export const json: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
