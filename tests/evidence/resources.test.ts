import { describe, expect, it } from 'vitest';
import { page } from './helpers.js';
import type { ResourceEvidence } from '../../src/evidence/types.js';

const summary = (rs: ResourceEvidence[]) => rs.map((r) => ({ url: r.url, kind: r.kind, notLoaded: r.notLoaded, noscript: r.noscript }));

describe('element resources', () => {
  it('collects script, iframe, img, link, form, media and object references', () => {
    const ev = page(`<script src="/app.js"></script><iframe src="https://www.youtube.com/embed/x"></iframe>
      <img src="/logo.png"><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter"><link rel="icon" href="/favicon.ico">
      <link rel="canonical" href="/home"><form action="https://forms.example.net/submit"></form>
      <video src="/v.mp4" poster="/p.jpg"><source src="/v.webm"></video><object data="/o.swf"></object><embed src="/e.swf">`);
    expect(summary(ev.resources).map((r) => [r.url.replace('https://shop.example.com', ''), r.kind])).toEqual([
      ['/app.js', 'script'], ['https://www.youtube.com/embed/x', 'iframe'], ['/logo.png', 'img'],
      ['https://fonts.googleapis.com/css2?family=Inter', 'link'], ['/favicon.ico', 'link'], ['https://forms.example.net/submit', 'form'],
      ['/v.mp4', 'other'], ['/p.jpg', 'img'], ['/v.webm', 'other'], ['/o.swf', 'other'], ['/e.swf', 'other'],
    ]);
  });

  it('marks a <noscript> tracking pixel and noscript GTM iframe', () => {
    const ev = page(`<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=123456789&ev=PageView&noscript=1"/></noscript>
      <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-ABCD12" height="0" width="0"></iframe></noscript>`);
    expect(summary(ev.resources)).toEqual([
      { url: 'https://www.facebook.com/tr?id=123456789&ev=PageView&noscript=1', kind: 'img', notLoaded: undefined, noscript: true },
      { url: 'https://www.googletagmanager.com/ns.html?id=GTM-ABCD12', kind: 'iframe', notLoaded: undefined, noscript: true },
    ]);
  });

  it('escaped markup inside <noscript> is text, not an image', () => {
    const ev = page('<noscript>&lt;img src="https://www.facebook.com/tr?id=1"&gt;</noscript>');
    expect(ev.resources).toEqual([]);
  });

  it('records resource hints as not loaded', () => {
    const ev = page(`<link rel="preconnect" href="https://www.google-analytics.com"><link rel="dns-prefetch" href="//connect.facebook.net">
      <link rel="prefetch" href="/next.html"><link rel="preload" as="script" href="/x.js">`);
    expect(ev.resources.map((r) => [r.url, r.notLoaded])).toEqual([
      ['https://www.google-analytics.com/', 'resource-hint'], ['https://connect.facebook.net/', 'resource-hint'],
      ['https://shop.example.com/next.html', 'resource-hint'], ['https://shop.example.com/x.js', undefined],
    ]);
  });

  it('records tags inside HTML comments as not loaded, including snippets', () => {
    const ev = page(`<!-- <script async src="https://static.hotjar.com/c/hotjar-99.js"></script> -->
      <!--[if lt IE 9]><script src="https://cdnjs.cloudflare.com/html5shiv.js"></script><![endif]-->
      <!-- <script>gtag('config', 'G-OLD1234');</script> -->`);
    expect(ev.resources.map((r) => [r.url, r.notLoaded])).toEqual([
      ['https://static.hotjar.com/c/hotjar-99.js', 'html-comment'],
      ['https://cdnjs.cloudflare.com/html5shiv.js', 'html-comment'],
      ['https://www.googletagmanager.com/gtag/js?id=G-OLD1234', 'html-comment'],
    ]);
  });

  it('records consent-held scripts and iframes (several consent managers) as not loaded', () => {
    const ev = page(`<script type="text/plain" data-cookieconsent="statistics" src="https://www.googletagmanager.com/gtag/js?id=G-CB"></script>
      <script type="text/plain" class="optanon-category-C0004" src="https://connect.facebook.net/en_US/fbevents.js"></script>
      <script type="text/plain" data-category="analytics">gtag('config', 'G-HELD01');</script>
      <iframe data-src="https://www.youtube.com/embed/abc" data-cookiecategory="marketing"></iframe>
      <script type="text/plain" src="https://static.hotjar.com/c/hotjar-1.js"></script>`);
    expect(ev.resources.map((r) => [r.url, r.notLoaded])).toEqual([
      ['https://www.googletagmanager.com/gtag/js?id=G-CB', 'consent-held'],
      ['https://connect.facebook.net/en_US/fbevents.js', 'consent-held'],
      ['https://www.youtube.com/embed/abc', 'consent-held'],
      ['https://static.hotjar.com/c/hotjar-1.js', 'inert-script-type'],
      ['https://www.googletagmanager.com/gtag/js?id=G-HELD01', 'consent-held'],
    ]);
  });

  it('de-duplicates a URL referenced twice, keeping the first', () => {
    const ev = page('<img src="/a.png"><img src="/a.png#x"><img src="/a.png">');
    expect(ev.resources).toHaveLength(1);
  });
});

