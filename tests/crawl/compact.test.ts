import { describe, expect, it } from 'vitest';
import { compactEvidence, LINKS_PER_PAGE_CAP } from '../../src/crawl/compact.js';
import type { LinkEvidence, PageEvidence } from '../../src/evidence/types.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';

function page(links: LinkEvidence[]): PageEvidence {
  return {
    url: 'https://example.com/',
    finalUrl: 'https://example.com/',
    status: 200,
    depth: 0,
    pass: 'crawl',
    contentType: 'text/html',
    hops: [],
    links,
    cookies: [],
    resources: [],
    forms: [],
    scriptSignals: { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] },
  };
}

const link = (href: string, extra: Partial<LinkEvidence> = {}): LinkEvidence => ({ href, text: 'more', region: 'main', ...extra });

describe('compactEvidence', () => {
  it('keeps each exact duplicate link once, in first-seen order', () => {
    const out = compactEvidence(page([link('https://example.com/a'), link('https://example.com/b'), link('https://example.com/a'), link('https://example.com/b')]));
    expect(out.links.map((l) => l.href)).toEqual(['https://example.com/a', 'https://example.com/b']);
    expect(out.linksTruncated).toBeUndefined();
  });

  it('keeps links that differ in any field', () => {
    const variants = [
      link('https://example.com/a'),
      link('https://example.com/a', { text: 'other' }),
      link('https://example.com/a', { title: 't' }),
      link('https://example.com/a', { ariaLabel: 'l' }),
      link('https://example.com/a', { rel: 'nofollow' }),
      link('https://example.com/a', { region: 'footer' }),
    ];
    expect(compactEvidence(page([...variants])).links).toEqual(variants);
  });

  it('marks a page whose links reached the cap', () => {
    const many = Array.from({ length: LINKS_PER_PAGE_CAP }, (_, i) => link(`https://example.com/l/${i}`));
    expect(compactEvidence(page(many)).linksTruncated).toBe(true);
    expect(compactEvidence(page(many.slice(1))).linksTruncated).toBeUndefined();
  });

  it('matches the extractor: a page of 100,000 links is marked, and its repeated footer link shrinks to one', () => {
    const body = `<a href="/privacy">Privacy</a>${Array.from({ length: 100_000 }, (_, i) => `<a href="/l/${i}">l</a>`).join('')}`;
    const evidence = extractPageEvidence({
      url: 'https://example.com/', finalUrl: 'https://example.com/', status: 200, hops: [], contentType: 'text/html', depth: 0, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false, body,
    });
    expect(compactEvidence(evidence).linksTruncated).toBe(true);
    const repeated = `<p>x <a href="/privacy">more</a></p>`.repeat(3000);
    const small = extractPageEvidence({
      url: 'https://example.com/', finalUrl: 'https://example.com/', status: 200, hops: [], contentType: 'text/html', depth: 0, pass: 'crawl', durationMs: 1, bytes: repeated.length, truncated: false, body: repeated,
    });
    expect(small.links).toHaveLength(3000);
    expect(compactEvidence(small).links).toHaveLength(1);
  });
});
