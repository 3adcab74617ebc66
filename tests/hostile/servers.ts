/**
 * The catalogue of broken and hostile sites the CLI is judged against from outside. Each
 * entry starts a fresh site on 127.0.0.1 port 0 and returns { url, close, hostile, hits }.
 * An id ending in "@start" puts the misbehaviour on the URL being linted; the others serve
 * an ordinary home page that links to it (at /x unless said otherwise). Expectations live in
 * hostile.test.ts; this file only behaves badly, and never reaches beyond loopback.
 */
import zlib from 'node:zlib';
import {
  html, notFound, redirect, respond, startRawSite, stall, streamGenerated, streamParts, streamRepeated, text, writeHead,
  type HeaderList, type HostileSite, type Route,
} from './raw-http.js';
import {
  brotliBombBytes, deepNesting, filler, gzipBombLength, gzipBombParts, homePage, NASTY, NASTY_AS_REFERENCES, page, policyPage, tagSoup,
} from './payloads.js';

export type SiteFactory = () => Promise<HostileSite>;

export interface Behaviour {
  id: string;
  describe: string;
  start: SiteFactory;
}

const MB = 1024 * 1024;
const HTML: HeaderList = [['Content-Type', 'text/html; charset=utf-8']];

/** An ordinary site whose home page links to /x, which misbehaves as `route` says. */
function linked(route: Route, extra: Record<string, Route> = {}): SiteFactory {
  return () =>
    startRawSite({ '/': html(homePage(['/x'])), '/privacy': html(policyPage()), '/x': route, ...extra }, { hostile: ['/x', ...Object.keys(extra).filter((k) => !k.includes('*') && k !== '/robots.txt')] });
}

/** The same misbehaviour on the URL being linted. */
function atStart(route: Route, extra: Record<string, Route> = {}): SiteFactory {
  return () => startRawSite({ '/': route, '/privacy': html(policyPage()), ...extra }, { hostile: ['/'] });
}

/** A whole site (routes given in full), linted from `start`. */
function site(routes: Record<string, Route>, start = '/', hostile: string[] = []): SiteFactory {
  return () => startRawSite({ '/privacy': html(policyPage()), ...routes }, { start, hostile });
}

// ---- transport and framing -------------------------------------------------------------

const headersThenStall: Route = (_req, socket) => writeHead(socket, 200, [...HTML, ['Content-Length', '5000']]);

const trickle: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '100000']]);
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('a')), 1000);
  socket.on('close', () => clearInterval(timer));
};

const closeMidBody: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '10000']]);
  socket.write(homePage().slice(0, 120), () => socket.destroy());
};

const lengthLonger: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '100000'], ['Connection', 'close']]);
  socket.end(homePage());
};

const lengthShorter: Route = (_req, socket) => {
  const body = homePage(['/after']);
  writeHead(socket, 200, [...HTML, ['Content-Length', '60'], ['Connection', 'close']]);
  socket.end(body);
};

const brokenChunked: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Transfer-Encoding', 'chunked']]);
  socket.end('zz\r\n<html>hello</html>\r\n-5\r\nbroken\r\n');
};

const notHttp: Route = (_req, socket) => socket.write('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n');

const http09: Route = (_req, socket) => socket.end(homePage());

/** Status line, then `total` bytes of header lines (many, or one huge one), then a tiny body. */
function headerFlood(total: number, single: boolean): Route {
  return (_req, socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n');
    const line = single ? null : Buffer.from(`X-Pad: ${'p'.repeat(1000)}\r\n`);
    let sent = 0;
    let started = false;
    streamGenerated(socket, () => {
      if (sent >= total) {
        if (sent === Infinity) return null;
        sent = Infinity;
        return Buffer.from(`Content-Length: 2\r\nConnection: close\r\n\r\nok`);
      }
      if (single) {
        const piece = Math.min(64 * 1024, total - sent);
        const head = started ? '' : 'X-Huge: ';
        started = true;
        sent += piece;
        return Buffer.from(head + 'h'.repeat(piece) + (sent >= total ? '\r\n' : ''));
      }
      sent += line!.length;
      return line;
    });
  };
}

function setCookies(lines: string[], body = homePage(['/x'])): Route {
  return (_req, socket) => respond(socket, 200, [...HTML, ...lines.map((l): [string, string] => ['Set-Cookie', l])], body);
}

const THOUSAND_COOKIES = Array.from({ length: 1000 }, (_, i) => `c${i}=v${i}; Path=/`);

