/**
 * Misbehaving routes for the hostile catalogue: broken transport and framing, lying
 * encodings and bombs, huge and deep documents, redirect traps, robots.txt and sitemap
 * abuse, charsets, blocking statuses, and a site full of text that must be escaped.
 * Routes only write bytes; expectations live in hostile.test.ts.
 */
import zlib from 'node:zlib';
import { html, notFound, respond, streamGenerated, streamParts, streamRepeated, writeHead, type HeaderList, type Route } from './raw-http.js';
import { brotliBombBytes, filler, gzipBombLength, gzipBombParts, homePage, NASTY, NASTY_AS_REFERENCES, page, policyPage } from './payloads.js';

export const MB = 1024 * 1024;
export const HTML: HeaderList = [['Content-Type', 'text/html; charset=utf-8']];

// ---- transport and framing -------------------------------------------------------------

export const headersThenStall: Route = (_req, socket) => writeHead(socket, 200, [...HTML, ['Content-Length', '5000']]);

export const trickle: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '100000']]);
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('a')), 1000);
  socket.on('close', () => clearInterval(timer));
};

export const closeMidBody: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '10000']]);
  socket.write(homePage().slice(0, 120), () => socket.destroy());
};

export const lengthLonger: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '100000'], ['Connection', 'close']]);
  socket.end(homePage());
};

export const lengthShorter: Route = (_req, socket) => {
  const body = homePage(['/after']);
  writeHead(socket, 200, [...HTML, ['Content-Length', '60'], ['Connection', 'close']]);
  socket.end(body);
};

export const brokenChunked: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Transfer-Encoding', 'chunked']]);
  socket.end('zz\r\n<html>hello</html>\r\n-5\r\nbroken\r\n');
};

export const notHttp: Route = (_req, socket) => socket.write('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n');

export const http09: Route = (_req, socket) => socket.end(homePage());

/** Status line, then `total` bytes of header lines (many, or one huge one), then a tiny body. */
export function headerFlood(total: number, single: boolean): Route {
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

export function setCookies(lines: string[], body = homePage(['/x'])): Route {
  return (_req, socket) => respond(socket, 200, [...HTML, ...lines.map((l): [string, string] => ['Set-Cookie', l])], body);
}

export const THOUSAND_COOKIES = Array.from({ length: 1000 }, (_, i) => `c${i}=v${i}; Path=/`);

export const MALFORMED_COOKIES = [
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

export const gzipBomb = (withLength: boolean): Route => (_req, socket) => {
  const headers: HeaderList = [...HTML, ['Content-Encoding', 'gzip'], ['Connection', 'close']];
  writeHead(socket, 200, withLength ? [...headers, ['Content-Length', String(gzipBombLength())]] : headers);
  streamParts(socket, gzipBombParts());
};

export const brotliBomb: Route = (_req, socket) => {
  void brotliBombBytes().then((bytes) => {
    if (!socket.destroyed) respond(socket, 200, [...HTML, ['Content-Encoding', 'br']], bytes);
  });
};

/** Content-Encoding: gzip, br means gzip was applied first, so br is undone first. */
export function stacked(body: string): Buffer {
  return zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(body)));
}

let stackedBombBytes: Buffer | undefined;
export const stackedBomb: Route = (_req, socket) => {
  stackedBombBytes ??= zlib.brotliCompressSync(Buffer.concat(gzipBombParts()));
  respond(socket, 200, [...HTML, ['Content-Encoding', 'gzip, br']], stackedBombBytes);
};

export const encoded = (encoding: string, body: Buffer): Route => (_req, socket) =>
  respond(socket, 200, [...HTML, ['Content-Encoding', encoding]], body);

// ---- sizes and shapes -------------------------------------------------------------------

export const bigHtml = (bytes: number): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', String(bytes)], ['Connection', 'close']]);
  streamRepeated(socket, filler('/privacy'), bytes);
};

export const generated = (make: () => () => Buffer | null): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  streamGenerated(socket, make());
};

