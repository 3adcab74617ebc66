/**
 * `policy-lint claims`: what the extractor understood, as a terminal table with quotes, so a
 * user can see why a rule fired or stayed silent. Site text is stripped of control characters
 * before it is printed. JSON output is the PolicyDocument itself; this module only renders text.
 */
import { Chalk } from 'chalk';
import type { Claim, PolicyDocument } from './types.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, '').replace(/[\n\t]+/g, ' ');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function detailOf(claim: Claim): string {
  const parts: string[] = [];
  if (claim.scope.excludes.length > 0) parts.push(`except ${claim.scope.excludes.join(', ')}`);
  if (claim.scope.limitedTo.length > 0) parts.push(`only ${claim.scope.limitedTo.join(', ')}`);
  if (claim.dataTypes?.length) parts.push(`data: ${claim.dataTypes.join(', ')}`);
  if (claim.vendors?.length) parts.push(`vendors: ${claim.vendors.join(', ')}`);
  if (claim.cookies?.length) parts.push(`cookies: ${claim.cookies.join(', ')}`);
  if (claim.date) parts.push(`date: ${claim.date}`);
  if (claim.actor === 'third-party') parts.push('third party');
  if (claim.confidence === 'low') parts.push('low confidence');
  if (claim.source === 'config') parts.push('stated in config');
  return parts.join('; ');
}

export function formatClaimsTable(doc: PolicyDocument, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(c.bold(`Policy: ${stripControl(doc.url)}`));
  lines.push(c.dim(`Found by: ${stripControl(doc.foundBy)}`));
  if (doc.language) lines.push(c.dim(`Language: ${doc.language}`));
  if (doc.coverageNote) lines.push(c.yellow(`Note: ${stripControl(doc.coverageNote)}`));
  lines.push('');
  if (doc.claims.length === 0) {
    lines.push('No claims were understood.');
    return lines.join('\n') + '\n';
  }
  const stanceColour = (s: Claim['stance']): string =>
    s === 'denies' ? c.red(s.padEnd(11)) : s === 'affirms' ? c.green(s.padEnd(11)) : c.yellow(s.padEnd(11));
  for (const claim of doc.claims) {
    const where = `${claim.location.line}`.padStart(5);
    lines.push(`${c.dim(where)}  ${claim.id.padEnd(5)} ${claim.topic.padEnd(22)} ${stanceColour(claim.stance)} ${c.dim(stripControl(detailOf(claim)))}`);
    lines.push(`${' '.repeat(13)}“${truncate(stripControl(claim.quote), 160)}”`);
    if (claim.location.heading) lines.push(c.dim(`${' '.repeat(13)}under “${truncate(stripControl(claim.location.heading), 80)}”`));
  }
  const counts = new Map<string, number>();
  for (const claim of doc.claims) counts.set(claim.stance, (counts.get(claim.stance) ?? 0) + 1);
  lines.push('');
  lines.push(`${doc.claims.length} claims (${[...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ')}) from ${doc.sentences.length} sentences`);
  return lines.join('\n') + '\n';
}