const MALFORMED_COOKIES = [
  'novalue',
  '=',
  '=;',
  ';;;',
  '=onlyvalue',
  'a=b; Expires=Thu, 99 Foo 99999 99:99:99 GMT',
  'b=c; Max-Age=99999999999999999999999',
  'c=d; Max-Age=-1',
  'd=e; Max-Age=abc',
  'e=f; Domain=.com',
  'f=g; Domain=127.0.0.1.evil.example',
  'g=; Path=',
  ' spaced name = spaced value ',
  'h="unterminated',
  'i=j; SameSite=Bogus; Secure=1; HttpOnly=no; Partitioned; Priority=ultra',
  'k=l; expires=0',
  'm=n; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
  'o=p; Expires=Fri, 31 Dec 9999 23:59:59 GMT',
  '__Host-x=1; Domain=127.0.0.1',
  `long=${'v'.repeat(8000)}`,
  `${'n'.repeat(5000)}=1`,
];

// ---- encodings --------------------------------------------------------------------------

const gzipBomb = (withLength: boolean): Route => (_req, socket) => {
  const headers: HeaderList = [...HTML, ['Content-Encoding', 'gzip'], ['Connection', 'close']];
  writeHead(socket, 200, withLength ? [...headers, ['Content-Length', String(gzipBombLength())]] : headers);
  streamParts(socket, gzipBombParts());
};

const brotliBomb: Route = (_req, socket) => {
  void brotliBombBytes().then((bytes) => {
    if (!socket.destroyed) respond(socket, 200, [...HTML, ['Content-Encoding', 'br']], bytes);
  });
};

/** Content-Encoding: gzip, br means gzip was applied first, so br is undone first. */
function stacked(body: string): Buffer {
  return zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(body)));
}

let stackedBombBytes: Buffer | undefined;
const stackedBomb: Route = (_req, socket) => {
  stackedBombBytes ??= zlib.brotliCompressSync(Buffer.concat(gzipBombParts()));
  respond(socket, 200, [...HTML, ['Content-Encoding', 'gzip, br']], stackedBombBytes);
};

const encoded = (encoding: string, body: Buffer): Route => (_req, socket) =>
  respond(socket, 200, [...HTML, ['Content-Encoding', encoding]], body);

// ---- sizes and shapes -------------------------------------------------------------------

const bigHtml = (bytes: number): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', String(bytes)], ['Connection', 'close']]);
  streamRepeated(socket, filler('/privacy'), bytes);
};

const generated = (make: () => () => Buffer | null): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  streamGenerated(socket, make());
};

function manyLinks(count: number): () => () => Buffer | null {
  return () => {
    let i = -1;
    return () => {
      if (i >= count) return null;
      if (i < 0) {
        i = 0;
        return Buffer.from('<!doctype html><html><head><title>links</title></head><body><a href="/privacy">Privacy Policy</a>');
      }
      let chunk = '';
      const stop = Math.min(count, i + 5000);
      for (; i < stop; i++) chunk += `<a href="/l/${i}">link ${i}</a>\n`;
      if (i >= count) chunk += '</body></html>';
      return Buffer.from(chunk);
    };
  };
}

const calendar: Route = (req, socket) => {
  const day = Number(req.query.get('d') ?? 0) || 0;
  respond(socket, 200, HTML, page(`day ${day}`, `<a href="/privacy">Privacy Policy</a> <a href="/cal?d=${day + 1}">next</a> <a href="/cal?d=${day - 1}">previous</a> <a href="/cal?d=${day + 1}&view=week">week</a> <a href="/cal?d=${day + 7}&view=month">month</a>`));
};

let sessionCounter = 0;
const sessionIds: Route = (_req, socket) => {
  sessionCounter += 1;
  const sid = `${sessionCounter.toString(36)}${'f'.repeat(24)}`;
  respond(socket, 200, HTML, page('session', `<a href="/privacy">Privacy Policy</a> <a href="/s?sid=${sid}">again</a> <a href="/s;jsessionid=${sid}">again</a> <a href="/s/${sid}/">again</a>`));
};

// ---- redirects --------------------------------------------------------------------------

const rawLocation = (location: string | null, status = 302): Route => (_req, socket) =>
  respond(socket, status, location === null ? [['Content-Type', 'text/plain']] : [['Location', location], ['Content-Type', 'text/plain']], 'moved');

const chainHop: Route = (req, socket, info) => {
  const n = Number(/\/hop\/(\d+)/.exec(req.pathname)?.[1] ?? 0);
  if (n >= 50) return respond(socket, 200, HTML, homePage());
  respond(socket, 302, [['Location', `${info.origin}/hop/${n + 1}`]], '');
};

const toHexLoopback: Route = (_req, socket, info) => respond(socket, 302, [['Location', `http://0x7f.1:${info.port}/ok`]], '');

// ---- robots.txt and sitemaps ------------------------------------------------------------

