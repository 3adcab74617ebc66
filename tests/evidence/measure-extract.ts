/**
 * Measures evidence extraction speed (not a test: timings vary by machine). Run with
 * `node --expose-gc --import tsx tests/evidence/measure-extract.ts`. Prints pages/s for a
 * typical ~30 KB page and time for the hostile cases (100k-deep nesting, 5 MB tag soup).
 * Reports process CPU time beside wall time, because a loaded machine inflates wall time.
 */
import { extractPageEvidence } from '../../src/evidence/extract-page.js';
import { finalizeSiteEvidence } from '../../src/evidence/third-party.js';
import type { PageSnapshot } from '../../src/crawl/types.js';

function snap(body: string, i = 0): PageSnapshot {
  const url = `https://shop.example.com/p/${i}`;
  return { url, finalUrl: url, status: 200, hops: [{ url, status: 200, headers: { date: 'Wed, 25 Nov 2026 10:00:00 GMT' }, setCookie: ['sid=1; Path=/'] }], contentType: 'text/html', depth: 1, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false, body };
}

function typicalPage(): string {
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/c/${i}" class="nav-link">Category ${i}</a></li>`).join('');
  const cards = Array.from({ length: 120 }, (_, i) => `<div class="card"><a href="/p/${i}"><img src="/img/${i}.jpg" alt="Product ${i}"></a><h3>Product ${i}</h3><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit ${i}.</p><span class="price">$${i}.99</span></div>`).join('');
  return `<!doctype html><html lang="en"><head><title>Shop</title><meta charset="utf-8">
<link rel="preconnect" href="https://fonts.gstatic.com"><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-ABC123');
if (navigator.doNotTrack !== '1') { !function(f,b,e,v){}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js'); fbq('init','1234567890'); }</script>
</head><body><header><nav><ul>${nav}</ul></nav></header><main>${cards}
<form action="/newsletter" method="post"><label>Email <input type="email" name="email"></label><input type="hidden" name="csrf" value="x"><button>Go</button></form></main>
<footer><a href="/privacy">Privacy Policy</a> <a href="/terms">Terms</a></footer>
<noscript><img src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"></noscript></body></html>`;
}

const cpuTimes: number[] = [];
function time<T>(fn: () => T): [T, number] {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = fn();
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  return [out, performance.now() - start];
}
const cpu = (): string => `cpu ${(cpuTimes[cpuTimes.length - 1] ?? 0).toFixed(0)} ms`;

const typical = typicalPage();
for (let i = 0; i < 50; i++) extractPageEvidence(snap(typical, i)); // warm up
const N = 1000;
let pages: ReturnType<typeof extractPageEvidence>[] = [];
const [extracted, ms] = time(() => Array.from({ length: N }, (_, i) => extractPageEvidence(snap(typical, i))));
const extractCpu = cpuTimes[cpuTimes.length - 1] ?? ms;
pages = extracted;
const [, classifyMs] = time(() => finalizeSiteEvidence(pages, { startUrl: 'https://shop.example.com/', homeUrl: 'https://shop.example.com/', extraDomains: [] }));
console.log(`typical page: ${(typical.length / 1024).toFixed(1)} KB, ${N} pages: wall ${ms.toFixed(0)} ms, cpu ${extractCpu.toFixed(0)} ms = ${((N * 1000) / extractCpu).toFixed(0)} pages per cpu-second; classify+infer ${classifyMs.toFixed(1)} ms (${cpu()}) for ${N} pages`);
pages = [];

const deep = `${'<div>'.repeat(100_000)}<a href="/deep">deep</a>${'</div>'.repeat(100_000)}`;
const [, deepMs] = time(() => extractPageEvidence(snap(deep)));
console.log(`100k-deep nesting (${(deep.length / 1e6).toFixed(1)} MB): ${deepMs.toFixed(0)} ms wall, ${cpu()}`);

const unclosed = `${'<div><span>'.repeat(100_000)}${'</p></i>'.repeat(100_000)}`;
const [, unclosedMs] = time(() => extractPageEvidence(snap(unclosed)));
console.log(`100k-deep unclosed + 100k unmatched end tags (${(unclosed.length / 1e6).toFixed(1)} MB): ${unclosedMs.toFixed(0)} ms wall, ${cpu()}`);

const parts = ['<p><b>x', '</i><a href=/a', '>t</td><tr>', '<!-- c <script src=//x.example/y.js> -->', '<table><li>', '<form><input name=email>', '<img src=/i.png alt="', '"><script>if(navigator.doNotTrack){', '</script>'];
const chunks: string[] = [];
let size = 0;
for (let i = 0; size < 5_000_000; i++) {
  const c = (parts[i % parts.length] ?? '') + String(i);
  chunks.push(c);
  size += c.length;
}
const soup = chunks.join('');
const [, soupMs] = time(() => extractPageEvidence(snap(soup)));
console.log(`5 MB tag soup: ${soupMs.toFixed(0)} ms wall, ${cpu()}`);

const text5 = 'lorem ipsum dolor sit amet '.repeat(200_000);
const [, textMs] = time(() => extractPageEvidence(snap(`<p>${text5}</p>`)));
console.log(`5 MB plain text: ${textMs.toFixed(0)} ms wall, ${cpu()}`);
