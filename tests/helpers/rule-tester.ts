/**
 * A RuleTester in ESLint's spirit for policy-lint rules. `ruleTester(rule, { valid, invalid })`
 * declares one vitest test per case plus one that every messageId of meta.messages is
 * exercised. Each case's context is deep-frozen (a rule that mutates its input fails),
 * the finding count must match exactly, and every finding is checked for the contract:
 * known messageId, a fully rendered message, pages listed, JSON-serialisable evidence,
 * and an evidenceKey that survives another host and another page order.
 * The run* functions throw on failure so the tester itself can be tested.
 */
import { describe, expect, it } from 'vitest';
import type { Rule, RuleContext, RuleFinding, Severity } from '../../rules/types.js';

export interface ExpectedFinding {
  messageId: string;
  severity?: Severity;
  /** Exact pages, in the order the rule lists them. */
  urls?: string[];
  evidenceKey?: string;
  claimId?: string;
}

export interface ValidCase {
  name: string;
  context: RuleContext;
}

export interface InvalidCase {
  name: string;
  context: RuleContext;
  findings: ExpectedFinding[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Checks that hold for every finding of every rule. */
export function checkFindingContract(rule: Rule, context: RuleContext, finding: RuleFinding, opts: { hostFreeKey?: boolean } = {}): void {
  const templates = rule.meta.messages as Record<string, string>;
  const template = templates[finding.messageId];
  if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId "${finding.messageId}"`);
  for (const [, key] of template.matchAll(/\{(\w+)\}/g)) {
    if (!finding.data || !(String(key) in finding.data)) {
      throw new Error(`${rule.meta.id}/${finding.messageId}: message placeholder {${key}} has no data`);
    }
  }
  if (finding.severity !== undefined && finding.severity !== 'error' && finding.severity !== 'warning') {
    throw new Error(`${rule.meta.id}: bad severity ${String(finding.severity)}`);
  }
  if (!Array.isArray(finding.urls) || finding.urls.length === 0) throw new Error(`${rule.meta.id}: finding lists no page urls`);
  if (new Set(finding.urls).size !== finding.urls.length) throw new Error(`${rule.meta.id}: duplicate urls in a finding`);
  if (!finding.evidenceKey) throw new Error(`${rule.meta.id}: empty evidenceKey`);
  const host = hostOf(context.site.homeUrl);
  // Fuzzed evidence may name a cookie "https://x"; literal cases must keep keys host-free.
  if (opts.hostFreeKey !== false && (finding.evidenceKey.includes('://') || (host && finding.evidenceKey.includes(host)))) {
    throw new Error(`${rule.meta.id}: evidenceKey "${finding.evidenceKey}" carries a scheme or host`);
  }
  expect(JSON.parse(JSON.stringify(finding.evidence)), `${rule.meta.id}: evidence must be JSON`).toEqual(finding.evidence);
}

function keysOf(findings: RuleFinding[]): string[] {
  return findings.map((f) => `${f.messageId}|${f.evidenceKey}|${[...f.urls].sort().join(',')}`).sort();
}

function runFrozen(rule: Rule, context: RuleContext): RuleFinding[] {
  return rule.check(deepFreeze(clone(context)));
}

/** Same evidence on another host or in another page order must give the same identities. */
function checkStability(rule: Rule, context: RuleContext, findings: RuleFinding[]): void {
  const again = runFrozen(rule, context);
  expect(again, `${rule.meta.id}: two runs differ`).toEqual(findings);
  const identities = findings.map((f) => f.evidenceKey).sort();
  if (context.site.pages.length > 1) {
    const reversed = clone(context);
    reversed.site.pages.reverse();
    expect(runFrozen(rule, reversed).map((f) => f.evidenceKey).sort(), `${rule.meta.id}: evidenceKeys depend on page order`).toEqual(identities);
  }
  const host = hostOf(context.site.homeUrl);
  if (host) {
    const moved = JSON.parse(JSON.stringify(context).split(host).join('preview-7.example.test:8443')) as RuleContext;
    expect(runFrozen(rule, moved).map((f) => f.evidenceKey).sort(), `${rule.meta.id}: evidenceKeys depend on the host`).toEqual(identities);
  }
}

export function runValidCase(rule: Rule, testCase: ValidCase): void {
  const findings = runFrozen(rule, testCase.context);
  if (findings.length !== 0) {
    throw new Error(`${rule.meta.id} "${testCase.name}": expected no findings, got ${findings.length}: ${keysOf(findings).join('; ')}`);
  }
}

function matches(expected: ExpectedFinding, actual: RuleFinding, rule: Rule): boolean {
  return (
    expected.messageId === actual.messageId &&
    (expected.severity === undefined || expected.severity === (actual.severity ?? rule.meta.defaultSeverity)) &&
    (expected.urls === undefined || JSON.stringify(expected.urls) === JSON.stringify(actual.urls)) &&
    (expected.evidenceKey === undefined || expected.evidenceKey === actual.evidenceKey) &&
    (expected.claimId === undefined || expected.claimId === actual.claim?.id)
  );
}

/** Runs one invalid case; returns the messageIds it produced. Expected findings match in any order. */
export function runInvalidCase(rule: Rule, testCase: InvalidCase): string[] {
  const findings = runFrozen(rule, testCase.context);
  const describeActual = () =>
    findings.map((f) => `${f.messageId} ${f.severity ?? rule.meta.defaultSeverity} ${f.evidenceKey} [${f.urls.join(', ')}]`).join('\n  ');
  if (findings.length !== testCase.findings.length) {
    throw new Error(`${rule.meta.id} "${testCase.name}": expected ${testCase.findings.length} finding(s), got ${findings.length}:\n  ${describeActual()}`);
  }
  const unused = [...findings];
  for (const expected of testCase.findings) {
    const index = unused.findIndex((f) => matches(expected, f, rule));
    if (index < 0) {
      throw new Error(`${rule.meta.id} "${testCase.name}": no finding matches ${JSON.stringify(expected)}; got:\n  ${describeActual()}`);
    }
    unused.splice(index, 1);
  }
  for (const f of findings) checkFindingContract(rule, testCase.context, f);
  checkStability(rule, testCase.context, findings);
  return findings.map((f) => f.messageId);
}

export function assertMessagesExercised(rule: Rule, seen: Iterable<string>): void {
  const used = new Set(seen);
  const missing = Object.keys(rule.meta.messages).filter((id) => !used.has(id));
  if (missing.length) throw new Error(`${rule.meta.id}: messageIds never exercised by an invalid case: ${missing.join(', ')}`);
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(rule.meta.id, () => {
    const seen = new Set<string>();
    describe('valid', () => {
      for (const c of tests.valid) it(c.name, () => runValidCase(rule, c));
    });
    describe('invalid', () => {
      for (const c of tests.invalid) {
        it(c.name, () => {
          for (const id of runInvalidCase(rule, c)) seen.add(id);
        });
      }
    });
    it('exercises every messageId', () => {
      // Computed from the cases themselves so it holds even when run alone (-t).
      const all = new Set<string>();
      for (const c of tests.invalid) for (const f of c.findings) all.add(f.messageId);
      for (const id of seen) all.add(id);
      assertMessagesExercised(rule, all);
    });
    it('declares a well-formed meta', () => {
      expect(rule.meta.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(rule.meta.docs).toBe(`rules/${rule.meta.id}.md`);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      expect(tests.valid.length + tests.invalid.length).toBeGreaterThan(0);
    });
  });
}
