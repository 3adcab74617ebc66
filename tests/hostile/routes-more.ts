/**
 * More misbehaving routes: address safety through side doors, parser and scanner load
 * (huge inline scripts, tens of thousands of elements, robots rules against long paths),
 * and odd framing (interim responses, duplicate lengths, resets). Routes only write bytes.
 */
import { respond, streamRepeated, writeHead, type HeaderList, type Route } from './raw-http.js';
import { filler, homePage, page } from './payloads.js';
import { MB, HTML } from './routes.js';

// ---- more: address safety through side doors, parser and scanner load, odd framing -------

export const endless1xx: Route = (_req, socket) => {
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('HTTP/1.1 102 Processing\r\n\r\n')), 100);
  socket.on('close', () => clearInterval(timer));
};

export const duplicateLength: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Content-Length', '10'], ['Content-Length', '2000'], ['Connection', 'close']]);
  socket.end(homePage());
};

/** Links no crawler should choke on: absurd lengths, invalid URLs, a hostile <base>. */
export const junkLinks: Route = (_req, socket) => {
  const long = (n: number) => `/long?${'q'.repeat(n)}`;
  const invalid = ['http://[', 'http://a b/', 'ht!tp://x', 'http://:80/', 'http://999.999.999.999/', 'http://%zz/', '//', '///', 'http://x:99999/', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'mailto:a@b', 'tel:1', 'vbscript:x', 'file:///etc/passwd', 'http://169.254.169.254/', 'http://[fe80::1]/', '\u0000/nul', `http://${'a'.repeat(300)}.example/`];
  const body = `<base href="javascript:alert(1)//"><a href="/privacy">Privacy Policy</a>${invalid.map((u) => `<a href="${u}">bad</a>`).join('')}<a href="${long(100 * 1024)}">long</a><a href="${long(1024 * 1024)}">longer</a><a href="/ok">ok</a>`;
  respond(socket, 200, HTML, page('junk', body));
};

/** One inline script of about 4 MB built to upset regex scanners: unbalanced quotes, comments, parentheses. */
export function bigInlineScript(): string {
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
export const bigInline: Route = (_req, socket) => {
  inlineScriptPage ??= Buffer.from(page('script', `<a href="/privacy">Privacy Policy</a><script>${bigInlineScript()}</script><p>after</p>`));
  respond(socket, 200, HTML, inlineScriptPage);
};

/** Tens of thousands of third-party scripts, iframes, images, forms and meta cookies. */
let elementsPage: Buffer | undefined;
export const manyElements: Route = (_req, socket) => {
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
export const cookieFlood: Route = (req, socket) => {
  const n = Number(/\/c\/(\d+)/.exec(req.pathname)?.[1] ?? 0);
  const cookies: HeaderList = Array.from({ length: 500 }, (_, i): [string, string] => ['Set-Cookie', `p${n}_c${i}=v; Path=/`]);
  respond(socket, 200, [...HTML, ...cookies], page(`c${n}`, `<a href="/privacy">Privacy Policy</a> <a href="/c/${2 * n + 1}">a</a> <a href="/c/${2 * n + 2}">b</a>`));
};

/** robots.txt rules that cost O(pattern x path) each, against very long link paths. */
export const robotsCpu: Route = (_req, socket) => {
  const rule = `Disallow: /${'*x'.repeat(400)}$\n`;
  let body = 'User-agent: *\n';
  while (body.length < 500 * 1024) body += rule;
  respond(socket, 200, [['Content-Type', 'text/plain']], body);
};

export const longLinksHome: Route = (_req, socket) => {
  const links = Array.from({ length: 2000 }, (_, i) => `<a href="/p${i}/${'y'.repeat(1500)}">l</a>`).join('');
  respond(socket, 200, HTML, page('long links', `<a href="/privacy">Privacy Policy</a>${links}`));
};

export const stalledChildren: Route = (_req, socket, info) =>
  respond(socket, 200, [['Content-Type', 'application/xml']], `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: 1000 }, (_, i) => `<sitemap><loc>${info.origin}/stall/${i}.xml</loc></sitemap>`).join('')}</sitemapindex>`);

export const challengeOk: Route = (_req, socket) =>
  respond(socket, 200, HTML, page('Just a moment...', '<div id="challenge-running"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>'));

export const headersTrickle: Route = (_req, socket) => {
  const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ' + 'z'.repeat(10_000));
  let sent = 0;
  const timer = setInterval(() => (socket.destroyed || sent >= head.length ? clearInterval(timer) : socket.write(head.subarray(sent, ++sent))), 500);
  socket.on('close', () => clearInterval(timer));
};

/** Deterministic noise served as text/html. */
export function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 7;
  for (let i = 0; i < bytes; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = state >>> 16;
  }
  return out;
}

export const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>`;

export const hugeAttribute: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  socket.write('<!doctype html><html><head><title>attr</title></head><body><a href="/privacy">Privacy Policy</a><a href="/x" title="');
  streamRepeated(socket, Buffer.from('t'.repeat(64 * 1024)), 6 * MB);
};

export const unterminatedComment: Route = (_req, socket) => {
  writeHead(socket, 200, [...HTML, ['Connection', 'close']]);
  socket.write('<!doctype html><html><head><title>comment</title></head><body><a href="/privacy">Privacy Policy</a><!-- ');
  streamRepeated(socket, Buffer.from('<a href="/hidden">- -- -!> <script> '.repeat(1024)), 4 * MB);
};

export const resetConnection: Route = (_req, socket) => socket.resetAndDestroy();

export const closeImmediately: Route = (_req, socket) => socket.end();

let nonceCounter = 0;

/**
 * A 5 MB page whose head carries a fresh token on every request (as CSRF nonces do), so no
 * two passes get the same bytes and the signals passes cannot reuse the crawl's parse, with
 * a tracker so the page is a signals target.
 */
export const bigHtmlNonce = (bytes: number, links = 0): Route => (_req, socket) => {
  nonceCounter += 1;
  const nav = Array.from({ length: links }, (_, i) => `<a href="/b/${i}">page ${i}</a>`).join('');
  const head = Buffer.from(`<!doctype html><html><head><meta name="csrf-token" content="n${nonceCounter}-${Date.now()}"><script src="https://www.google-analytics.com/analytics.js"></script></head><body>${nav}`);
  writeHead(socket, 200, [...HTML, ['Content-Length', String(bytes)], ['Connection', 'close']]);
  socket.write(head);
  streamRepeated(socket, filler('/privacy'), bytes - head.length);
};