export function manyLinks(count: number): () => () => Buffer | null {
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

export const calendar: Route = (req, socket) => {
  const day = Number(req.query.get('d') ?? 0) || 0;
  respond(socket, 200, HTML, page(`day ${day}`, `<a href="/privacy">Privacy Policy</a> <a href="/cal?d=${day + 1}">next</a> <a href="/cal?d=${day - 1}">previous</a> <a href="/cal?d=${day + 1}&view=week">week</a> <a href="/cal?d=${day + 7}&view=month">month</a>`));
};

let sessionCounter = 0;
export const sessionIds: Route = (_req, socket) => {
  sessionCounter += 1;
  const sid = `${sessionCounter.toString(36)}${'f'.repeat(24)}`;
  respond(socket, 200, HTML, page('session', `<a href="/privacy">Privacy Policy</a> <a href="/s?sid=${sid}">again</a> <a href="/s;jsessionid=${sid}">again</a> <a href="/s/${sid}/">again</a>`));
};

// ---- redirects --------------------------------------------------------------------------

export const rawLocation = (location: string | null, status = 302): Route => (_req, socket) =>
  respond(socket, status, location === null ? [['Content-Type', 'text/plain']] : [['Location', location], ['Content-Type', 'text/plain']], 'moved');

export const chainHop: Route = (req, socket, info) => {
  const n = Number(/\/hop\/(\d+)/.exec(req.pathname)?.[1] ?? 0);
  if (n >= 50) return respond(socket, 200, HTML, homePage());
  respond(socket, 302, [['Location', `${info.origin}/hop/${n + 1}`]], '');
};

export const toHexLoopback: Route = (_req, socket, info) => respond(socket, 302, [['Location', `http://0x7f.1:${info.port}/ok`]], '');

// ---- robots.txt and sitemaps ------------------------------------------------------------

export const hugeSitemap: Route = (_req, socket, info) => {
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

export const sitemapIndex = (children: string[]): Route => (_req, socket, info) =>
  respond(socket, 200, [['Content-Type', 'application/xml']], `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${children.map((c) => `<sitemap><loc>${info.origin}${c}</loc></sitemap>`).join('')}</sitemapindex>`);

export const smallPage: Route = (req, socket) => respond(socket, 200, HTML, page(req.pathname, `<a href="/privacy">Privacy Policy</a>`));

// ---- charsets ---------------------------------------------------------------------------

/** A policy path nobody would guess, so finding it proves the home page's links were decoded. */
export const HIDDEN_POLICY = '/legal/k7-notice';
export const EM_DASH_SENTENCE = 'We do not sell your personal information \u2014 ever.';

export function latin1Page(body: string): Buffer {
  // windows-1252: 0x97 is the em dash; the rest of the page is ASCII.
  return Buffer.from(body.replace(/\u2014/g, '\u0097'), 'latin1');
}

export const charsetRoutes = (headerCharset: string, homeBytes: Buffer): Record<string, Route> => ({
  '/': (_req, socket) => respond(socket, 200, [['Content-Type', `text/html; charset=${headerCharset}`]], homeBytes),
  [HIDDEN_POLICY]: html(policyPage()),
  '/privacy': notFound,
});

export const hiddenHome = page('charset', `<a href="${HIDDEN_POLICY}">Privacy Policy</a><p>caf\u00e9</p>`, '');

// ---- status codes and politeness --------------------------------------------------------

export const farFuture = 'Fri, 31 Dec 2099 23:59:59 GMT';

export const challenge: Route = (_req, socket) =>
  respond(socket, 403, [...HTML, ['Server', 'cloudflare'], ['cf-mitigated', 'challenge'], ['cf-ray', '8f00000000000000-AMS']],
    page('Just a moment...', '<noscript>Enable JavaScript and cookies to continue</noscript><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script>'));

export const headOnly: Route = (req, socket) => {
  if (req.method === 'HEAD') {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n');
    return void socket.end();
  }
  respond(socket, 405, [['Allow', 'HEAD'], ['Content-Type', 'text/plain']], 'method not allowed');
};

export const endless = (chunk: Buffer): Route => (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', String(5 * 1024 * MB)], ['Connection', 'close']]);
  streamRepeated(socket, chunk, 5 * 1024 * MB);
};

export const pdf: Route = (_req, socket) =>
  respond(socket, 200, [['Content-Type', 'application/pdf']], Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'));

// ---- text that must be escaped in every output format ------------------------------------

export const nastyHome = page(
  `Title ${NASTY} ${NASTY_AS_REFERENCES}`,
  `<nav><a href="/privacy">Privacy Policy ${NASTY}</a> <a href="/err">err ${NASTY}</a> <a href="/esc-header">esc</a>
   <a href="/x<img src=x onerror=alert(3)>">x</a> <a href="/a%1b%5b31m\u001b[31m">a</a></nav>
   <form action="/f"><input type="email" name="email${NASTY.replace(/"/g, '')}"><input name="phone${NASTY_AS_REFERENCES}"></form>
   <script src="https://www.google-analytics.com/analytics.js?x=${encodeURIComponent(NASTY)}"></script>
   <script>document.cookie = "nasty\u001b[31m=1"; gtag('config', '</scr' + 'ipt><img src=x onerror=alert(5)>');</script>
   <iframe src="https://www.youtube.com/embed/${encodeURIComponent(NASTY)}"></iframe>`,
);

export const nastyPolicy = page(
  `Privacy ${NASTY}`,
  `<h1>Privacy Policy ${NASTY}</h1><h2>Cookies ${NASTY}</h2><p>We do not use cookies ${NASTY} ${NASTY_AS_REFERENCES}.</p>
   <p>We do not share your personal information with third parties ${NASTY_AS_REFERENCES}.</p>
   <p>We do not use Google Analytics ${NASTY}.</p><p>We honor Do Not Track signals ${NASTY}.</p><p>Effective date: January 1, 2026.</p>`,
);

export const nastyRoutes: Record<string, Route> = {
  '/': (_req, socket) =>
    respond(socket, 200, [...HTML, ['Set-Cookie', 'tracker</script><img src=x onerror=alert(1)>=1; Path=/'], ['Set-Cookie', `_ga=GA1.2.${'<b>'}; Path=/`]], nastyHome),
  '/privacy': html(nastyPolicy),
  '/err': (_req, socket) => respond(socket, 500, HTML, 'error', `Oops <img src=x onerror=alert(4)> ]]>`),
  '/robots.txt': notFound,
  '/esc-header': (_req, socket) => respond(socket, 200, [...HTML, ['X-Title', '\u001b[31mred\u0007'], ['Set-Cookie', 'esc=\u001b[31m; Path=/']], 'x'),
  '/*': smallPage,
};
