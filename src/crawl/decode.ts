/**
 * Turns body bytes into text the way a browser would (WHATWG encoding sniffing, in order):
 * a byte-order mark, then the Content-Type charset, then a `<meta charset>` prescan of the
 * first 1024 bytes, then UTF-8 if the bytes are valid UTF-8, else windows-1252. Labels go
 * through TextDecoder (full ICU on Node 20), so legacy encodings decode correctly and an
 * unknown label falls back instead of throwing. It must not parse HTML beyond the prescan.
 */
import { isUtf8 } from 'node:buffer';

const PRESCAN_BYTES = 1024;

/**
 * Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80-0x9F become C1 controls),
 * so the WHATWG mapping of that range is applied by hand.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((code) => String.fromCharCode(code));

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
}

export interface DecodedText {
  text: string;
  /** Canonical encoding name used. */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'header' | 'meta' | 'sniff' | 'default';
}

/** Charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match?.[2];
}

/** Canonical name for a label, or undefined if TextDecoder does not know it. */
function canonical(label: string | undefined, fromMeta = false): string | undefined {
  if (!label) return undefined;
  try {
    const name = new TextDecoder(label.trim().slice(0, 64)).encoding;
    // A meta-declared UTF-16 cannot be right for bytes we could ASCII-scan; WHATWG maps it
    // to UTF-8. A transport-layer (Content-Type) UTF-16 is honoured as declared.
    if (fromMeta && (name === 'utf-16le' || name === 'utf-16be')) return 'utf-8';
    // x-user-defined is a byte-for-byte encoding meant for scripts; pages get windows-1252.
    if (fromMeta && name === 'x-user-defined') return 'windows-1252';
    return name;
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Simplified WHATWG prescan: `<meta charset=...>` or `<meta http-equiv content="...charset=...">`. */
export function prescanMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const metaTags = withoutComments.match(/<meta\b[^>]*>/gi) ?? [];
  for (const tag of metaTags) {
    const withoutContent = tag.replace(/content\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, '');
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(withoutContent);
    const declared = canonical(direct?.[1], true);
    if (declared) return declared;
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /content\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const fromContent = canonical(charsetFromContentType(content?.[2] ?? content?.[3] ?? content?.[4]), true);
      if (fromContent) return fromContent;
    }
  }
  return undefined;
}


export function decodeBody(bytes: Uint8Array, contentType: string | undefined, truncated = false): DecodedText {
  const run = (encoding: string, source: DecodedText['source'], skipBom = false): DecodedText => ({
    text:
      encoding === 'windows-1252'
        ? decodeWindows1252(bytes)
        : new TextDecoder(encoding, { ignoreBOM: !skipBom }).decode(bytes).replace(/^\uFEFF/, ''),
    encoding,
    source,
  });
  const bom = bomEncoding(bytes);
  if (bom) return run(bom, 'bom', true);
  const header = canonical(charsetFromContentType(contentType));
  if (header) return run(header, 'header');
  const meta = prescanMetaCharset(bytes);
  if (meta) return run(meta, 'meta');
  // A cut body may end mid-sequence; judge validity on all but the last few bytes.
  const probe = truncated ? bytes.subarray(0, Math.max(0, bytes.length - 4)) : bytes;
  if (isUtf8(probe)) return run('utf-8', 'sniff');
  return run('windows-1252', 'default');
}
