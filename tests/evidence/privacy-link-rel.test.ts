/**
 * <link rel="privacy-policy"> in <head> is a link to the policy (a registered link type):
 * it becomes link evidence that discovery can rank, even when the body has no policy link.
 */
import { describe, expect, it } from 'vitest';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { discoverPolicy } from '../../src/policy/discover.js';
import type { PageSnapshot } from '../../src/crawl/types.js';

const home = 'http://127.0.0.1:4000/';
function page(body: string): PageSnapshot {
  return { url: home, finalUrl: home, status: 200, hops: [], contentType: 'text/html', depth: 0, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false, body };
}

describe('link rel=privacy-policy', () => {
  it('is link evidence and the policy discovery chooses', () => {
    const evidence = extractPageEvidence(page('<html><head><link rel="stylesheet" href="/s.css"><link rel="Privacy-Policy" href="/legal/data-notice"></head><body><a href="/about">About</a></body></html>'));
    expect(evidence.links).toContainEqual(expect.objectContaining({ href: `${home}legal/data-notice`, region: 'header', rel: 'Privacy-Policy' }));
    expect(evidence.resources.map((r) => r.url)).not.toContain(`${home}legal/data-notice`);
    expect(discoverPolicy([evidence], home).url).toBe(`${home}legal/data-notice`);
  });

  it('other link types are not links', () => {
    const evidence = extractPageEvidence(page('<html><head><link rel="canonical" href="/x"><link rel="terms-of-service" href="/tos"></head><body></body></html>'));
    expect(evidence.links).toEqual([]);
  });
});
