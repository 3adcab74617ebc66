import { describe, expect, it } from 'vitest';
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { capNesting, HARD_DEPTH_CAP, SOFT_DEPTH_CAP } from '../../src/evidence/flatten.js';
import { page, snapshot } from './helpers.js';

describe('hostile and broken pages', () => {
  it('HTML nested 100,000 levels deep gives evidence, not a stack overflow', () => {
    const html = `${'<div>'.repeat(100_000)}<a href="/deep">Deep privacy</a>${'</div>'.repeat(100_000)}<footer><a href="/privacy">Privacy</a></footer>`;
    const ev = page(html);
    expect(ev.flattened).toBe(true);
    expect(ev.links.map((l) => [l.href, l.text, l.region])).toEqual([
      ['https://shop.example.com/deep', 'Deep privacy', 'other'],
      ['https://shop.example.com/privacy', 'Privacy', 'footer'],
    ]);
  });

  it('unclosed deep nesting followed by unmatched end tags', () => {
    const ev = page(`${'<span><b>'.repeat(60_000)}${'</i></p>'.repeat(60_000)}<img src="/end.png">`);
    expect(ev.resources.map((r) => r.url)).toEqual(['https://shop.example.com/end.png']);
  });

  it('100,000 nested links are bounded and keep their text', () => {
    const ev = page('<a href="/x">x'.repeat(100_000));
    expect(ev.links.length).toBeGreaterThan(0);
    expect(ev.links.length).toBeLessThanOrEqual(HARD_DEPTH_CAP + 1);
  });

  it('5 MB of tag soup parses to bounded evidence', () => {
    const parts = ['<p><b>x', '</i><a href=/a', '>t</td><tr>', '<!-- c <script src=//x.example/y.js> -->', '<table><li>', '<form><input name=email>', '<img src=/i.png alt="', '"><script>if(navigator.doNotTrack){', '</script>'];
    let html = '';
    for (let i = 0; html.length < 5_000_000; i++) html += parts[i % parts.length] + String(i);
    const ev = page(html);
    expect(ev.links.length).toBeGreaterThan(0);
    expect(ev.links.length).toBeLessThanOrEqual(5000);
    expect(ev.resources.length).toBeLessThanOrEqual(2000);
    expect(ev.forms.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(ev).length).toBeLessThan(2_000_000);
  });

  it('capNesting leaves ordinary pages untouched and keeps text of dropped tags', () => {
    const normal = '<html><body><div><p>a<p>b<ul><li>1<li>2</ul></div></body></html>';
    expect(capNesting(normal)).toMatchObject({ html: normal, flattened: false });
    const deep = capNesting(`${'<div>'.repeat(SOFT_DEPTH_CAP + 50)}hello${'</div>'.repeat(SOFT_DEPTH_CAP + 50)}`);
    expect(deep.flattened).toBe(true);
    expect(deep.maxDepthSeen).toBe(SOFT_DEPTH_CAP);
    expect(deep.html).toContain('hello');
    expect(deep.html.match(/<div>/g)?.length).toBe(deep.html.match(/<\/div>/g)?.length);
  });

  it('raw text elements do not confuse the depth scan', () => {
    const out = capNesting(`<script>var s = "${'<div>'.repeat(1000)}";</script><textarea>${'<b>'.repeat(1000)}</textarea><p>x</p>`);
    expect(out.flattened).toBe(false);
  });

  it('non-HTML snapshots keep hop cookies and empty lists', () => {
    const ev = extractPageEvidence(snapshot(undefined, { hops: [{ url: 'https://shop.example.com/file.pdf', status: 200, headers: {}, setCookie: ['dl=1'] }] }));
    expect(ev).toMatchObject({ links: [], resources: [], forms: [], cookies: [{ name: 'dl', source: 'header' }] });
    expect(ev.scriptSignals).toEqual({ readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] });
  });

  it('garbage input never throws', () => {
    const inputs = ['', '<', '<<<>>>', '<a href="http://[::1', '<a href="http://%zz">x</a>', '<base href="javascript:alert(1)"><a href="x">x</a>', '\u0000\uFFFF<script>', '<!--', '<![CDATA[', '<svg><path/><path/></svg><title>t</title>', '<script>document.cookie = `'];
    for (const body of inputs) expect(() => page(body)).not.toThrow();
    expect(() => extractPageEvidence({ ...snapshot('<p>'), hops: undefined as never, finalUrl: 'not a url' })).not.toThrow();
    expect(page('<base href="javascript:alert(1)"><a href="x">x</a>').links[0]?.href).toBe('https://shop.example.com/x');
  });

  it('a huge inline script with many signals stays bounded', () => {
    const code = `if (navigator.doNotTrack) { ${"gtag('config','G-AAAA1');".repeat(2000)} }`.repeat(20);
    const ev = page(`<script>${code}</script>`);
    expect(ev.resources.length).toBeLessThanOrEqual(2000);
    expect(ev.scriptSignals.readsDnt).toBe(true);
  });
});

describe('capNesting keeps ordinary structure', () => {
  it('stray end tags near the top are left for the parser', () => {
    const html = '<html><head><title>t</title><body></head><footer><a href="/privacy">Privacy</a></div></footer><p>after</p>';
    expect(capNesting(html).html).toBe(html);
    const ev = page(html);
    expect(ev.links[0]?.region).toBe('footer');
  });
});
