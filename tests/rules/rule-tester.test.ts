// The rule tester must catch broken rules, or every rule test built on it could pass vacuously.
import { describe, expect, it } from 'vitest';
import { defineRule, type RuleFinding } from '../../rules/types.js';
import { context, headerCookie, page } from '../helpers/evidence-builders.js';
import { assertMessagesExercised, runInvalidCase, runValidCase } from '../helpers/rule-tester.js';

type Id = 'seen' | 'never';

function fakeRule(check: (pages: ReturnType<typeof context>) => RuleFinding<Id>[]) {
  return defineRule<Id>({
    meta: {
      id: 'test/fake',
      description: 'fake',
      defaultSeverity: 'error',
      docs: 'rules/test/fake.md',
      messages: { seen: 'saw {name}', never: 'never' },
      requires: { policy: false },
    },
    check,
  });
}

const oneCookie = context({ pages: [page({ cookies: [headerCookie('a')] }), page({ url: 'https://shop.example/b' })] });

const goodRule = fakeRule((ctx) =>
  ctx.site.pages.flatMap((p) => p.cookies.map((c) => ({ messageId: 'seen' as const, data: { name: c.name }, urls: [p.url], evidence: {}, evidenceKey: `cookie:${c.name}` }))),
);

describe('rule tester', () => {
  it('accepts a correct rule', () => {
    expect(runInvalidCase(goodRule, { name: 'ok', context: oneCookie, findings: [{ messageId: 'seen', severity: 'error' }] })).toEqual(['seen']);
  });

  it('fails a rule that mutates its input', () => {
    const mutating = fakeRule((ctx) => {
      ctx.site.pages.pop();
      return [];
    });
    expect(() => runValidCase(mutating, { name: 'm', context: oneCookie })).toThrow();
  });

  it('fails on a wrong finding count, severity or messageId', () => {
    expect(() => runInvalidCase(goodRule, { name: 'n', context: oneCookie, findings: [] })).toThrow(/expected 0 finding/);
    expect(() => runInvalidCase(goodRule, { name: 's', context: oneCookie, findings: [{ messageId: 'seen', severity: 'warning' }] })).toThrow(/no finding matches/);
    expect(() => runValidCase(goodRule, { name: 'v', context: oneCookie })).toThrow(/expected no findings/);
  });

  it('fails an evidenceKey carrying the host, or a message with missing data', () => {
    const hosty = fakeRule((ctx) => [{ messageId: 'seen', data: { name: 'x' }, urls: [ctx.site.homeUrl], evidence: {}, evidenceKey: ctx.site.homeUrl }]);
    expect(() => runInvalidCase(hosty, { name: 'h', context: oneCookie, findings: [{ messageId: 'seen' }] })).toThrow(/scheme or host/);
    const noData = fakeRule((ctx) => [{ messageId: 'seen', urls: [ctx.site.homeUrl], evidence: {}, evidenceKey: 'k' }]);
    expect(() => runInvalidCase(noData, { name: 'd', context: oneCookie, findings: [{ messageId: 'seen' }] })).toThrow(/placeholder/);
  });

  it('fails an evidenceKey that depends on page order', () => {
    const orderly = fakeRule((ctx) => [{ messageId: 'seen', data: { name: 'x' }, urls: [ctx.site.homeUrl], evidence: {}, evidenceKey: `first:${new URL(ctx.site.pages[0]?.url ?? '').pathname}` }]);
    expect(() => runInvalidCase(orderly, { name: 'o', context: oneCookie, findings: [{ messageId: 'seen' }] })).toThrow(/page order/);
  });

  it('reports a messageId no invalid case exercises', () => {
    expect(() => assertMessagesExercised(goodRule, ['seen'])).toThrow(/never/);
    expect(() => assertMessagesExercised(goodRule, ['seen', 'never'])).not.toThrow();
  });
});
