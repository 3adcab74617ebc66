import { describe, expect, it } from 'vitest';
import { discoverPolicy } from '../../src/policy/discover.js';
import { HOME, link, page, url } from '../helpers/evidence-builders.js';

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
});
