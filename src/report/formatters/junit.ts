/**
 * JUnit XML for Jenkins and other CI test reports: a testsuite per rule, a testcase per
 * finding (rule + page or evidence), a passing testcase for a rule that found nothing so
 * the report shows it ran. Output is XML 1.0 well-formed whatever the site sent: every
 * piece of text goes through escapeXml, which drops what XML cannot carry. No CDATA.
 */
import { escapeXml, escapeXmlAttribute } from '../escape.js';
import { evidenceSummary, findingUrls, reproduceCommand } from '../finding-text.js';
import { urlPathKey } from '../build-report.js';
import type { ReportFinding } from '../types.js';
import type { Formatter } from './types.js';

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`)
    .join('');
}

function testcaseName(f: ReportFinding): string {
  const evidence = evidenceSummary(f.evidence);
  return `${urlPathKey(f.url)}${evidence ? ` — ${evidence}` : ''}`;
}

function failureBody(f: ReportFinding): string {
  const lines = [f.message];
  for (const claim of [f.claim, ...(f.relatedClaims ?? [])]) {
    if (claim) lines.push(`Policy (${claim.url}, line ${claim.line}): "${claim.quote}"`);
  }
  lines.push(`Pages: ${findingUrls(f).join(', ')}`);
  let evidence: string;
  try {
    evidence = JSON.stringify(f.evidence, null, 2) ?? '';
  } catch {
    evidence = evidenceSummary(f.evidence);
  }
  lines.push(`Evidence: ${evidence.length > 4000 ? `${evidence.slice(0, 4000)}…` : evidence}`);
  const repro = reproduceCommand(f);
  if (repro) lines.push(`Reproduce: ${repro}`);
  lines.push(`Fingerprint: ${f.fingerprint}`);
  return escapeXml(lines.join('\n'), { max: 8000 });
}

function testcase(f: ReportFinding): string {
  const head = `    <testcase${attrs({ classname: f.ruleId, name: testcaseName(f), file: f.url })}>`;
  if (f.suppressed) return `${head}\n      <skipped${attrs({ message: `suppressed: ${f.suppressed.reason}` })}/>\n    </testcase>`;
  if (f.baselined) return `${head}\n      <skipped${attrs({ message: `baselined: ${f.message}` })}/>\n    </testcase>`;
  return `${head}\n      <failure${attrs({ message: f.message, type: f.severity })}>${failureBody(f)}</failure>\n    </testcase>`;
}

export const junit: Formatter = (report, ctx) => {
  const byRule = new Map<string, ReportFinding[]>();
  for (const meta of ctx.rulesMeta) byRule.set(meta.id, []);
  for (const f of report.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const ids = [...byRule.keys()].sort((a, b) => a.localeCompare(b));
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const id of ids) {
    const findings = byRule.get(id) ?? [];
    const suiteFailures = findings.filter((f) => !f.suppressed && !f.baselined).length;
    const suiteSkipped = findings.length - suiteFailures;
    const cases = findings.length
      ? findings.map(testcase)
      : [`    <testcase${attrs({ classname: id, name: 'no findings' })}/>`];
    const tests = Math.max(1, findings.length);
    total += tests;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite${attrs({ name: id, tests, failures: suiteFailures, errors: 0, skipped: suiteSkipped })}>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const root = attrs({ name: `policy-lint ${report.target}`, tests: total, failures, errors: 0, skipped });
  const body = suites.length ? `\n${suites.join('\n')}\n` : '\n';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>${body}</testsuites>\n`;
};