describe('inline tracker snippets', () => {
  const snippet = (code: string) => page(`<script>${code}</script>`).resources.map((r) => ({ url: r.url, vendor: r.vendor, tagId: r.tagId, kind: r.kind }));

  it('gtag config ids map to the vendor URL', () => {
    expect(snippet("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-ABC1234'); gtag('config', 'AW-987654');")).toEqual([
      { url: 'https://www.googletagmanager.com/gtag/js?id=G-ABC1234', vendor: 'Google Analytics', tagId: 'G-ABC1234', kind: 'inline-script' },
      { url: 'https://www.googleadservices.com/pagead/conversion/AW-987654/', vendor: 'Google Ads', tagId: 'AW-987654', kind: 'inline-script' },
    ]);
  });

  it('the GTM container snippet yields the container URL', () => {
    const gtm = `(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-K9X2ZQ');`;
    expect(snippet(gtm)).toEqual([{ url: 'https://www.googletagmanager.com/gtm.js?id=GTM-K9X2ZQ', vendor: 'Google Tag Manager', tagId: 'GTM-K9X2ZQ', kind: 'inline-script' }]);
  });

  it('Meta Pixel, Hotjar, Clarity, TikTok and LinkedIn snippets', () => {
    const found = snippet(`!function(f,b,e,v,n,t,s){n=f.fbq=function(){};t=b.createElement(e);t.src=v}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js'); fbq('init', '1234567890123'); fbq('track', 'PageView');
      (function(h,o,t,j,a,r){h.hj=h.hj||function(){};h._hjSettings={hjid:3141592,hjsv:6};r.src=t+h._hjSettings.hjid+j})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
      (function(c,l,a,r,i,t,y){t=l.createElement(r);t.src="https://www.clarity.ms/tag/"+i;})(window, document, "clarity", "script", "k3jd8s2la");
      ttq.load('C4ABCDEF123456'); _linkedin_partner_id = "1234567";`);
    expect(found.map((f) => f.vendor)).toEqual(['Meta Pixel', 'Hotjar', 'Microsoft Clarity', 'TikTok Pixel', 'LinkedIn Insight Tag']);
    expect(found.map((f) => f.url)).toContain('https://static.hotjar.com/c/hotjar-3141592.js');
    expect(found.map((f) => f.url)).toContain('https://www.clarity.ms/tag/k3jd8s2la');
  });

  it('Matomo _paq resolves its tracker URL (self-hosted stays on the site)', () => {
    const paq = (u: string) => snippet(`var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); (function() { var u="${u}"; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '1']); })();`);
    expect(paq('//stats.shop.example.com/')[0]).toMatchObject({ url: 'https://stats.shop.example.com/matomo.php', vendor: 'Matomo' });
    expect(paq('https://acme.matomo.cloud/')[0]).toMatchObject({ url: 'https://acme.matomo.cloud/matomo.php', vendor: 'Matomo' });
  });

  it('keeps script URLs in inline loaders but not share links to social sites', () => {
    const found = snippet(`var s=document.createElement('script'); s.src='https://cdn.segment.com/analytics.js/v1/KEY/analytics.min.js';
      shareBtn.href = 'https://www.facebook.com/sharer/sharer.php?u=' + location.href; window.open('https://twitter.com/intent/tweet');
      new Image().src = 'https://bat.bing.com/action/0?ti=123';`);
    expect(found.map((f) => f.url)).toEqual(['https://cdn.segment.com/analytics.js/v1/KEY/analytics.min.js', 'https://bat.bing.com/action/0?ti=123']);
  });

  it('a gtag config beside its gtag.js tag merges into one resource', () => {
    const ev = page(`<script async src="https://www.googletagmanager.com/gtag/js?id=G-MERGE1"></script><script>gtag('config', 'G-MERGE1')</script>`);
    expect(ev.resources).toEqual([{ url: 'https://www.googletagmanager.com/gtag/js?id=G-MERGE1', kind: 'script', via: 'script[src]', vendor: 'Google Analytics', tagId: 'G-MERGE1' }]);
  });
});