const hugeSitemap: Route = (_req, socket, info) => {
  writeHead(socket, 200, [['Content-Type', 'application/xml'], ['Connection', 'close']]);
  let i = -1;
  const total = 1_000_000;
  streamGenerated(socket, () => {
    if (i >= total) return null;
    if (i < 0) {
      i = 0;
      return Buffer.from('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    }
    let chunk = '';
    const stop = Math.min(total, i + 5000);
    for (; i < stop; i++) chunk += `<url><loc>${info.origin}/m/${i}</loc></url>`;
    if (i >= total) chunk += '</urlset>';
    return Buffer.from(chunk);
  });
};

const sitemapIndex = (children: string[]): Route => (_req, socket, info) =>
  respond(socket, 200, [['Content-Type', 'application/xml']], `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${children.map((c) => `<sitemap><loc>${info.origin}${c}</loc></sitemap>`).join('')}</sitemapindex>`);

const smallPage: Route = (req, socket) => respond(socket, 200, HTML, page(req.pathname, `<a href="/privacy">Privacy Policy</a>`));

// ---- charsets ---------------------------------------------------------------------------

/** A policy path nobody would guess, so finding it proves the home page's links were decoded. */
export const HIDDEN_POLICY = '/legal/k7-notice';
const EM_DASH_SENTENCE = 'We do not sell your personal information \u2014 ever.';

function latin1Page(body: string): Buffer {
  // windows-1252: 0x97 is the em dash; the rest of the page is ASCII.
  return Buffer.from(body.replace(/\u2014/g, '\u0097'), 'latin1');
}

const charsetRoutes = (headerCharset: string, homeBytes: Buffer): Record<string, Route> => ({
  '/': (_req, socket) => respond(socket, 200, [['Content-Type', `text/html; charset=${headerCharset}`]], homeBytes),
  [HIDDEN_POLICY]: html(policyPage()),
  '/privacy': notFound,
});

const hiddenHome = page('charset', `<a href="${HIDDEN_POLICY}">Privacy Policy</a><p>caf\u00e9</p>`, '');

// ---- status codes and politeness --------------------------------------------------------

const farFuture = 'Fri, 31 Dec 2099 23:59:59 GMT';

const challenge: Route = (_req, socket) =>
  respond(socket, 403, [...HTML, ['Server', 'cloudflare'], ['cf-mitigated', 'challenge'], ['cf-ray', '8f00000000000000-AMS']],
    page('Just a moment...', '<noscript>Enable JavaScript and cookies to continue</noscript><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script>'));

const headOnly: Route = (req, socket) => {
  if (req.method === 'HEAD') {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n');
    return void socket.end();
  }
  respond(socket, 405, [['Allow', 'HEAD'], ['Content-Type', 'text/plain']], 'method not allowed');
};

const endless = (chunk: Buffer): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', String(5 * 1024 * MB)], ['Connection', 'close']]);
  streamRepeated(socket, chunk, 5 * 1024 * MB);
};

const pdf: Route = (_req, socket) =>
  respond(socket, 200, [['Content-Type', 'application/pdf']], Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'));

// ---- text that must be escaped in every output format ------------------------------------

const nastyHome = page(
  `Title ${NASTY} ${NASTY_AS_REFERENCES}`,
  `<nav><a href="/privacy">Privacy Policy ${NASTY}</a> <a href="/err">err ${NASTY}</a> <a href="/esc-header">esc</a>
   <a href="/x<img src=x onerror=alert(3)>">x</a> <a href="/a%1b%5b31m\u001b[31m">a</a></nav>
   <form action="/f"><input type="email" name="email${NASTY.replace(/"/g, '')}"><input name="phone${NASTY_AS_REFERENCES}"></form>
   <script src="https://www.google-analytics.com/analytics.js?x=${encodeURIComponent(NASTY)}"></script>
   <script>document.cookie = "nasty\u001b[31m=1"; gtag('config', '</scr' + 'ipt><img src=x onerror=alert(5)>');</script>
   <iframe src="https://www.youtube.com/embed/${encodeURIComponent(NASTY)}"></iframe>`,
);

const nastyPolicy = page(
  `Privacy ${NASTY}`,
  `<h1>Privacy Policy ${NASTY}</h1><h2>Cookies ${NASTY}</h2><p>We do not use cookies ${NASTY} ${NASTY_AS_REFERENCES}.</p>
   <p>We do not share your personal information with third parties ${NASTY_AS_REFERENCES}.</p>
   <p>We do not use Google Analytics ${NASTY}.</p><p>We honor Do Not Track signals ${NASTY}.</p><p>Effective date: January 1, 2026.</p>`,
);

const nastySite = site({
  '/': (_req, socket) =>
    respond(socket, 200, [...HTML, ['Set-Cookie', 'tracker</script><img src=x onerror=alert(1)>=1; Path=/'], ['Set-Cookie', `_ga=GA1.2.${'<b>'}; Path=/`]], nastyHome),
  '/privacy': html(nastyPolicy),
  '/err': (_req, socket) => respond(socket, 500, HTML, 'error', `Oops <img src=x onerror=alert(4)> ]]>`),
  '/robots.txt': notFound,
  '/esc-header': (_req, socket) => respond(socket, 200, [...HTML, ['X-Title', '\u001b[31mred\u0007'], ['Set-Cookie', 'esc=\u001b[31m; Path=/']], 'x'),
  '/*': smallPage,
});

// ---- more: address safety through side doors, parser and scanner load, odd framing -------

const endless1xx: Route = (_req, socket) => {
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('HTTP/1.1 102 Processing\r\n\r\n')), 100);
  socket.on('close', () => clearInterval(timer));
};

