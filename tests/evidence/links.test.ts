import { describe, expect, it } from 'vitest';
import { page } from './helpers.js';

describe('links', () => {
  it('resolves against <base href>, drops fragments and non-http schemes', () => {
    const ev = page(`<head><base href="https://cdn.example.com/docs/"></head><body>
      <a href="intro#top">Intro</a><a href="mailto:a@b.c">Mail</a><a href="javascript:void(0)">JS</a>
      <a href="tel:+1555">Tel</a><a href="data:text/html,x">Data</a><a href="//other.example.org/p">Other</a></body>`);
    expect(ev.links.map((l) => l.href)).toEqual(['https://cdn.example.com/docs/intro', 'https://other.example.org/p']);
    expect(ev.baseUrl).toBe('https://cdn.example.com/docs/');
  });

  it('resolves against the final URL without a base', () => {
    const ev = page('<a href="../privacy">P</a>', { finalUrl: 'https://example.com/a/b/c' });
    expect(ev.links[0]?.href).toBe('https://example.com/a/privacy');
  });

  it('collapses text, keeps title, aria-label and rel, and counts image alt text', () => {
    const ev = page(`<a href="/p" title=" Policy " aria-label="Privacy policy" rel="nofollow">  Privacy
       &amp;   <b>Cookies</b> </a><a href="/i"><img src="/x.png" alt="Privacy"></a>`);
    expect(ev.links[0]).toMatchObject({ text: 'Privacy & Cookies', title: 'Policy', ariaLabel: 'Privacy policy', rel: 'nofollow' });
    expect(ev.links[1]?.text).toBe('Privacy');
  });

  it('caps link text length', () => {
    const ev = page(`<a href="/long">${'word '.repeat(500)}</a>`);
    expect(ev.links[0]!.text.length).toBeLessThanOrEqual(200);
  });

  it('assigns the closest region: elements, roles, then class/id fallback', () => {
    const ev = page(`<header><a href="/h">h</a><nav><a href="/n">n</a></nav></header>
      <main><a href="/m">m</a><aside><a href="/s">s</a></aside></main>
      <div role="contentinfo"><a href="/ci">ci</a></div><div role="navigation"><a href="/rn">rn</a></div>
      <div class="site-footer"><a href="/cf">cf</a></div><div id="mainNavbar"><a href="/cn">cn</a></div>
      <footer><div class="nav"><a href="/fn">fn</a></div></footer><p><a href="/o">o</a></p>
      <map><area href="/area" alt="Privacy"></map>`);
    const byHref = Object.fromEntries(ev.links.map((l) => [new URL(l.href).pathname, l.region]));
    expect(byHref).toEqual({
      '/h': 'header', '/n': 'nav', '/m': 'main', '/s': 'aside', '/ci': 'footer', '/rn': 'nav',
      '/cf': 'footer', '/cn': 'nav', '/fn': 'footer', '/o': 'other', '/area': 'other',
    });
    expect(ev.links.find((l) => l.href.endsWith('/area'))?.text).toBe('Privacy');
  });

  it('reads title and lang', () => {
    const ev = page('<html lang="en-US"><head><title>  Shop \n Home </title></head><svg><title>icon</title></svg></html>');
    expect(ev.title).toBe('Shop Home');
    expect(ev.lang).toBe('en-US');
  });
});
