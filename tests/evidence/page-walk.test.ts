/**
 * The streaming walk (page-walk.ts) against what a DOM walk gives: text the parser hands
 * over in pieces reads as one text node, context set by an element ends with it (whatever
 * the element is), opaque content is not markup, and a deep page is walked again capped.
 */
import { describe, expect, it } from 'vitest';
import { SOFT_DEPTH_CAP } from '../../src/evidence/flatten.js';
import { PageWalk, TooDeep } from '../../src/evidence/page-walk.js';
import { page } from './helpers.js';

describe('page walk', () => {
  it('joins text split around entities as one text node (no spaces inserted)', () => {
    const links = page('<a href="/a">Don&apos;t sell &amp; privacy&#8203;policy</a><a href="/b">Caf&eacute;</a>').links;
    expect(links.map((l) => l.text)).toEqual(["Don't sell & privacy\u200bpolicy", 'Café']);
  });

  it('ends a region hint with its element, a script or style carrying it included', () => {
    const links = page('<div class="site-footer"><script id="nav-loader">var a = 1</script><style class="menu"></style><a href="/p">Privacy</a></div><a href="/q">q</a>').links;
    expect(links.map((l) => [new URL(l.href).pathname, l.region])).toEqual([
      ['/p', 'footer'],
      ['/q', 'other'],
    ]);
  });

  it('does not walk select or textarea content as markup, and the walk goes on after them', () => {
    const evidence = page('<select name="country"><option>x</option><a href="/in-select">no</a></select><textarea name="bio"><a href="/t">t</a></textarea><a href="/after">after</a>');
    expect(evidence.links.map((l) => new URL(l.href).pathname)).toEqual(['/after']);
  });

  it('takes the first title outside svg, with its entities', () => {
    expect(page('<svg><title>icon</title></svg><title>Terms &amp; Privacy</title><title>second</title>').title).toBe('Terms & Privacy');
  });

  it('gives up past its depth limit, and extraction then walks the page with its nesting capped', () => {
    const deep = `${'<div>'.repeat(SOFT_DEPTH_CAP + 40)}<a href="/deep">Privacy</a>${'</div>'.repeat(SOFT_DEPTH_CAP + 40)}<a href="/after">after</a>`;
    expect(() => new PageWalk(SOFT_DEPTH_CAP).run(deep)).toThrow(TooDeep);
    const evidence = page(deep);
    expect(evidence.flattened).toBe(true);
    expect(evidence.links.map((l) => [new URL(l.href).pathname, l.text])).toEqual([
      ['/deep', 'Privacy'],
      ['/after', 'after'],
    ]);
  });

  it('walks a page within the limit once, unflattened, whatever stray end tags it has', () => {
    const shallow = `${'<div>'.repeat(100)}<a href="/x">x</a>${'</span></b>'.repeat(2000)}${'</div>'.repeat(100)}<a href="/y">y</a>`;
    const evidence = page(shallow);
    expect(evidence.flattened).toBeUndefined();
    expect(evidence.links.map((l) => new URL(l.href).pathname)).toEqual(['/x', '/y']);
  });

  it('keeps inline script text whole, and an unclosed tag at the end of input costs nothing', () => {
    const evidence = page('<script>window.ga=function(){};ga("create","UA-1234-5")</script><a href="/eof" title="Privacy');
    expect(evidence.resources.some((r) => r.kind === 'inline-script')).toBe(true);
  });
});
