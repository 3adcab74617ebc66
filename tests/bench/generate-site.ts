/**
 * Deterministic generator of a CMS-like benchmark site: N HTML pages that each carry the
 * same header navigation and footer, 15-30 KB of markup, a privacy policy page, analytics
 * tags on some pages, Set-Cookie on some responses, forms on some, /robots.txt and
 * /sitemap.xml. Links form a wide breadth-first graph (a 12-way tree plus "related" links
 * that mostly point at pages already seen), so a crawler does real de-duplication work.
 *
 * Everything is pre-rendered into Buffers with fixed headers so the server only looks up a
 * path. The same (pages, seed, origin) always gives byte-identical output. No I/O here.
 */

export interface SiteOptions {
  /** Total number of HTML pages, home and policy included (>= 16). */
  pages: number;
  /** Absolute origin the site is served from, e.g. http://127.0.0.1:4321 (for the sitemap). */
  origin: string;
  seed?: number;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface GeneratedSite {
  responses: Map<string, SiteResponse>;
  /** Every HTML page path, home first, in index order. */
  htmlPaths: string[];
  policyPath: string;
  /** Total bytes of HTML bodies. */
  htmlBytes: number;
}

const SECTIONS = ['news', 'products', 'support', 'blog', 'docs', 'about', 'careers', 'events', 'partners', 'press', 'guides', 'stories'];
/** Children per page in the spanning tree: wide, so depth stays around 4 at 5,000 pages. */
const FAN_OUT = 12;
const RELATED_LINKS = 8;
export const POLICY_PATH = '/privacy-policy';

const WORDS = (
  'account analytics answer article audience balance benefit browser budget building calendar campaign capture ' +
  'catalogue channel checkout climate cluster collection comfort community compare content context contract ' +
  'customer dashboard delivery design device digital display document domain editor energy engine estimate ' +
  'event feature feedback field filter finance format framework garden gateway growth harbour header history ' +
  'insight install invoice journey kitchen language launch layout ledger library license market measure media ' +
  'member message method migrate mobile module network notice office online option order outline package ' +
  'partner payment picture planner platform policy portal preview pricing printer product profile project ' +
  'quality quarter record region release report request research review route sample schedule search season ' +
  'segment service session setting signal source sponsor station storage stream studio subscribe summary ' +
  'support survey system target template theme ticket timeline toolkit traffic training travel update upload ' +
  'value vendor version video visitor volume warehouse weather website widget window workflow workshop'
).split(' ');

/** mulberry32: tiny seeded PRNG so the site is the same on every run and machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function words(rand: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(rand, WORDS));
  return out.join(' ');
}

function title(rand: () => number, count: number): string {
  return words(rand, count).replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Path of HTML page `index`: 0 home, 1 policy, 2..13 section fronts, then articles. */
export function pagePath(index: number): string {
  if (index === 0) return '/';
  if (index === 1) return POLICY_PATH;
  const section = SECTIONS[(index - 2) % SECTIONS.length] as string;
  if (index < 2 + SECTIONS.length) return `/${section}/`;
  return `/${section}/${WORDS[index % WORDS.length]}-${index}`;
}

/** Tree children of page `index` among pages 2..n-1 (content pages), for BFS reachability. */
function childIndexes(index: number, n: number): number[] {
  if (index === 0) return []; // home reaches the section fronts through the nav
  if (index === 1) return [];
  const content = index - 2;
  const out: number[] = [];
  for (let k = 0; k < FAN_OUT; k++) {
    const child = 2 + SECTIONS.length + content * FAN_OUT + k;
    if (child < n) out.push(child);
  }
  return out;
}

function header(): string {
  const navItems = SECTIONS.map(
    (s) =>
      `<li class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-${s}">` +
      `<a class="nav-link" href="/${s}/" data-track="nav-${s}">${s[0]?.toUpperCase()}${s.slice(1)}</a>` +
      `<ul class="sub-menu"><li><a href="/${s}/">All ${s}</a></li></ul></li>`,
  ).join('\n');
  return (
    `<header id="masthead" class="site-header sticky-top" role="banner">` +
    `<div class="container"><a class="custom-logo-link" href="/" rel="home"><img src="/media/logo.svg" alt="Acme Example" width="180" height="40"></a>` +
    `<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>` +
    `<nav id="site-navigation" class="main-navigation" aria-label="Primary"><ul id="primary-menu" class="menu nav-menu">\n${navItems}\n` +
    `<li class="menu-item"><a class="nav-link" href="/support/">Contact</a></li></ul></nav>` +
    `<form role="search" method="get" class="search-form" action="/search"><label><span class="screen-reader-text">Search for:</span>` +
    `<input type="search" class="search-field" placeholder="Search" name="s"></label></form></div></header>`
  );
}

function footer(): string {
  const columns = [0, 1, 2]
    .map((col) => {
      const links = SECTIONS.slice(col * 4, col * 4 + 4)
        .map((s) => `<li class="footer-menu-item"><a href="/${s}/">${s} overview</a></li>`)
        .join('');
      return `<div class="col-md-3 footer-widget widget_nav_menu"><h4 class="widget-title">Explore</h4><ul class="menu">${links}</ul></div>`;
    })
    .join('\n');
  return (
    `<footer id="colophon" class="site-footer" role="contentinfo"><div class="container"><div class="row">\n${columns}\n` +
    `<div class="col-md-3 footer-widget"><h4 class="widget-title">Company</h4><ul class="menu">` +
    `<li><a href="/about/">About us</a></li><li><a href="/careers/">Careers</a></li>` +
    `<li><a href="${POLICY_PATH}">Privacy Policy</a></li>` +
    `<li><a href="https://twitter.com/acme_example" rel="noopener">Twitter</a></li>` +
    `<li><a href="https://www.facebook.com/acmeexample" rel="noopener">Facebook</a></li></ul></div></div>` +
    `<div class="site-info">&copy; 2026 Acme Example Ltd. All rights reserved. ` +
    `<a href="${POLICY_PATH}" class="privacy-link">Privacy</a></div></div></footer>`
  );
}

const GA_TAG =
  `<script async src="https://www.googletagmanager.com/gtag/js?id=G-BENCH0001"></script>` +
  `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-BENCH0001');</script>`;

const FB_PIXEL =
  `<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};` +
  `t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}` +
  `(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','000000000000001');fbq('track','PageView');</script>` +
  `<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=000000000000001&ev=PageView&noscript=1"></noscript>`;

const NEWSLETTER_FORM =
  `<form class="newsletter" action="/subscribe" method="post"><label for="nl-email">Email address</label>` +
  `<input id="nl-email" type="email" name="email" required><button type="submit">Subscribe</button></form>`;

const CONTACT_FORM =
  `<form class="contact-form" action="/contact" method="post"><label>Your name <input type="text" name="full_name"></label>` +
  `<label>Email <input type="email" name="email"></label><label>Phone <input type="tel" name="phone"></label>` +
  `<label>Message <textarea name="message"></textarea></label><button>Send</button></form>`;

function articleBody(rand: () => number, index: number, n: number): string {
  const parts: string[] = [];
  const paragraphs = 9 + Math.floor(rand() * 12);
  for (let p = 0; p < paragraphs; p++) {
    if (p % 4 === 2) parts.push(`<h2 class="wp-block-heading">${title(rand, 4)}</h2>`);
    const inline = 1 + (index + p) % Math.max(2, n - 2);
    parts.push(
      `<p class="has-text-align-left">${words(rand, 60 + Math.floor(rand() * 70))} ` +
        `<a href="${pagePath(inline)}">${words(rand, 3)}</a> ${words(rand, 20)}.</p>`,
    );
    if (p % 5 === 3) {
      parts.push(
        `<figure class="wp-block-image size-large"><img loading="lazy" src="/media/img-${(index * 7 + p) % 400}.jpg" ` +
          `alt="${words(rand, 4)}" width="1024" height="576" srcset="/media/img-${(index * 7 + p) % 400}-640.jpg 640w"></figure>`,
      );
    }
  }
  return parts.join('\n');
}

function relatedLinks(rand: () => number, index: number, n: number): string {
  const items: string[] = [];
  for (let k = 0; k < RELATED_LINKS; k++) {
    const target = 2 + Math.floor(rand() * (n - 2));
    if (target === index) continue;
    items.push(`<li class="related-post"><a href="${pagePath(target)}" class="related-link">${title(rand, 5)}</a></li>`);
  }
  return `<aside class="widget related-posts"><h3>Related</h3><ul>${items.join('')}</ul></aside>`;
}

function htmlPage(rand: () => number, index: number, n: number, body: string, extraHead: string): string {
  const pageTitle = index === 0 ? 'Acme Example: Home' : title(rand, 5);
  const children = childIndexes(index, n)
    .map((c) => `<li class="child"><a href="${pagePath(c)}">${title(rand, 4)}</a></li>`)
    .join('');
  return (
    `<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${pageTitle}</title><link rel="stylesheet" href="/assets/site.css?ver=6.4.2" media="all">` +
    `<link rel="preconnect" href="https://fonts.googleapis.com"><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">` +
    `<link rel="canonical" href="${pagePath(index)}">${extraHead}</head>\n` +
    `<body class="page-template-default page page-id-${index} wp-custom-logo">${header()}\n` +
    `<div id="content" class="site-content"><div class="container"><div class="row"><main id="primary" class="site-main col-lg-8">` +
    `<article id="post-${index}" class="post-${index} page type-page status-publish hentry"><header class="entry-header">` +
    `<h1 class="entry-title">${pageTitle}</h1></header><div class="entry-content">\n${body}\n</div></article>` +
    (children ? `<nav class="child-pages"><ul>${children}</ul></nav>` : '') +
    `</main><div class="col-lg-4 sidebar">${relatedLinks(rand, index, n)}</div></div></div></div>\n${footer()}\n` +
    `<script src="/assets/app.js?ver=2.1.0" id="app-js"></script></body></html>\n`
  );
}

/** The policy text: the site contradicts several of these sentences on purpose. */
export function policyBody(): string {
  const sections: Array<[string, string[]]> = [
    ['Privacy Policy', ['Effective date: January 1, 2026.', 'This policy explains how Acme Example handles information about visitors to this website.']],
    ['What information do we collect?', ['We do not collect personal information from visitors to our website.', 'We do not ask you to create an account.']],
    ['Do we use cookies?', ['We do not use cookies.', 'Our pages work without storing anything in your browser.']],
    ['Third parties', ['We do not sell, trade or transfer your personal information to outside parties.', 'We do not allow third-party behavioral tracking on our website.']],
    ['How do we respond to Do Not Track signals?', ['We honor Do Not Track signals and do not track or use advertising when a Do Not Track browser mechanism is in place.']],
    ['Changes to this policy', ['We will notify users of any changes to this policy on this page.', 'You can review and request changes to your information by emailing privacy@acme.example.']],
    ['Children', ['We do not knowingly collect information from children under 13.']],
  ];
  return sections.map(([h, ps]) => `<h2>${h}</h2>\n${ps.map((p) => `<p>${p}</p>`).join('\n')}`).join('\n');
}

function cookiesFor(index: number): string[] {
  const out: string[] = [];
  if (index === 0) out.push('sid=6b2f0c1e9a7d; Path=/; HttpOnly; SameSite=Lax');
  if (index >= 2 && index % 7 === 0) out.push('ab_variant=b; Max-Age=2592000; Path=/');
  if (index >= 2 && index % 13 === 0) out.push(`recently_viewed=${index}; Path=/`);
  return out;
}

function htmlHeaders(body: Buffer, cookies: string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {
    'content-type': 'text/html; charset=UTF-8',
    'content-length': String(body.length),
    'cache-control': 'max-age=600',
    'x-powered-by': 'bench-cms',
  };
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

function textResponse(type: string, text: string): SiteResponse {
  const body = Buffer.from(text);
  return { status: 200, headers: { 'content-type': type, 'content-length': String(body.length) }, body };
}

export function generateSite(options: SiteOptions): GeneratedSite {
  const n = Math.max(16, Math.floor(options.pages));
  const origin = options.origin.replace(/\/+$/, '');
  const responses = new Map<string, SiteResponse>();
  const htmlPaths: string[] = [];
  let htmlBytes = 0;
  for (let index = 0; index < n; index++) {
    const rand = prng((options.seed ?? 20261125) ^ Math.imul(index + 1, 0x9e3779b1));
    const path = pagePath(index);
    let body: string;
    let extraHead = '';
    if (index === 1) {
      body = policyBody();
    } else {
      body = articleBody(rand, index, n);
      if (index === 0 || index % 5 === 0) extraHead += GA_TAG;
      if (index % 11 === 0) body += FB_PIXEL;
      if (index % 9 === 0) body += NEWSLETTER_FORM;
      if (pagePath(index).startsWith('/support/') && index % 4 === 0) body += CONTACT_FORM;
    }
    const buffer = Buffer.from(htmlPage(rand, index, n, body, extraHead));
    htmlBytes += buffer.length;
    htmlPaths.push(path);
    responses.set(path, { status: 200, headers: htmlHeaders(buffer, cookiesFor(index)), body: buffer });
  }
  const sitemap =
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n` +
    htmlPaths.map((p) => `<url><loc>${origin}${p}</loc><lastmod>2026-01-01</lastmod></url>`).join('\n') +
    `\n</urlset>\n`;
  responses.set('/sitemap.xml', textResponse('application/xml', sitemap));
  responses.set('/robots.txt', textResponse('text/plain', `User-agent: *\nDisallow: /search\n\nSitemap: ${origin}/sitemap.xml\n`));
  responses.set('/assets/app.js', textResponse('text/javascript', 'document.documentElement.classList.add("js");\n'));
  responses.set('/assets/site.css', textResponse('text/css', 'body{font-family:Inter,sans-serif}\n'));
  return { responses, htmlPaths, policyPath: POLICY_PATH, htmlBytes };
}