const duplicateLength: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '10'], ['Content-Length', '2000'], ['Connection', 'close']]);
  socket.end(homePage());
};

/** Links no crawler should choke on: absurd lengths, invalid URLs, a hostile <base>. */
const junkLinks: Route = (_req, socket) => {
  const long = (n: number) => `/long?${'q'.repeat(n)}`;
  const invalid = ['http://[', 'http://a b/', 'ht!tp://x', 'http://:80/', 'http://999.999.999.999/', 'http://%zz/', '//', '///', 'http://x:99999/', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'mailto:a@b', 'tel:1', 'vbscript:x', 'file:///etc/passwd', 'http://169.254.169.254/', 'http://[fe80::1]/', '\u0000/nul', `http://${'a'.repeat(300)}.example/`];
  const body = `<base href="javascript:alert(1)//"><a href="/privacy">Privacy Policy</a>${invalid.map((u) => `<a href="${u}">bad</a>`).join('')}<a href="${long(100 * 1024)}">long</a><a href="${long(1024 * 1024)}">longer</a><a href="/ok">ok</a>`;
  respond(socket, 200, HTML, page('junk', body));
};

/** One inline script of about 4 MB built to upset regex scanners: unbalanced quotes, comments, parentheses. */
function bigInlineScript(): string {
  const parts = [
    'document.cookie = "a=" + ',
    "gtag('config', '",
    '/* unterminated comment ',
    '('.repeat(2000),
    '"\\"\\"\\"\\"\\"\\"\\"\\"',
    "navigator.doNotTrack == '1' && navigator.globalPrivacyControl && ",
    'fbq("init", "' + '1'.repeat(200),
    '`${'.repeat(500),
    'a'.repeat(4000),
    'document.cookie'.repeat(200),
    ' '.repeat(4000),
    'window["ga"]=window["ga"]||function(){(ga.q=ga.q||[]).push(arguments)};',
  ];
  let out = '';
  for (let i = 0; out.length < 4 * MB; i++) out += parts[i % parts.length];
  return out;
}

let inlineScriptPage: Buffer | undefined;
const bigInline: Route = (_req, socket) => {
  inlineScriptPage ??= Buffer.from(page('script', `<a href="/privacy">Privacy Policy</a><script>${bigInlineScript()}</script><p>after</p>`));
  respond(socket, 200, HTML, inlineScriptPage);
};

/** Tens of thousands of third-party scripts, iframes, images, forms and meta cookies. */
let elementsPage: Buffer | undefined;
const manyElements: Route = (_req, socket) => {
  if (!elementsPage) {
    let body = '<a href="/privacy">Privacy Policy</a>';
    for (let i = 0; i < 10_000; i++) {
      body += `<script src="https://t${i}.tracker${i}.example/p.js"></script><iframe src="https://f${i}.frame${i}.example/"></iframe><img src="https://i${i}.pixel${i}.example/p.gif"><form action="/f${i}"><input type="email" name="e${i}"></form><meta http-equiv="set-cookie" content="m${i}=1">`;
    }
    elementsPage = Buffer.from(page('elements', body));
  }
  respond(socket, 200, HTML, elementsPage);
};

/** Every page sets 500 new cookies and links to two more such pages. */
const cookieFlood: Route = (req, socket) => {
  const n = Number(/\/c\/(\d+)/.exec(req.pathname)?.[1] ?? 0);
  const cookies: HeaderList = Array.from({ length: 500 }, (_, i): [string, string] => ['Set-Cookie', `p${n}_c${i}=v; Path=/`]);
  respond(socket, 200, [...HTML, ...cookies], page(`c${n}`, `<a href="/privacy">Privacy Policy</a> <a href="/c/${2 * n + 1}">a</a> <a href="/c/${2 * n + 2}">b</a>`));
};

