import { describe, expect, it } from 'vitest';
import { classifyUrl, finalizeSiteEvidence, firstPartyFor, inferTrackerCookies, siteDomainOf } from '../../src/evidence/third-party.js';
import { page } from './helpers.js';

const FP = firstPartyFor('https://shop.example.com/', 'https://www.example.com/', []);

describe('third-party classification', () => {
  it('the first party is the start and home registrable domains plus config domains', () => {
    expect(FP).toEqual({ domains: ['example.com'] });
    expect(firstPartyFor('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/home', ['https://static.example-cdn.net/x', '*.Assets.Example.org']).domains)
      .toEqual(['127.0.0.1', 'assets.example.org', 'static.example-cdn.net']);
    expect(classifyUrl('https://cdn.example.com/app.js', FP)).toBeUndefined();
  });

  it('Google Analytics and GTM are trackers; fonts, Stripe and PayPal are not', () => {
    expect(classifyUrl('https://www.google-analytics.com/analytics.js', FP)).toEqual({ domain: 'google-analytics.com', entity: 'Google Analytics', categories: ['analytics'], tracker: true });
    expect(classifyUrl('https://www.googletagmanager.com/gtm.js?id=GTM-X', FP)?.tracker).toBe(true);
    expect(classifyUrl('https://fonts.googleapis.com/css2?family=Inter', FP)).toMatchObject({ entity: 'Google Fonts', tracker: false });
    expect(classifyUrl('https://fonts.gstatic.com/s/inter.woff2', FP)?.tracker).toBe(false);
    expect(classifyUrl('https://js.stripe.com/v3/', FP)).toMatchObject({ entity: 'Stripe', tracker: false });
    expect(classifyUrl('https://www.paypal.com/sdk/js', FP)?.tracker).toBe(false);
    expect(classifyUrl('https://connect.facebook.net/en_US/fbevents.js', FP)).toMatchObject({ entity: 'Facebook', tracker: true });
  });

  it('session-recording vendors are trackers even where third-party-web files them elsewhere', () => {
    expect(classifyUrl('https://www.clarity.ms/tag/abc', FP)).toMatchObject({ categories: ['utility', 'session-recording'], tracker: true });
    expect(classifyUrl('https://cdn.logrocket.io/LogRocket.min.js', FP)).toMatchObject({ entity: 'LogRocket', categories: ['session-recording'], tracker: true });
  });

  it('a site hosted by a vendor does not make that vendor first party', () => {
    for (const home of ['https://acme.blogspot.com/', 'https://storage.googleapis.com/acme/index.html', 'https://sites.google.com/view/acme', 'https://acme.web.app/']) {
      const fp = firstPartyFor(home, home, []);
      expect(fp.entity).toBeUndefined();
      expect(classifyUrl('https://www.google-analytics.com/analytics.js', fp)?.tracker).toBe(true);
      expect(classifyUrl('https://www.googletagmanager.com/gtag/js?id=G-1', fp)?.tracker).toBe(true);
    }
    expect(siteDomainOf('acme.blogspot.com')).toBe('acme.blogspot.com');
    expect(classifyUrl('https://other.blogspot.com/x.js', firstPartyFor('https://acme.blogspot.com/', 'https://acme.blogspot.com/', []))).toBeDefined();
  });

  it("a vendor's own site keeps its own product first party, but not a sibling product", () => {
    const fp = firstPartyFor('https://www.facebook.com/', 'https://www.facebook.com/', []);
    expect(fp.entity).toBe('Facebook');
    expect(classifyUrl('https://connect.facebook.net/en_US/sdk.js', fp)).toBeUndefined();
    const google = firstPartyFor('https://www.google.com/', 'https://www.google.com/', []);
    expect(classifyUrl('https://www.google-analytics.com/analytics.js', google)?.entity).toBe('Google Analytics');
  });

  it('classifySite fills thirdParty only for third-party URLs, hosts without a vendor keep their domain', () => {
    const ev = page('<script src="/a.js"></script><img src="https://pixel.unknown-vendor.io/p.gif"><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>');
    const fp = finalizeSiteEvidence([ev], { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] });
    expect(fp.domains).toEqual(['example.com']);
    expect(ev.resources.map((r) => r.thirdParty ? [r.thirdParty.domain, r.thirdParty.entity ?? null, r.thirdParty.tracker] : null)).toEqual([
      null, ['unknown-vendor.io', null, false], ['googletagmanager.com', 'Google Tag Manager', true],
    ]);
  });
});

