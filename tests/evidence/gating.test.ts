import { describe, expect, it } from 'vitest';
import { page } from './helpers.js';

const GA = "var s=document.createElement('script'); s.src='https://www.googletagmanager.com/gtag/js?id=G-GATED1'; document.head.appendChild(s); gtag('config', 'G-GATED1');";

function gating(code: string) {
  const ev = page(`<script>${code}</script>`);
  const ga = ev.resources.find((r) => r.url.includes('G-GATED1'));
  return { signals: ev.scriptSignals, gatedOn: ga?.gatedOn ?? [], found: Boolean(ga) };
}

describe('DNT / GPC gating in page script', () => {
  it('an if block on navigator.doNotTrack gates the load', () => {
    const r = gating(`if (navigator.doNotTrack !== '1' && window.doNotTrack !== '1') { ${GA} }`);
    expect(r.found).toBe(true);
    expect(r.gatedOn).toEqual(['dnt']);
    expect(r.signals).toMatchObject({ readsDnt: true, readsGpc: false, dntGated: ['https://www.googletagmanager.com/gtag/js?id=G-GATED1'], gpcGated: [] });
  });

  it('a load outside the conditional is not gated, though the value is read', () => {
    const r = gating(`var dntOn = navigator.doNotTrack == '1'; if (dntOn) { console.log('dnt'); } ${GA}`);
    expect(r.gatedOn).toEqual([]);
    expect(r.signals.readsDnt).toBe(true);
    expect(r.signals.dntGated).toEqual([]);
  });

  it('fingerprinting reads are not gating', () => {
    const r = gating(`var fp = [navigator.userAgent, navigator.doNotTrack, navigator.globalPrivacyControl, screen.width].join('|');
      new Image().src = 'https://fp.example.net/c?d=' + encodeURIComponent(fp); ${GA}`);
    expect(r.signals).toEqual({ readsDnt: true, readsGpc: true, dntGated: [], gpcGated: [] });
    expect(r.gatedOn).toEqual([]);
  });

  it('an early return on the signal gates what follows in the function', () => {
    const r = gating(`(function () { if (navigator.globalPrivacyControl) return; ${GA} })();`);
    expect(r.gatedOn).toEqual(['gpc']);
  });

  it('a variable computed from the signal counts, including in an else branch', () => {
    const r = gating(`const optedOut = navigator.doNotTrack === '1' || navigator.globalPrivacyControl === true;
      if (optedOut) { console.log('respecting'); } else { ${GA} }`);
    expect(r.gatedOn).toEqual(['dnt', 'gpc']);
  });

  it('&& and ternary guards gate a loader function called only there', () => {
    const r = gating(`function loadAnalytics() { ${GA} }
      navigator.doNotTrack !== '1' && loadAnalytics();`);
    expect(r.gatedOn).toEqual(['dnt']);
    const t = gating(`function loadAnalytics() { ${GA} }
      var started = navigator.globalPrivacyControl ? null : loadAnalytics();`);
    expect(t.gatedOn).toEqual(['gpc']);
  });

  it('a loader function also called unconditionally is not gated', () => {
    const r = gating(`function loadAnalytics() { ${GA} }
      if (navigator.doNotTrack !== '1') { loadAnalytics(); }
      document.addEventListener('click', function () { loadAnalytics(); });`);
    expect(r.gatedOn).toEqual([]);
  });

  it('a ga-disable opt-out set under the signal gates that GA id', () => {
    const r = gating(`${GA} if (navigator.doNotTrack == "1") { window['ga-disable-G-GATED1'] = true; }`);
    expect(r.gatedOn).toEqual(['dnt']);
  });

  it('the classic normalised-DNT pattern around analytics.js', () => {
    const ev = page(`<script>
      var dnt = (navigator.doNotTrack || window.doNotTrack || navigator.msDoNotTrack);
      var doNotTrack = (dnt == "1" || dnt == "yes");
      if (!doNotTrack) {
        (function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;a=s.createElement(o);a.async=1;a.src=g})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');
        ga('create', 'UA-12345-6', 'auto'); ga('send', 'pageview');
      }
    </script>`);
    expect(ev.resources.map((r) => [r.url, r.gatedOn])).toEqual([['https://www.google-analytics.com/analytics.js', ['dnt']]]);
    expect(ev.scriptSignals.dntGated).toEqual(['https://www.google-analytics.com/analytics.js']);
  });

  it('GPC gating of an ad pixel leaves the analytics tag ungated', () => {
    const ev = page(`<script>gtag('config', 'G-ALWAYS1'); if (!navigator.globalPrivacyControl) { ttq.load('C4GPCGATED01'); }</script>`);
    expect(ev.resources.map((r) => [r.vendor, r.gatedOn ?? []])).toEqual([['Google Analytics', []], ['TikTok Pixel', ['gpc']]]);
    expect(ev.scriptSignals).toMatchObject({ readsDnt: false, readsGpc: true, dntGated: [] });
  });

  it('braces inside strings and comments do not break block matching', () => {
    const r = gating(`if (navigator.doNotTrack != "1") { var t = "}"; /* } */ // }
        ${GA} }
      var other = '{';`);
    expect(r.gatedOn).toEqual(['dnt']);
  });

  it('a gated inline load next to an ungated <script src> of the same URL is not gated', () => {
    const ev = page(`<script src="https://www.googletagmanager.com/gtag/js?id=G-GATED1"></script><script>if (navigator.doNotTrack !== '1') { gtag('config', 'G-GATED1'); }</script>`);
    expect(ev.resources).toHaveLength(1);
    expect(ev.resources[0]?.gatedOn).toBeUndefined();
  });
});