/** robots.txt rules that cost O(pattern x path) each, against very long link paths. */
const robotsCpu: Route = (_req, socket) => {
  const rule = `Disallow: /${'*x'.repeat(400)}$\n`;
  let body = 'User-agent: *\n';
  while (body.length < 500 * 1024) body += rule;
  respond(socket, 200, [['Content-Type', 'text/plain']], body);
};

const longLinksHome: Route = (_req, socket) => {
  const links = Array.from({ length: 2000 }, (_, i) => `<a href="/p${i}/${'y'.repeat(1500)}">l</a>`).join('');
  respond(socket, 200, HTML, page('long links', `<a href="/privacy">Privacy Policy</a>${links}`));
};

const stalledChildren: Route = (_req, socket, info) =>
  respond(socket, 200, [['Content-Type', 'application/xml']], `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: 1000 }, (_, i) => `<sitemap><loc>${info.origin}/stall/${i}.xml</loc></sitemap>`).join('')}</sitemapindex>`);

const challengeOk: Route = (_req, socket) =>
  respond(socket, 200, HTML, page('Just a moment...', '<div id="challenge-running"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>'));

const headersTrickle: Route = (_req, socket) => {
  const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ' + 'z'.repeat(10_000));
  let sent = 0;
  const timer = setInterval(() => (socket.destroyed || sent >= head.length ? clearInterval(timer) : socket.write(head.subarray(sent, ++sent))), 500);
  socket.on('close', () => clearInterval(timer));
};

