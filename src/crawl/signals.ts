/**
 * The signals pass: re-fetches chosen pages once with `DNT: 1` and once with `Sec-GPC: 1`,
 * each pass with a fresh cookie jar so a cookie set on the first pass cannot hide or fake
 * behaviour on the second, and reads the well-known privacy-signal resources
 * (/.well-known/gpc.json, /.well-known/dnt-policy.txt, /.well-known/dnt/) plus every `Tk`
 * response header seen. It must not follow links or crawl beyond the URLs it is given.
 */
import type { ExtractEvidence } from './api.js';
import type { PageEvidence, SignalsEvidence, WellKnownSignals } from '../evidence/types.js';
import { PassCookieJar } from './cookie-jar.js';
import { safeExtract, toSnapshot } from './crawl-pass.js';
import type { FetchResult } from './fetch-page.js';
import type { CrawlSession } from './session.js';
import { normalizeUrl } from './url.js';

const MAX_SIGNAL_URLS = 20;
const WELL_KNOWN_MAX_BYTES = 64 * 1024;
const MAX_TK_VALUES = 20;

const PASS_HEADERS = {
  dnt: { dnt: '1' },
  gpc: { 'sec-gpc': '1' },
} as const;

function collectTk(result: FetchResult, into: Set<string>): void {
  for (const hop of result.hops) {
    const tk = hop.headers.tk;
    for (const value of Array.isArray(tk) ? tk : tk === undefined ? [] : [tk]) {
      if (into.size < MAX_TK_VALUES) into.add(value.trim().slice(0, 40));
    }
  }
}

async function runSignalPass(session: CrawlSession, pass: 'dnt' | 'gpc', urls: string[], extract: ExtractEvidence, tk: Set<string>): Promise<PageEvidence[]> {
  const jar = new PassCookieJar(session.options.cookies, (url) => session.startScope.contains(url));
  const results: Array<PageEvidence | undefined> = new Array<PageEvidence | undefined>(urls.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < urls.length && !session.timeIsUp) {
      const index = nextIndex;
      nextIndex += 1;
      const url = urls[index] as string;
      const result = await session.fetchWithRetry({
        url,
        read: 'html',
        jar,
        pass,
        headers: { ...PASS_HEADERS[pass] },
        followRedirect: (next) => session.startScope.contains(next),
      });
      collectTk(result, tk);
      if (!result.ok) {
        session.emit({ type: 'error', url, message: `${pass} pass: ${result.error}` });
        continue;
      }
      const { evidence } = await safeExtract(extract, toSnapshot(result, 0, pass), (work) => session.timed(work));
      if (evidence) results[index] = evidence;
    }
  };
  const lanes = Math.max(1, Math.min(4, session.options.concurrency));
  await Promise.all(Array.from({ length: lanes }, () => worker()));
  return results.filter((e): e is PageEvidence => e !== undefined);
}

async function readWellKnown(session: CrawlSession, origin: string, tk: Set<string>): Promise<WellKnownSignals> {
  const jar = new PassCookieJar([], () => false);
  const get = (path: string): Promise<FetchResult> =>
    session.fetchWithRetry({ url: `${origin}${path}`, read: 'any', jar, pass: 'gpc', noRetry: true, followRedirect: (n) => session.startScope.contains(n) }, WELL_KNOWN_MAX_BYTES);
  const [gpc, dntPolicy, dnt] = await Promise.all([get('/.well-known/gpc.json'), get('/.well-known/dnt-policy.txt'), get('/.well-known/dnt/')]);
  for (const result of [gpc, dntPolicy, dnt]) collectTk(result, tk);
  const wellKnown: WellKnownSignals = {};
  if (gpc.ok && gpc.status >= 200 && gpc.status < 300 && gpc.raw && !gpc.truncated) {
    try {
      const parsed = JSON.parse(gpc.raw.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const obj = parsed as Record<string, unknown>;
        wellKnown.gpcJson = {
          ...(typeof obj.gpc === 'boolean' ? { gpc: obj.gpc } : {}),
          ...(typeof obj.lastUpdate === 'string' ? { lastUpdate: obj.lastUpdate.slice(0, 40) } : {}),
        };
      }
    } catch {
      // not JSON: treated as absent
    }
  }
  wellKnown.dntPolicy = dntPolicy.ok && dntPolicy.status >= 200 && dntPolicy.status < 300;
  return wellKnown;
}

export async function runSignalsPass(session: CrawlSession, urls: string[], extract: ExtractEvidence, homeUrl: string | undefined): Promise<SignalsEvidence> {
  const unique = [...new Set(urls.map((u) => normalizeUrl(u)).filter((u): u is string => u !== undefined))]
    .filter((u) => session.startScope.contains(u))
    .slice(0, MAX_SIGNAL_URLS);
  const tk = new Set<string>();
  const dnt = await runSignalPass(session, 'dnt', unique, extract, tk);
  const gpc = await runSignalPass(session, 'gpc', unique, extract, tk);
  const base = homeUrl ?? unique[0] ?? session.options.startUrl;
  let wellKnown: WellKnownSignals;
  try {
    wellKnown = await readWellKnown(session, new URL(base).origin, tk);
  } catch {
    wellKnown = {};
  }
  if (tk.size > 0) wellKnown.tk = [...tk];
  return { dnt, gpc, wellKnown };
}
