/**
 * The catalogue of broken and hostile sites the CLI is judged against from outside. Each
 * entry starts a fresh site on 127.0.0.1 port 0 and returns { url, close, hostile, hits }.
 * An id ending in "@start" puts the misbehaviour on the URL being linted; the others serve
 * an ordinary home page that links to it (at /x unless said otherwise). Expectations live in
 * hostile.test.ts; this file only behaves badly, and never reaches beyond loopback.
 */
import zlib from 'node:zlib';
import { html, notFound, redirect, respond, startRawSite, stall, streamParts, streamRepeated, text, writeHead, type HostileSite, type Route } from './raw-http.js';
import { deepNesting, gzipBombParts, homePage, policyPage, tagSoup } from './payloads.js';
import { MB, HTML, headersThenStall, trickle, closeMidBody, lengthLonger, lengthShorter, brokenChunked, notHttp, http09, headerFlood, setCookies, THOUSAND_COOKIES, MALFORMED_COOKIES, gzipBomb, brotliBomb, stacked, stackedBomb, encoded, bigHtml, generated, manyLinks, calendar, sessionIds, rawLocation, chainHop, toHexLoopback, hugeSitemap, sitemapIndex, smallPage, HIDDEN_POLICY, EM_DASH_SENTENCE, latin1Page, charsetRoutes, hiddenHome, farFuture, challenge, headOnly, endless, pdf, nastyRoutes } from './routes.js';
import { endless1xx, duplicateLength, junkLinks, bigInline, manyElements, cookieFlood, robotsCpu, longLinksHome, stalledChildren, challengeOk, headersTrickle, noise, billionLaughs, hugeAttribute, unterminatedComment, bigHtmlNonce, resetConnection, closeImmediately } from './routes-more.js';

export type SiteFactory = () => Promise<HostileSite>;

export interface Behaviour {
  id: string;
  describe: string;
  start: SiteFactory;
}


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
  { id: 'html-5mb-nonce@start', describe: '5 MB start page with a tracker and a new token on every request', start: atStart(bigHtmlNonce(5 * MB)) },
  { id: 'fat-pages-everywhere', describe: 'every page is 0.6 MB with a tracker and a fresh token, 60 links each', start: site({ '/': bigHtmlNonce(Math.floor(0.6 * MB), 60), '/b/*': bigHtmlNonce(Math.floor(0.6 * MB), 60) }) },
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
  { id: 'sitemap-gzip-bomb', describe: 'sitemap.xml is a gzip bomb', start: site({ '/': html(homePage()), '/sitemap.xml': gzipBomb(false) }, '/', ['/sitemap.xml']) },
  { id: 'sitemap-1m', describe: 'sitemap.xml with 1,000,000 URLs', start: site({ '/': html(homePage()), '/sitemap.xml': hugeSitemap, '/m/*': smallPage }, '/', ['/sitemap.xml']) },
  { id: 'sitemap-index-loop', describe: 'sitemap indexes that name each other', start: site({ '/': html(homePage()), '/sitemap.xml': sitemapIndex(['/sitemap.xml', '/sm2.xml']), '/sm2.xml': sitemapIndex(['/sitemap.xml', '/sm2.xml']) }) },
  {
    id: 'sitemap-gz-robots',
    describe: 'robots.txt names a .xml.gz sitemap that is a gzip bomb',
    start: site({ '/': html(homePage()), '/robots.txt': (_r, s, info) => respond(s, 200, [['Content-Type', 'text/plain']], `User-agent: *\nAllow: /\nSitemap: ${info.origin}/s.xml.gz\n`), '/s.xml.gz': (_r, s) => { writeHead(s, 200, [['Content-Type', 'application/gzip'], ['Connection', 'close']]); streamParts(s, gzipBombParts()); } }, '/', ['/s.xml.gz']),
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
    start: site(nastyRoutes),
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
  { id: 'policy-stall', describe: 'the policy page never answers', start: site({ '/': html(homePage()), '/privacy': stall }, '/', ['/privacy']) },
  { id: 'every-link-stalls', describe: '200 linked pages that all never answer', start: site({ '/': html(homePage(Array.from({ length: 200 }, (_, i) => `/s/${i}`))), '/s/*': stall }, '/', ['/s/0']) },
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