/** Deterministic noise served as text/html. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 7;
  for (let i = 0; i < bytes; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = state >>> 16;
  }
  return out;
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>`;

const hugeAttribute: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  socket.write('<!doctype html><html><head><title>attr</title></head><body><a href="/privacy">Privacy Policy</a><a href="/x" title="');
  streamRepeated(socket, Buffer.from('t'.repeat(64 * 1024)), 6 * MB);
};

const unterminatedComment: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  socket.write('<!doctype html><html><head><title>comment</title></head><body><a href="/privacy">Privacy Policy</a><!-- ');
  streamRepeated(socket, Buffer.from('<a href="/hidden">- -- -!> <script> '.repeat(1024)), 4 * MB);
};

const resetConnection: Route = (_req, socket) => socket.resetAndDestroy();

const closeImmediately: Route = (_req, socket) => socket.end();

// ---- the catalogue ----------------------------------------------------------------------

function pair(id: string, describe: string, route: Route, extra: Record<string, Route> = {}, startExtra = extra): Behaviour[] {
  return [
    { id, describe: `${describe} (linked page)`, start: linked(route, extra) },
    { id: `${id}@start`, describe: `${describe} (start page)`, start: atStart(route, startExtra) },
  ];
}

export const behaviours: Behaviour[] = [
  ...pair('stall', 'accepts the connection and never answers', stall),
  ...pair('headers-then-stall', 'sends headers, then the body never comes', headersThenStall),
  ...pair('trickle', 'trickles the body one byte a second', trickle),
  ...pair('close-mid-body', 'closes the connection mid-body', closeMidBody),
  ...pair('length-longer', 'Content-Length longer than the body', lengthLonger),
  ...pair('length-shorter', 'Content-Length shorter than the body', lengthShorter),
  ...pair('chunked-broken', 'broken chunked framing', brokenChunked),
  ...pair('not-http', 'answers with an SSH banner', notHttp),
  ...pair('http09', 'HTTP/0.9-style bare body, no status line', http09),
  ...pair('headers-10mb', '10 MB of response headers', headerFlood(10 * MB, false)),
  { id: 'header-1mb', describe: 'one 1 MB response header (linked page)', start: linked(headerFlood(MB, true)) },
  ...pair('cookies-1000', '1,000 Set-Cookie headers', setCookies(THOUSAND_COOKIES)),
  { id: 'cookies-malformed@start', describe: 'malformed Set-Cookie lines on the home page', start: atStart(setCookies(MALFORMED_COOKIES)) },
  { id: 'cookie-nul', describe: 'Set-Cookie with a NUL byte (linked page)', start: linked(setCookies(['a=b\u0000c; Path=/'])) },
  ...pair('cookie-100kb', 'one Set-Cookie with a 100 KB value', setCookies([`big=${'x'.repeat(100 * 1024)}`])),

  ...pair('gzip-bomb', 'gzip bomb, 1 GiB of zeros, chunked', gzipBomb(false)),
  { id: 'gzip-bomb-length', describe: 'gzip bomb with a declared Content-Length (linked page)', start: linked(gzipBomb(true)) },
  ...pair('brotli-bomb', 'brotli bomb, 1 GiB of zeros', brotliBomb),
  { id: 'stacked-bomb', describe: 'Content-Encoding "gzip, br" wrapping a gzip bomb (linked page)', start: linked(stackedBomb) },
  {
    id: 'stacked-encodings@start',
    describe: 'home page encoded "gzip, br" (policy link must be read through both)',
    start: site({ '/': encoded('gzip, br', stacked(hiddenHome)), [HIDDEN_POLICY]: html(policyPage()), '/privacy': notFound }),
  },
  ...pair('encoding-lie', 'says gzip, sends plain HTML', encoded('gzip', Buffer.from(homePage()))),
  { id: 'encoding-zstd', describe: 'Content-Encoding zstd (linked page)', start: linked(encoded('zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]))) },
  { id: 'encoding-compress', describe: 'Content-Encoding compress (linked page)', start: linked(encoded('compress', Buffer.from([0x1f, 0x9d, 0x90, 0x41, 0x42]))) },
  { id: 'encoding-zstd@start', describe: 'Content-Encoding zstd (start page)', start: atStart(encoded('zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]))) },

  ...pair('html-5mb', '5 MB HTML page', bigHtml(5 * MB)),
  ...pair('html-50mb', '50 MB HTML page', bigHtml(50 * MB)),
  { id: 'nest-100k@start', describe: 'HTML nested 100,000 levels deep', start: atStart(generated(() => deepNesting(100_000))) },
  { id: 'nest-1m@start', describe: 'HTML nested 1,000,000 levels deep', start: atStart(generated(() => deepNesting(1_000_000))) },
  { id: 'soup@start', describe: '5 MB of unclosed, misnested tag soup', start: atStart(generated(() => tagSoup(5 * MB)), { '/soup': smallPage }) },
  { id: 'links-100k@start', describe: '100,000 links on one page', start: atStart(generated(manyLinks(100_000)), { '/l/*': smallPage }) },
  { id: 'calendar@start', describe: 'infinite calendar (/cal?d=N links to N+1)', start: site({ '/cal': calendar }, '/cal?d=0') },
  { id: 'session-ids@start', describe: 'every page links to itself with a new session id', start: site({ '/s': sessionIds, '/s*': sessionIds }, '/s') },

  ...pair('redirect-loop', 'redirect loop A -> B -> A', redirect('/y'), { '/y': redirect('/x') }, { '/y': redirect('/') }),
  ...pair('redirect-chain-50', 'a 50-hop redirect chain', redirect('/hop/1'), { '/hop/*': chainHop }),
  ...pair('redirect-bad-location', 'redirect to "http://[::1"', rawLocation('http://[::1')),
  ...pair('redirect-no-location', '302 without Location', rawLocation(null)),
  ...pair('redirect-file', 'redirect to file:///etc/passwd', rawLocation('file:///etc/passwd')),
  { id: 'redirect-javascript', describe: 'redirect to javascript: (linked page)', start: linked(rawLocation('javascript:alert(1)')) },
  ...pair('redirect-metadata', 'redirect to http://169.254.169.254/', rawLocation('http://169.254.169.254/latest/meta-data/')),
  { id: 'redirect-mapped-v6', describe: 'redirect to http://[::ffff:169.254.169.254]/ (linked page)', start: linked(rawLocation('http://[::ffff:169.254.169.254]/latest/meta-data/')) },
  { id: 'redirect-decimal', describe: 'redirect to http://2852039166/ (linked page)', start: linked(rawLocation('http://2852039166/latest/meta-data/')) },
  { id: 'redirect-hex-loopback', describe: 'redirect to http://0x7f.1:PORT/ok, loopback like the start (linked page)', start: linked(toHexLoopback, { '/ok': smallPage }) },

  { id: 'robots-stall', describe: 'robots.txt never answers', start: site({ '/': html(homePage()), '/robots.txt': stall }, '/', ['/robots.txt']) },
  { id: 'robots-50mb', describe: '50 MB robots.txt (allows all, then comments)', start: site({ '/': html(homePage()), '/robots.txt': (_r, s) => { writeHead(s, 200, [['Content-Type', 'text/plain'], ['Content-Length', String(50 * MB)], ['Connection', 'close']]); s.write('User-agent: *\nAllow: /\n'); streamRepeated(s, Buffer.from(`# ${'c'.repeat(1021)}\n`), 50 * MB - 23); } }) },
  { id: 'robots-gzip-bomb', describe: 'robots.txt is a gzip bomb', start: site({ '/': html(homePage()), '/robots.txt': gzipBomb(false) }) },
  { id: 'robots-500', describe: 'robots.txt answers 500', start: site({ '/': html(homePage()), '/robots.txt': text('oops', 500) }, '/', ['/robots.txt']) },
  { id: 'sitemap-gzip-bomb', describe: 'sitemap.xml is a gzip bomb', start: site({ '/': html(homePage()), '/sitemap.xml': gzipBomb(false) }) },
  { id: 'sitemap-1m', describe: 'sitemap.xml with 1,000,000 URLs', start: site({ '/': html(homePage()), '/sitemap.xml': hugeSitemap, '/m/*': smallPage }) },
  { id: 'sitemap-index-loop', describe: 'sitemap indexes that name each other', start: site({ '/': html(homePage()), '/sitemap.xml': sitemapIndex(['/sitemap.xml', '/sm2.xml']), '/sm2.xml': sitemapIndex(['/sitemap.xml', '/sm2.xml']) }) },
  {
    id: 'sitemap-gz-robots',
    describe: 'robots.txt names a .xml.gz sitemap that is a gzip bomb',
    start: site({ '/': html(homePage()), '/robots.txt': (_r, s, info) => respond(s, 200, [['Content-Type', 'text/plain']], `User-agent: *\nAllow: /\nSitemap: ${info.origin}/s.xml.gz\n`), '/s.xml.gz': (_r, s) => { writeHead(s, 200, [['Content-Type', 'application/gzip'], ['Connection', 'close']]); streamParts(s, gzipBombParts()); } }),
  },

  { id: 'charset-unknown@start', describe: 'charset=x-unknown', start: site(charsetRoutes('x-unknown', Buffer.from(hiddenHome))) },
  { id: 'utf16-no-bom@start', describe: 'charset=utf-16 without a BOM', start: site(charsetRoutes('utf-16', Buffer.from(hiddenHome, 'utf16le'))) },
  {
    id: 'bom-contradicts',
    describe: 'policy page with a UTF-8 BOM under a windows-1252 header',
    start: site({ '/': html(homePage()), '/privacy': (_r, s) => respond(s, 200, [['Content-Type', 'text/html; charset=windows-1252']], Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(policyPage(`<p>${EM_DASH_SENTENCE}</p>`))])) }),
  },
  {
    id: 'windows-1252',
    describe: 'policy page in windows-1252 labelled iso-8859-1',
    start: site({ '/': html(homePage()), '/privacy': (_r, s) => respond(s, 200, [['Content-Type', 'text/html; charset=iso-8859-1']], latin1Page(policyPage(`<p>${EM_DASH_SENTENCE}</p>`).replace('charset="utf-8"', 'charset="iso-8859-1"'))) }),
  },
  {
    id: 'nasty-text',
    describe: 'title, links, cookies, policy and status text full of escapes and markup',
    start: nastySite,
  },

  { id: 'retry-after-huge@start', describe: '429 with Retry-After: 99999 on every page', start: site({ '/*': text('slow down', 429, [['Retry-After', '99999']]) }) },
  { id: 'retry-after-huge', describe: '429 with Retry-After: 99999 (linked page)', start: linked(text('slow down', 429, [['Retry-After', '99999']])) },
  ...pair('retry-after-date', '503 with Retry-After as a far-future HTTP date', text('maintenance', 503, [['Retry-After', farFuture]])),
  { id: 'start-401', describe: 'start page answers 401', start: atStart(text('login', 401, [['WWW-Authenticate', 'Basic realm="x"']])) },
  { id: 'start-403', describe: 'start page answers 403', start: atStart(text('forbidden', 403)) },
  { id: 'start-429', describe: 'start page answers 429', start: atStart(text('slow down', 429, [['Retry-After', '1']])) },
  { id: 'start-challenge', describe: 'start page is a Cloudflare-like challenge', start: atStart(challenge) },
  { id: 'policy-5gb', describe: 'the policy link streams 5 GB', start: site({ '/': html(homePage()), '/privacy': endless(Buffer.from(`<p>${'We do not use cookies. '.repeat(40)}</p>\n`)) }, '/', ['/privacy']) },
  { id: 'policy-pdf', describe: 'the privacy page is a PDF', start: site({ '/': html(homePage()), '/privacy': pdf }) },
  { id: 'policy-redirect-metadata', describe: 'the policy link redirects to http://169.254.169.254/', start: site({ '/': html(homePage()), '/privacy': rawLocation('http://169.254.169.254/latest/meta-data/') }, '/', ['/privacy', 'http://169.254.169.254/latest/meta-data/']) },
  { id: 'policy-redirect-decimal', describe: 'the policy link redirects to http://2852039166/', start: site({ '/': html(homePage()), '/privacy': rawLocation('http://2852039166/latest/meta-data/') }, '/', ['/privacy', 'http://169.254.169.254/latest/meta-data/']) },
  { id: 'policy-redirect-mapped-v6', describe: 'the policy link redirects to http://[::ffff:169.254.169.254]/', start: site({ '/': html(homePage()), '/privacy': rawLocation('http://[::ffff:169.254.169.254]/latest/meta-data/') }, '/', ['/privacy', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/']) },
  { id: 'redirect-mapped-v6@start', describe: 'start page redirects to http://[::ffff:169.254.169.254]/', start: atStart(rawLocation('http://[::ffff:169.254.169.254]/latest/meta-data/')) },
  { id: 'redirect-decimal@start', describe: 'start page redirects to http://2852039166/', start: atStart(rawLocation('http://2852039166/latest/meta-data/')) },
  { id: 'redirect-octal@start', describe: 'start page redirects to http://0251.0376.0251.0376/', start: atStart(rawLocation('http://0251.0376.0251.0376/latest/meta-data/')) },
  { id: 'robots-sitemap-metadata', describe: 'robots.txt names a sitemap at http://169.254.169.254/', start: site({ '/': html(homePage()), '/robots.txt': text('User-agent: *\nAllow: /\nSitemap: http://169.254.169.254/latest/meta-data/sitemap.xml\n') }) },
  { id: 'start-challenge-200', describe: 'start page is a challenge interstitial answered with 200', start: atStart(challengeOk) },
  { id: 'junk-links@start', describe: 'links of 100 KB and 1 MB, invalid URLs, a javascript: <base>', start: atStart(junkLinks, { '/ok': smallPage, '/long': smallPage }) },
  { id: 'endless-1xx@start', describe: 'an endless stream of 102 Processing interim responses', start: atStart(endless1xx) },
  { id: 'deflate-raw@start', describe: 'home page sent as raw deflate under "deflate"', start: site({ '/': encoded('deflate', zlib.deflateRawSync(Buffer.from(hiddenHome))), [HIDDEN_POLICY]: html(policyPage()), '/privacy': notFound }) },
  { id: 'duplicate-length', describe: 'two different Content-Length headers (linked page)', start: linked(duplicateLength) },
  { id: 'sitemap-index-stalls', describe: 'sitemap index naming 1,000 child sitemaps that never answer', start: site({ '/': html(homePage()), '/sitemap.xml': stalledChildren, '/stall/*': stall }) },
  { id: 'robots-cpu', describe: '500 KB of wildcard robots rules against 2,000 links with 1.5 KB paths', start: site({ '/': longLinksHome, '/robots.txt': robotsCpu, '/p*': smallPage }) },
  { id: 'inline-script-4mb@start', describe: 'one 4 MB inline script built against regex scanners', start: atStart(bigInline) },
  { id: 'elements-50k@start', describe: '10,000 each of third-party scripts, iframes, images, forms, meta cookies', start: atStart(manyElements) },
  { id: 'cookie-flood', describe: 'every page sets 500 new cookies (50 pages)', start: site({ '/': cookieFlood, '/c/*': cookieFlood }) },
  { id: 'headers-trickle@start', describe: 'response headers trickle two bytes a second and never end', start: atStart(headersTrickle) },
  { id: 'binary-as-html@start', describe: '1 MB of random bytes served as text/html', start: atStart((_r, s) => respond(s, 200, HTML, noise(MB))) },
  { id: 'sitemap-billion-laughs', describe: 'sitemap.xml with nested entity expansion (billion laughs)', start: site({ '/': html(homePage()), '/sitemap.xml': (_r, s) => respond(s, 200, [['Content-Type', 'application/xml']], billionLaughs) }) },
  { id: 'huge-attribute@start', describe: 'one attribute value 6 MB long, never closed', start: atStart(hugeAttribute) },
  { id: 'unterminated-comment@start', describe: 'a comment opened early and never closed (4 MB)', start: atStart(unterminatedComment, { '/hidden': smallPage }) },
  { id: 'reset@start', describe: 'connection reset (RST) on the first request', start: atStart(resetConnection) },
  { id: 'close-immediately@start', describe: 'connection closed without a byte', start: atStart(closeImmediately) },
  { id: 'status-999@start', describe: 'start page answers status 999', start: atStart(text('what', 999)) },
  { id: 'empty-200@start', describe: 'start page is an empty 200', start: atStart((_r, s) => respond(s, 200, HTML, '')) },
  { id: 'no-content-204@start', describe: 'start page answers 204', start: atStart((_r, s) => respond(s, 204, [], '')) },
  { id: 'head-only@start', describe: 'server answers HEAD only (GET is 405)', start: atStart(headOnly) },
];

export function behaviour(id: string): Behaviour {
  const found = behaviours.find((b) => b.id === id);
  if (!found) throw new Error(`no hostile behaviour "${id}"`);
  return found;
}

export type { HostileSite } from './raw-http.js';
