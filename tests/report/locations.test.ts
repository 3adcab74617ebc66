import { describe, expect, it } from 'vitest';
import { anchorFor, matchPathMap, repoRelativePath, sourceLineOfQuote } from '../../src/report/locations.js';
import { finding, sampleContext } from './sample-report.js';

describe('path map', () => {
  const map = { '/blog': 'content/blog.md', '/blog/2024/': 'content/2024.md', '/about': 'about.html', 'https://x.example/faq': 'faq.md' };
  it('exact path first, then the longest prefix at a segment boundary', () => {
    expect(matchPathMap('https://s/blog', map)).toBe('content/blog.md');
    expect(matchPathMap('https://s/blog/2024/post', map)).toBe('content/2024.md');
    expect(matchPathMap('https://s/blog/other', map)).toBe('content/blog.md');
    expect(matchPathMap('https://s/blogger', map)).toBeUndefined();
    expect(matchPathMap('https://other-host/faq', map)).toBe('faq.md');
    expect(matchPathMap('not a url', map)).toBeUndefined();
    expect(matchPathMap('https://s/anything', { '/': 'index.md' })).toBe('index.md');
  });
  it('repository paths are relative POSIX paths inside the root', () => {
    expect(repoRelativePath('/repo/content/p.md', '/repo')).toBe('content/p.md');
    expect(repoRelativePath('./content/p.md', '/repo')).toBe('content/p.md');
    expect(repoRelativePath('content\\p.md', '/repo')).toBe('content/p.md');
    expect(repoRelativePath('/elsewhere/p.md', '/repo')).toBeNull();
    expect(repoRelativePath('../p.md', '/repo')).toBeNull();
  });
});

describe('anchorFor', () => {
  const claim = { id: 'c1', quote: 'q', url: 'https://s/privacy', line: 7 };
  it('claim line in a local policy file wins', () => {
    const ctx = sampleContext({ sarif: { map: { '/': 'index.md' }, fallbackFile: 'README.md', policyFile: { path: 'policy/privacy.md' } } });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', claim }), ctx)).toEqual({ path: 'policy/privacy.md', line: 7, kind: 'policy-line' });
  });
  it('then the mapped page, then the mapped policy page, then the fallback', () => {
    const ctx = sampleContext({ sarif: { map: { '/about': 'about.md', '/privacy': 'privacy.md' }, fallbackFile: 'docs/lint.md' } });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', url: 'https://s/about', claim }), ctx).path).toBe('about.md');
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', url: 'https://s/x', claim }), ctx)).toEqual({ path: 'privacy.md', line: 1, kind: 'policy-file' });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', url: 'https://s/x' }), ctx)).toEqual({ path: 'docs/lint.md', line: 1, kind: 'fallback' });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f' }), sampleContext()).path).toBe('README.md');
  });
  it('a policy file outside the repository falls through to the fallback', () => {
    const ctx = sampleContext({ sarif: { map: {}, fallbackFile: 'README.md', policyFile: { path: '/tmp/policy.txt' } } });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', claim }), ctx).kind).toBe('fallback');
  });
});

describe('quote lines in a local policy source file', () => {
  const html = [
    '<!doctype html>',
    '<html><body>',
    '<h2>Do we use &lsquo;cookies&rsquo;?</h2>',
    '<p>We do <strong>not</strong>',
    '   use cookies &amp; similar tools.</p>',
    '<p>We do not sell, trade, and transfer to outside parties your information.</p>',
    '</body></html>',
  ].join('\n');

  it('finds the line where the quote starts, across markup, entities and line breaks', () => {
    expect(sourceLineOfQuote(html, 'We do not use cookies & similar tools.')).toBe(4);
    expect(sourceLineOfQuote(html, 'We do not sell, trade, and transfer to outside parties your information.')).toBe(6);
    expect(sourceLineOfQuote(html, 'We never heard of this.')).toBeUndefined();
    expect(sourceLineOfQuote(html, '—')).toBeUndefined();
  });

  it('with several matches, takes the one nearest the claim line', () => {
    const md = 'We do not use cookies.\n\n## Again\n\nWe do not use cookies.\n';
    expect(sourceLineOfQuote(md, 'We do not use cookies.', 5)).toBe(5);
    expect(sourceLineOfQuote(md, 'We do not use cookies.', 1)).toBe(1);
  });

  it('anchorFor uses the source text when the caller passes it, else the claim line', () => {
    const claim = { id: 'c1', quote: 'We do not sell, trade, and transfer to outside parties your information.', url: 'policy.html', line: 3 };
    const withText = sampleContext({ sarif: { map: {}, fallbackFile: 'README.md', policyFile: { path: 'policy.html', text: html } } });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', claim }), withText)).toEqual({ path: 'policy.html', line: 6, kind: 'policy-line' });
    const without = sampleContext({ sarif: { map: {}, fallbackFile: 'README.md', policyFile: { path: 'policy.html' } } });
    expect(anchorFor(finding({ ruleId: 'a/b', fingerprint: 'f', claim }), without).line).toBe(3);
  });
});
