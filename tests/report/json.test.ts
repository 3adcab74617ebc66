// The JSON contract: printed unchanged, and described by schema/report.schema.json.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { json } from '../../src/report/formatters/json.js';
import { mergeReports } from '../../src/report/merge.js';
import { applyBaseline, createBaseline } from '../../src/report/baseline.js';
import { applySuppressions } from '../../src/report/suppressions.js';
import type { LintReport } from '../../src/report/types.js';
import { defineRule } from '../../rules/types.js';
import { hostileReport, sampleContext, sampleReport } from './sample-report.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

function builtReport(): LintReport {
  const rule = defineRule({
    meta: {
      id: 'cookies/undisclosed-cookies',
      description: 'd',
      defaultSeverity: 'error',
      docs: 'rules/cookies/undisclosed-cookies.md',
      messages: { set: '{page} sets {name}' },
      requires: { policy: false },
    },
    check: () => [{ messageId: 'set', data: { page: '/', name: 'sid' }, urls: ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000/a'], evidence: { cookies: [{ name: 'sid' }] }, evidenceKey: 'cookie:sid' }],
  });
  const coverage = { pages: 2, blockedByRobots: [], failed: [], truncated: [], leftOver: [], policyFound: false, notes: [] };
  return buildReport({
    version: '0.1.0',
    site: {
      startUrl: 'http://127.0.0.1:5000/',
      homeUrl: 'http://127.0.0.1:5000/',
      firstParty: { domains: ['127.0.0.1'] },
      pages: [],
      signals: { wellKnown: {} },
      policyLinkChecks: [],
      errors: [{ url: 'http://127.0.0.1:5000/x', message: 'timeout after 10000 ms' }],
      coverage,
      durationMs: 10,
    },
    policy: null,
    context: { claims: [], disclosed: { vendors: [], cookies: [], firstPartyDomains: [] } },
    rules: [rule],
    settings: {},
  });
}

describe('json formatter and report schema', () => {
  it('prints the report itself: parsing it back gives the same object', () => {
    const report = sampleReport();
    const out = json(report, sampleContext());
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual(report);
    expect(out).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('sample, hostile, built, baselined, suppressed and merged reports validate against the schema', () => {
    const validate = validator();
    const built = builtReport();
    const reports: LintReport[] = [
      sampleReport(),
      JSON.parse(json(hostileReport(), sampleContext())) as LintReport,
      built,
      applyBaseline(built, createBaseline(built)),
      applySuppressions(sampleReport(), [{ rule: 'dnt/*', reason: 'r', expires: '2030-01-01' }], '2026-01-01').report,
      mergeReports([sampleReport(), built]),
    ];
    for (const report of reports) {
      const ok = validate(JSON.parse(json(report, sampleContext())));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema rejects a report that breaks the contract', () => {
    const validate = validator();
    const noSeverity = sampleReport() as unknown as { findings: Array<Record<string, unknown>> };
    delete noSeverity.findings[0]!.severity;
    expect(validate(noSeverity)).toBe(false);
    const badSeverity = sampleReport();
    (badSeverity.findings[0] as unknown as Record<string, unknown>).severity = 'info';
    expect(validate(badSeverity)).toBe(false);
    const noCoverage = sampleReport() as unknown as Record<string, unknown>;
    delete noCoverage.coverage;
    expect(validate(noCoverage)).toBe(false);
  });
});
