import { describe, expect, it } from 'vitest';
import { formatClaimsTable } from '../../src/policy/format-claims.js';
import { mergeStatedClaims } from '../../src/policy/merge-stated.js';
import { read } from './helpers.js';

describe('mergeStatedClaims', () => {
  it('a stated claim replaces extracted claims of the same topic and actor', () => {
    const doc = read('We may use cookies.\n\nWe do not sell your data.\n');
    const merged = mergeStatedClaims(doc.claims, [{ topic: 'cookies', stance: 'denies', quote: 'We set no cookies.' }], doc.url);
    const cookies = merged.filter((c) => c.topic === 'cookies');
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ stance: 'denies', source: 'config', quote: 'We set no cookies.' });
    expect(merged.some((c) => c.topic === 'sale' && c.source === 'extracted')).toBe(true);
  });

  it('a stated third-party claim leaves first-party claims alone', () => {
    const doc = read('We may use cookies.\n');
    const merged = mergeStatedClaims(doc.claims, [{ topic: 'cookies', stance: 'affirms', actor: 'third-party' }]);
    expect(merged.filter((c) => c.topic === 'cookies').map((c) => c.source).sort()).toEqual(['config', 'extracted']);
  });
});

describe('formatClaimsTable', () => {
  it('lists claims with quotes and strips control characters from site text', () => {
    const doc = read('We do not use cookies.\u001b[31m\n\nWe collect your email address.\n');
    const out = formatClaimsTable(doc, { color: false });
    expect(out).toContain('cookies');
    expect(out).toContain('denies');
    expect(out).toContain('“We collect your email address.”');
    expect(out).toContain('data: email');
    expect(out).not.toContain('\u001b');
  });

  it('says when nothing was understood, and shows the coverage note', () => {
    const out = formatClaimsTable({ url: 'x.pdf', foundBy: '--policy', text: '', sentences: [], claims: [], coverageNote: 'The policy is a PDF.' }, { color: true });
    expect(out).toContain('No claims were understood.');
    expect(out).toContain('The policy is a PDF.');
  });
});

describe('mergeRelatedDocument', () => {
  it('appends the cookie policy’s claims with fresh ids and lists it as related', async () => {
    const { mergeRelatedDocument } = await import('../../src/policy/merge-related.js');
    const main = read('We do not sell your data.\n');
    const { readPolicySource } = await import('../../src/policy/read-document.js');
    const cookies = readPolicySource({ url: 'https://example.test/cookies', body: 'We use one session cookie.\n', kind: 'text' }, 'link "Cookie Policy"');
    const merged = mergeRelatedDocument(main, cookies);
    expect(merged.claims.map((c) => c.id)).toEqual(merged.claims.map((_c, i) => `c${i + 1}`));
    expect(merged.claims.find((c) => c.topic === 'cookies')?.location.url).toBe('https://example.test/cookies');
    expect(merged.related).toEqual([{ url: 'https://example.test/cookies', foundBy: 'link "Cookie Policy"' }]);
    expect(mergeRelatedDocument(main, main)).toBe(main);
  });
});
