/**
 * Bodies for the hostile sites: the ordinary pages every site needs (a home page and a short
 * policy that makes claims), decompression bombs, huge and deeply nested documents, and the
 * text that must never reach a terminal or an HTML report raw. Bombs are built once per
 * process and cached; big documents are produced in chunks, never held whole.
 */
import zlib from 'node:zlib';

export function page(title: string, body: string, head = '<meta charset="utf-8">'): string {
  return `<!doctype html><html><head>${head}<title>${title}</title></head><body>${body}</body></html>`;
}

/** Sentences the claim extractor reads as denials, so findings carry quotes. */
export const POLICY_SENTENCES = [
  'Effective date: January 1, 2026.',
  'We do not use cookies.',
  'We do not share your personal information with third parties.',
  'We honor Do Not Track signals.',
];

export function policyPage(extra = ''): string {
  return page('Privacy Policy', `<h1>Privacy Policy</h1>${POLICY_SENTENCES.map((s) => `<p>${s}</p>`).join('')}${extra}`);
}

/** A home page linking to the policy and to each of `links`. */
export function homePage(links: string[] = [], extra = ''): string {
  const anchors = links.map((href, i) => `<a href="${href}">page ${i}</a>`).join(' ');
  return page('Hostile test site', `<nav><a href="/privacy">Privacy Policy</a> ${anchors}</nav><main><p>Welcome.</p>${extra}</main>`);
}

const MB = 1024 * 1024;
const ZEROS_16MB = 16 * MB;
const GB = 1024 * MB;

let gzipMember: Buffer | undefined;
/** 1 GiB of zeros as 64 concatenated gzip members (each 16 MiB of zeros), about 1 MB on the wire. */
export function gzipBombParts(): Buffer[] {
  gzipMember ??= zlib.gzipSync(Buffer.alloc(ZEROS_16MB), { level: 9 });
  return Array.from({ length: GB / ZEROS_16MB }, () => gzipMember!);
}

export function gzipBombLength(): number {
  return gzipBombParts().reduce((n, part) => n + part.length, 0);
}

let brotliBomb: Promise<Buffer> | undefined;
/** 1 GiB of zeros in brotli: under a kilobyte on the wire (about 2 s to build, once). */
export function brotliBombBytes(): Promise<Buffer> {
  brotliBomb ??= new Promise<Buffer>((resolve, reject) => {
    const c = zlib.constants;
    const encoder = zlib.createBrotliCompress({
      params: { [c.BROTLI_PARAM_QUALITY]: 1, [c.BROTLI_PARAM_LGWIN]: 24, [c.BROTLI_PARAM_SIZE_HINT]: GB },
    });
    const out: Buffer[] = [];
    encoder.on('data', (chunk: Buffer) => out.push(chunk));
    encoder.on('end', () => resolve(Buffer.concat(out)));
    encoder.on('error', reject);
    const zeros = Buffer.alloc(ZEROS_16MB);
    let written = 0;
    const feed = () => {
      while (written < GB) {
        written += zeros.length;
        if (!encoder.write(zeros)) return void encoder.once('drain', feed);
      }
      encoder.end();
    };
    feed();
  });
  return brotliBomb;
}

/** Repeats a small HTML chunk; a page of `bytes` bytes has links every so often. */
export function filler(linkEvery: string): Buffer {
  return Buffer.from(`<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. <a href="${linkEvery}">more</a></p>\n`.repeat(64));
}

/** A generator of `<div>` nesting `depth` levels deep, after a head that links to the policy. */
export function deepNesting(depth: number): () => Buffer | null {
  let phase = 0;
  let opened = 0;
  let closed = 0;
  const STEP = 10_000;
  return () => {
    if (phase === 0) {
      phase = 1;
      return Buffer.from('<!doctype html><html><head><title>deep</title></head><body><a href="/privacy">Privacy Policy</a>');
    }
    if (opened < depth) {
      const n = Math.min(STEP, depth - opened);
      opened += n;
      return Buffer.from('<div>'.repeat(n));
    }
    if (phase === 1) {
      phase = 2;
      return Buffer.from('<a href="/deep-end">deep end</a>');
    }
    if (closed < depth) {
      const n = Math.min(STEP, depth - closed);
      closed += n;
      return Buffer.from('</div>'.repeat(n));
    }
    if (phase === 2) {
      phase = 3;
      return Buffer.from('</body></html>');
    }
    return null;
  };
}

/** Unclosed, misnested tag soup of about `bytes` bytes with links sprinkled in. */
export function tagSoup(bytes: number): () => Buffer | null {
  const pieces = ['<p>', '<b>', '<i>', '<table>', '<tr>', '<td>', '<ul><li>', '<font color=red>', '<span', '<a href="/soup?i=', '</div>', '</table></b>', '<!--', '-->', '<![CDATA[', '<select><option>', '<svg><foreignObject>', '<math><mi>', '<script>', '</script>', '<template>', '<textarea>', '</textarea>', '<xmp>', '</xmp>', 'text &amp &#x110000; &#0; &bogus;', '"', "'", '<', '>'];
  let sent = 0;
  let counter = 0;
  let state = 1;
  return () => {
    if (sent >= bytes) return null;
    let chunk = sent === 0 ? '<!doctype html><html><head><title>soup</title><body><a href="/privacy">Privacy Policy</a>' : '';
    while (chunk.length < 64 * 1024) {
      // A tiny LCG keeps the soup deterministic without Math.random.
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const piece = pieces[state % pieces.length]!;
      chunk += piece === '<a href="/soup?i=' ? `${piece}${counter++ % 500}">x` : piece;
    }
    sent += chunk.length;
    return Buffer.from(chunk);
  };
}

/**
 * Text no report may print raw: terminal escapes (CSI colour, OSC 8 hyperlink, BEL), C1
 * controls, markup that would run in an HTML report, a CDATA terminator, a noncharacter.
 */
export const NASTY = [
  '\u001b[31mRED\u001b[0m',
  '\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007',
  'bell\u0007',
  'c1\u0085\u009b31m',
  '</script><img src=x onerror=alert(1)>',
  ']]>',
  '\uFFFE',
].join(' ');

/** The same payloads spelled as HTML character references, plus a lone surrogate reference. */
export const NASTY_AS_REFERENCES = '&#x1b;[32mGREEN&#x1b;[0m &#x7; &#x85; &lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &#xD800; &#xFFFE;';
