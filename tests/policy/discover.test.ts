import { describe, expect, it } from 'vitest';
import { discoverPolicy, findCookiePolicyLink } from '../../src/policy/discover.js';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import { HOME, link, page, url } from '../helpers/evidence-builders.js';

function homePage(body: string): ReturnType<typeof extractPageEvidence> {
  const snapshot: PageSnapshot = {
    url: HOME,
    finalUrl: HOME,
    status: 200,
    hops: [{ url: HOME, status: 200, headers: { 'content-type': 'text/html' }, setCookie: [] }],
    contentType: 'text/html',
    depth: 0,
    pass: 'crawl',
    durationMs: 1,
    bytes: body.length,
    truncated: false,
    body,
  };
  return extractPageEvidence(snapshot);
}

describe('discoverPolicy', () => {
  it('prefers exact wording in the home page footer', () => {
    const pages = [
      page({ links: [link('/legal', 'Legal', { region: 'main' }), link('/privacy-policy', 'Privacy Policy', { region: 'footer' }), link('/blog/privacy-tips', 'Five privacy tips for parents', { region: 'main' })] }),
      page({ url: url('/about'), links: [link('/privacy-notice', 'Privacy Notice', { region: 'footer' })] }),
    ];
    const found = discoverPolicy(pages, HOME);
    expect(found.url).toBe(url('/privacy-policy'));
    expect(found.foundBy).toMatch(/Privacy Policy/);
    expect(found.foundBy).toMatch(/footer/);
    expect(found.candidates.map((c) => c.url)).toContain(url('/blog/privacy-tips'));
    expect(found.candidates[0]?.reasons).toContain('exact privacy wording');
  });

  it('reads title, aria-label and href, and accepts Datenschutz and off-site targets', () => {
    expect(discoverPolicy([page({ links: [link('https://app.termly.io/document/privacy-policy/abc', '', { ariaLabel: 'Privacy' })] })], HOME).url).toBe(
      'https://app.termly.io/document/privacy-policy/abc',
    );
    expect(discoverPolicy([page({ links: [link('/datenschutz', 'Datenschutz')] })], HOME).url).toBe(url('/datenschutz'));
    expect(discoverPolicy([page({ links: [link('/docs/pp.pdf', 'Read this', { title: 'Privacy & Cookies' })] })], HOME).url).toBe(url('/docs/pp.pdf'));
  });

  it('a settings or opt-out link is not the policy', () => {
    const found = discoverPolicy([page({ links: [link('/privacy-settings', 'Privacy settings'), link('/privacy', 'Privacy')] })], HOME);
    expect(found.url).toBe(url('/privacy'));
  });

  it('finds a separate cookie policy', () => {
    const found = discoverPolicy([page({ links: [link('/privacy', 'Privacy'), link('/cookies', 'Cookie Policy')] })], HOME);
    expect(found.cookiePolicyUrl).toBe(url('/cookies'));
  });

  it('no candidate: null with a reason; ties are deterministic', () => {
    expect(discoverPolicy([page({ links: [link('/about', 'About us')] })], HOME)).toMatchObject({ url: null, candidates: [] });
    const a = discoverPolicy([page({ links: [link('/b/privacy', 'Privacy'), link('/a/privacy', 'Privacy')] })], HOME);
    const b = discoverPolicy([page({ links: [link('/a/privacy', 'Privacy'), link('/b/privacy', 'Privacy')] })], HOME);
    expect(a.url).toBe(b.url);
  });

  it('reads a link labelled only by title, aria-label or an image alt, from real HTML', () => {
    const byTitle = homePage('<html><body><main><p>Hi</p></main><footer><a href="/legal/p1" title="Privacy Policy">§</a></footer></body></html>');
    expect(discoverPolicy([byTitle], HOME)).toMatchObject({ url: url('/legal/p1') });
    const byAria = homePage('<html><body><footer><a href="/legal/p2" aria-label="Privacy notice"><svg></svg></a></footer></body></html>');
    const found = discoverPolicy([byAria], HOME);
    expect(found.url).toBe(url('/legal/p2'));
    expect(found.foundBy).toContain('Privacy notice');
    const byAlt = homePage('<html><body><footer><a href="/legal/p3"><img src="/i.png" alt="Privacy Policy"></a></footer></body></html>');
    expect(discoverPolicy([byAlt], HOME).url).toBe(url('/legal/p3'));
  });

  it('exact wording wins even when the title repeats it', () => {
    const found = discoverPolicy([page({ links: [link('/privacy', 'Privacy Policy', { title: 'Privacy Policy' })] })], HOME);
    expect(found.candidates[0]?.reasons).toContain('exact privacy wording');
  });

  it('ranks the home footer over a deeper page, and records every candidate with its reasons', () => {
    const pages = [
      page({ links: [link('/legal/privacy', 'Privacy', { region: 'footer' })] }),
      page({ url: url('/shop'), links: [link('/privacy-old', 'Privacy Policy', { region: 'main' })] }),
    ];
    const found = discoverPolicy(pages, HOME);
    expect(found.url).toBe(url('/legal/privacy'));
    expect(found.candidates.map((c) => c.url)).toEqual([url('/legal/privacy'), url('/privacy-old')]);
    expect(found.candidates[0]?.reasons).toEqual(['exact privacy wording', 'href says privacy', 'on the home page', 'in the home page footer']);
    expect(found.candidates[1]?.score).toBeLessThan(found.candidates[0]?.score ?? 0);
  });

  it("another party's policy linked from an article is not the site's policy", () => {
    const pages = [
      page({ links: [link('/legal', 'Legal & privacy', { region: 'footer' })] }),
      page({ url: url('/blog/ga'), links: [link('https://policies.google.com/privacy', "Google's Privacy Policy", { region: 'main' })] }),
    ];
    expect(discoverPolicy(pages, HOME).url).toBe(url('/legal'));
    const alone = discoverPolicy([page({ url: url('/blog/ga'), links: [link('https://policies.google.com/privacy', "Google's Privacy Policy", { region: 'main' })] })], HOME);
    expect(alone.url).toBeNull();
  });

  it('a link back to the home page or to the page itself is not a policy document', () => {
    const found = discoverPolicy([page({ links: [link('/#privacy', 'Privacy'), link('/', 'Cookie Policy')] })], HOME);
    expect(found.url).toBeNull();
    expect(found.cookiePolicyUrl).toBeUndefined();
  });

  it('cookie policy wording: Cookie Notice, Cookies Policy, a bare "Cookies"; settings links and privacy & cookies are not one', () => {
    for (const text of ['Cookie Notice', 'Cookies Policy', 'Cookies', 'Cookie Statement']) {
      expect(discoverPolicy([page({ links: [link('/privacy', 'Privacy'), link('/c', text)] })], HOME).cookiePolicyUrl, text).toBe(url('/c'));
    }
    for (const text of ['Cookie settings', 'Manage cookies', 'Privacy & Cookies']) {
      expect(discoverPolicy([page({ links: [link('/privacy', 'Privacy'), link('/c', text)] })], HOME).cookiePolicyUrl, text).toBeUndefined();
    }
    const both = discoverPolicy([page({ links: [link('/privacy-and-cookies', 'Privacy & Cookies')] })], HOME);
    expect(both.url).toBe(url('/privacy-and-cookies'));
    expect(both.cookiePolicyUrl).toBeUndefined();
  });

  it('findCookiePolicyLink reads the policy page own links, skipping links back to the policy', () => {
    const links = [link('/privacy#cookies', 'Cookie Policy'), link('/cookie-policy', 'cookie policy', { region: 'main' })];
    expect(findCookiePolicyLink(links, [url('/privacy')])).toBe(url('/cookie-policy'));
    expect(findCookiePolicyLink([link('/cookies', '', { region: 'main' })], [])).toBe(url('/cookies'));
    expect(findCookiePolicyLink([link('javascript:void(0)', 'Cookie Policy')], [])).toBeUndefined();
  });

  it('rel="privacy-policy" (RFC 6903) marks the policy even under vague wording', () => {
    const found = discoverPolicy([page({ links: [link('/legal', 'Legal', { rel: 'privacy-policy' }), link('/privacy-tips', 'Privacy tips', { region: 'main' })] })], HOME);
    expect(found.url).toBe(url('/legal'));
    expect(found.candidates[0]?.reasons).toContain('rel="privacy-policy"');
  });

  it('an off-site cookie page counts only on a policy service (not a general explainer)', () => {
    const explainer = discoverPolicy([page({ links: [link('/privacy', 'Privacy'), link('https://www.allaboutcookies.org/', 'About cookies')] })], HOME);
    expect(explainer.cookiePolicyUrl).toBeUndefined();
    const termly = discoverPolicy([page({ links: [link('/privacy', 'Privacy'), link('https://app.termly.io/document/cookie-policy/abc', 'Cookie Policy')] })], HOME);
    expect(termly.cookiePolicyUrl).toBe('https://app.termly.io/document/cookie-policy/abc');
  });
});