describe('known tracker cookies', () => {
  it('infers cookies with their documentation for trackers the page loads', () => {
    const ev = page(`<script async src="https://www.googletagmanager.com/gtag/js?id=G-ZX81"></script><script>gtag('config','G-ZX81'); fbq('init', '555666777');</script>`);
    finalizeSiteEvidence([ev], { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] });
    const inferred = ev.cookies.filter((c) => c.source === 'known-tracker');
    expect(inferred.map((c) => [c.name, c.vendor])).toEqual([
      ['_ga', 'Google Analytics'], ['_ga_ZX81', 'Google Analytics'], ['_fbp', 'Meta Pixel'], ['_fbc', 'Meta Pixel'],
    ]);
    expect(inferred.every((c) => c.sourceUrl?.startsWith('https://'))).toBe(true);
  });

  it('infers nothing for hints, comments, consent-held scripts or noscript pixels', () => {
    const ev = page(`<link rel="preconnect" href="https://www.google-analytics.com"><!-- <script src="https://static.hotjar.com/c/hotjar-1.js"></script> -->
      <script type="text/plain" data-category="analytics" src="https://www.clarity.ms/tag/abc"></script>
      <noscript><img src="https://www.facebook.com/tr?id=1&ev=PageView"></noscript>`);
    finalizeSiteEvidence([ev], { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] });
    expect(ev.cookies).toEqual([]);
  });

  it('does not duplicate a cookie already seen, and skips loads gated on the pass signal', () => {
    const normal = page(`<script>if (navigator.doNotTrack !== '1') { gtag('config', 'G-DNT1'); }</script>`, { hops: [{ url: 'https://shop.example.com/', status: 200, headers: {}, setCookie: ['_ga=GA1.1.1'] }] });
    const dnt = page(`<script>if (navigator.doNotTrack !== '1') { gtag('config', 'G-DNT1'); }</script>`, { pass: 'dnt' });
    inferTrackerCookies([normal, dnt]);
    expect(normal.cookies.map((c) => [c.name, c.source])).toEqual([['_ga', 'header'], ['_ga_DNT1', 'known-tracker']]);
    expect(dnt.cookies).toEqual([]);
    inferTrackerCookies([normal]);
    expect(normal.cookies).toHaveLength(2);
  });

  it('self-hosted Matomo still sets its cookies', () => {
    const ev = page(`<script>var _paq = window._paq || []; var u="/stats/"; _paq.push(['setTrackerUrl', u+'matomo.php']);</script>`);
    finalizeSiteEvidence([ev], { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] });
    expect(ev.resources[0]?.thirdParty).toBeUndefined();
    expect(ev.cookies.map((c) => c.name)).toEqual(['_pk_id.*', '_pk_ses.*']);
  });
});

describe('cookieless configurations', () => {
  it('Matomo with disableCookies and GA with client_storage none infer no cookies', () => {
    const matomo = page(`<script>var _paq = window._paq || []; _paq.push(['disableCookies']); _paq.push(['trackPageView']);
      var u="https://stats.example.org/"; _paq.push(['setTrackerUrl', u+'matomo.php']);</script><script src="https://stats.example.org/matomo.js"></script>`);
    const ga = page(`<script src="https://www.googletagmanager.com/gtag/js?id=G-NOCK1"></script><script>gtag('config', 'G-NOCK1', { client_storage: 'none' });</script>`);
    const plain = page(`<script>var _paq = []; var u="https://stats.example.org/"; _paq.push(['setTrackerUrl', u+'matomo.php']);</script>`);
    finalizeSiteEvidence([matomo, ga, plain], { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] });
    expect(matomo.resources.find((r) => r.vendor === 'Matomo')?.cookieless).toBe(true);
    expect(matomo.cookies).toEqual([]);
    expect(ga.cookies).toEqual([]);
    expect(plain.cookies.map((c) => c.name)).toEqual(['_pk_id.*', '_pk_ses.*']);
  });
});
