/**
 * Tracker loads written in inline script. Vendors ship copy-paste snippets that inject
 * their script at run time (gtag, GTM, Meta Pixel, Matomo's _paq, Hotjar...), so the
 * tracker never appears as `<script src>`. Each detector turns a snippet into the
 * canonical URL the snippet would load, so third-party classification sees a vendor URL.
 * Detections keep their offset in the script so gating analysis can tell which load sits
 * inside a DNT/GPC conditional. Regexes are bounded and linear; no script is executed.
 */
import { resolveHttpUrl } from './url.js';

export interface ScriptDetection {
  url: string;
  via: string;
  /** Offset in the script text, for gating analysis. */
  index: number;
  vendor?: string;
  tagId?: string;
  cookieless?: boolean;
}

const MAX_DETECTIONS_PER_SCRIPT = 100;
const Q = `['"\`]`;

interface Detector {
  pattern: RegExp;
  build(m: RegExpExecArray, base: string): Omit<ScriptDetection, 'index'> | null;
}

function googleTag(id: string): Omit<ScriptDetection, 'index'> {
  const upper = id.toUpperCase();
  if (upper.startsWith('AW-') || upper.startsWith('DC-')) {
    // Google Ads / Floodlight conversion tags report to Google's ad servers.
    return { url: `https://www.googleadservices.com/pagead/conversion/${encodeURIComponent(upper)}/`, via: `gtag('config', '${upper}')`, vendor: 'Google Ads', tagId: upper };
  }
  return {
    url: `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(upper)}`,
    via: `gtag('config', '${upper}')`,
    vendor: 'Google Analytics',
    tagId: upper,
  };
}

const DETECTORS: Detector[] = [
  {
    pattern: new RegExp(`\\bgtag\\s*\\(\\s*${Q}config${Q}\\s*,\\s*${Q}((?:G|UA|AW|DC)-[A-Za-z0-9-]{2,40})${Q}`, 'g'),
    build: (m) => googleTag(m[1] ?? ''),
  },
  {
    // The GTM container snippet passes its id as the last argument; ids also appear in URLs.
    pattern: /\b(GTM-[A-Z0-9]{3,12})\b/g,
    build: (m) => ({
      url: `https://www.googletagmanager.com/gtm.js?id=${m[1] ?? ''}`,
      via: `GTM container ${m[1] ?? ''}`,
      vendor: 'Google Tag Manager',
      tagId: m[1] ?? '',
    }),
  },
  {
    pattern: new RegExp(`\\bga\\s*\\(\\s*${Q}create${Q}\\s*,\\s*${Q}(UA-\\d{2,12}-\\d{1,4})${Q}`, 'g'),
    build: (m) => ({ url: 'https://www.google-analytics.com/analytics.js', via: `ga('create', '${m[1] ?? ''}')`, vendor: 'Google Analytics', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`_gaq\\.push\\s*\\(\\s*\\[\\s*${Q}_setAccount${Q}\\s*,\\s*${Q}(UA-\\d{2,12}-\\d{1,4})${Q}`, 'g'),
    build: (m) => ({ url: 'https://ssl.google-analytics.com/ga.js', via: `_gaq _setAccount ${m[1] ?? ''}`, vendor: 'Google Analytics', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bfbq\\s*\\(\\s*${Q}init${Q}\\s*,\\s*${Q}?(\\d{5,20})`, 'g'),
    build: (m) => ({ url: `https://connect.facebook.net/signals/config/${m[1] ?? ''}`, via: `fbq('init', '${m[1] ?? ''}')`, vendor: 'Meta Pixel', tagId: m[1] ?? '' }),
  },
  {
    pattern: /\bhjid\s*:\s*['"]?(\d{3,12})/g,
    build: (m) => ({ url: `https://static.hotjar.com/c/hotjar-${m[1] ?? ''}.js`, via: `Hotjar hjid ${m[1] ?? ''}`, vendor: 'Hotjar', tagId: m[1] ?? '' }),
  },
  {
    // (function(c,l,a,r,i,t,y){...})(window, document, "clarity", "script", "PROJECT");
    pattern: new RegExp(`${Q}clarity${Q}\\s*,\\s*${Q}script${Q}\\s*,\\s*${Q}([a-z0-9]{4,20})${Q}`, 'g'),
    build: (m) => ({ url: `https://www.clarity.ms/tag/${m[1] ?? ''}`, via: `Clarity project ${m[1] ?? ''}`, vendor: 'Microsoft Clarity', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bttq\\.load\\s*\\(\\s*${Q}([A-Z0-9]{6,30})${Q}`, 'g'),
    build: (m) => ({ url: `https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=${m[1] ?? ''}`, via: `ttq.load('${m[1] ?? ''}')`, vendor: 'TikTok Pixel', tagId: m[1] ?? '' }),
  },
  {
    pattern: /\b_linkedin_partner_id\s*=\s*['"]?(\d{3,15})/g,
    build: (m) => ({ url: 'https://snap.licdn.com/li.lms-analytics/insight.min.js', via: `_linkedin_partner_id ${m[1] ?? ''}`, vendor: 'LinkedIn Insight Tag', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\btwq\\s*\\(\\s*${Q}(?:config|init)${Q}\\s*,\\s*${Q}([a-z0-9]{4,20})${Q}`, 'g'),
    build: (m) => ({ url: 'https://static.ads-twitter.com/uwt.js', via: `twq('config', '${m[1] ?? ''}')`, vendor: 'X (Twitter) Pixel', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bpintrk\\s*\\(\\s*${Q}load${Q}\\s*,\\s*${Q}(\\d{5,20})${Q}`, 'g'),
    build: (m) => ({ url: 'https://s.pinimg.com/ct/core.js', via: `pintrk('load', '${m[1] ?? ''}')`, vendor: 'Pinterest Tag', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bsnaptr\\s*\\(\\s*${Q}init${Q}\\s*,\\s*${Q}([a-f0-9-]{8,40})${Q}`, 'g'),
    build: (m) => ({ url: 'https://sc-static.net/scevent.min.js', via: `snaptr('init', '${m[1] ?? ''}')`, vendor: 'Snap Pixel', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\brdt\\s*\\(\\s*${Q}init${Q}\\s*,\\s*${Q}([A-Za-z0-9_-]{4,40})${Q}`, 'g'),
    build: (m) => ({ url: 'https://www.redditstatic.com/ads/pixel.js', via: `rdt('init', '${m[1] ?? ''}')`, vendor: 'Reddit Pixel', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bheap\\.load\\s*\\(\\s*${Q}(\\d{4,15})${Q}`, 'g'),
    build: (m) => ({ url: `https://cdn.heapanalytics.com/js/heap-${m[1] ?? ''}.js`, via: `heap.load('${m[1] ?? ''}')`, vendor: 'Heap', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bmixpanel\\.init\\s*\\(\\s*${Q}([a-f0-9]{16,40})${Q}`, 'g'),
    build: (m) => ({ url: 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js', via: `mixpanel.init('${m[1] ?? ''}')`, vendor: 'Mixpanel', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\banalytics\\.load\\s*\\(\\s*${Q}([A-Za-z0-9]{10,40})${Q}`, 'g'),
    build: (m) => ({ url: `https://cdn.segment.com/analytics.js/v1/${m[1] ?? ''}/analytics.min.js`, via: `analytics.load('${m[1] ?? ''}')`, vendor: 'Segment', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`(?:window\\[\\s*${Q}_fs_org${Q}\\s*\\]|\\b_fs_org)\\s*=\\s*${Q}([A-Za-z0-9-]{3,20})${Q}`, 'g'),
    build: (m) => ({ url: 'https://edge.fullstory.com/s/fs.js', via: `FullStory org ${m[1] ?? ''}`, vendor: 'FullStory', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bsmartlook\\s*\\(\\s*${Q}init${Q}\\s*,\\s*${Q}([a-f0-9]{20,60})${Q}`, 'g'),
    build: (m) => ({ url: 'https://web-sdk.smartlook.com/recorder.js', via: `smartlook('init')`, vendor: 'Smartlook', tagId: m[1] ?? '' }),
  },
  {
    pattern: new RegExp(`\\bLogRocket\\.init\\s*\\(\\s*${Q}([A-Za-z0-9_-]{2,40}/[A-Za-z0-9_-]{2,40})${Q}`, 'g'),
    build: (m) => ({ url: 'https://cdn.logrocket.io/LogRocket.min.js', via: `LogRocket.init('${m[1] ?? ''}')`, vendor: 'LogRocket', tagId: m[1] ?? '' }),
  },
  {
    pattern: /__insp\.push\s*\(\s*\[\s*['"]wid['"]\s*,\s*(\d{3,15})/g,
    build: (m) => ({ url: 'https://cdn.inspectlet.com/inspectlet.js', via: `Inspectlet wid ${m[1] ?? ''}`, vendor: 'Inspectlet', tagId: m[1] ?? '' }),
  },
  {
    pattern: /\b__lo_site_id\s*=\s*['"]?(\d{3,15})/g,
    build: (m) => ({ url: 'https://d10lpsik1i8c69.cloudfront.net/w.js', via: `Lucky Orange site ${m[1] ?? ''}`, vendor: 'Lucky Orange', tagId: m[1] ?? '' }),
  },
  {
    pattern: /\b_mfq\b[^;]{0,200}?mouseflow\.com\/projects\/([a-f0-9-]{8,40})/g,
    build: (m) => ({ url: `https://cdn.mouseflow.com/projects/${m[1] ?? ''}.js`, via: 'Mouseflow snippet', vendor: 'Mouseflow', tagId: m[1] ?? '' }),
  },
];

// Matomo: var u = "//stats.example.com/"; _paq.push(['setTrackerUrl', u + 'matomo.php']);
const PAQ_TRACKER = /_paq\.push\s*\(\s*\[\s*['"]setTrackerUrl['"]\s*,\s*([^\]]{1,300})\]/g;
// URL literals: absolute or protocol-relative, up to the closing quote.
const URL_LITERAL = /(['"`])((?:https?:)?\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:\/[^'"`\s\\]*)?)\1/g;
// A tracker-host URL counts only where script would request it, not as a share or page link.
const LOAD_CONTEXT = /(?:\bsrc\s*[=:]\s*|\.load\s*\(\s*|\bfetch\s*\(\s*|sendBeacon\s*\(\s*|new\s+Image\b[^;]{0,40}|\.open\s*\(\s*['"](?:GET|POST)['"]\s*,\s*|\(\s*window\s*,\s*document\s*,\s*['"]script['"]\s*,\s*)$/i;
const SCRIPT_PATH = /\.m?js(?:$|[?#])|\/gtag\/js|\/gtm\.js|\/tag\/[a-z0-9]+$/i;

function variableValue(src: string, name: string): string | undefined {
  const decl = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\s*=\\s*(['"\`])([^'"\`\\n]{1,300})\\1`).exec(src);
  return decl?.[2];
}

/** Concatenates the literal and variable parts of a short `a + 'b'` expression. */
function evaluateConcat(expr: string, src: string): string | undefined {
  let out = '';
  for (const part of expr.split('+')) {
    const p = part.trim();
    const lit = /^(['"`])(.*)\1$/.exec(p);
    if (lit) out += lit[2] ?? '';
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) {
      const v = variableValue(src, p);
      if (v === undefined) return undefined;
      out += v;
    } else return undefined;
  }
  return out;
}

/**
 * Tracker loads in one inline script. `isTrackerHost` lets a URL literal that is not a
 * script path count when its host is a known tracker (a pixel endpoint, a loader prefix).
 */
export function detectScriptTrackers(src: string, base: string, isTrackerHost: (host: string) => boolean): ScriptDetection[] {
  const out: ScriptDetection[] = [];
  const seen = new Set<string>();
  const push = (d: Omit<ScriptDetection, 'index'> | null, index: number): void => {
    if (!d || out.length >= MAX_DETECTIONS_PER_SCRIPT) return;
    const key = `${d.url}\u0001${index}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...d, index });
  };
  for (const detector of DETECTORS) {
    detector.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = detector.pattern.exec(src)) !== null && out.length < MAX_DETECTIONS_PER_SCRIPT) {
      push(detector.build(m, base), m.index);
    }
  }
  PAQ_TRACKER.lastIndex = 0;
  let paq: RegExpExecArray | null;
  while ((paq = PAQ_TRACKER.exec(src)) !== null) {
    const value = evaluateConcat(paq[1] ?? '', src);
    const url = value === undefined ? null : resolveHttpUrl(value, base);
    if (url) push({ url, via: "_paq.push(['setTrackerUrl'])", vendor: 'Matomo' }, paq.index);
  }
  URL_LITERAL.lastIndex = 0;
  let lit: RegExpExecArray | null;
  while ((lit = URL_LITERAL.exec(src)) !== null && out.length < MAX_DETECTIONS_PER_SCRIPT) {
    const url = resolveHttpUrl(lit[2], base);
    if (!url) continue;
    const u = new URL(url);
    const context = src.slice(Math.max(0, lit.index - 80), lit.index);
    if (SCRIPT_PATH.test(u.pathname + u.search) || (isTrackerHost(u.hostname) && LOAD_CONTEXT.test(context))) {
      push({ url, via: 'URL in inline script' }, lit.index);
    }
  }
  markCookieless(src, out);
  return out;
}

// Snippet settings that stop a vendor's script from setting cookies at all.
const COOKIELESS: Record<string, RegExp> = {
  Matomo: /_paq\.push\s*\(\s*\[\s*['"]disableCookies['"]\s*\]\s*\)/,
  'Google Analytics': /\bclient_storage['"]?\s*:\s*['"]none['"]/,
};

function markCookieless(src: string, detections: ScriptDetection[]): void {
  for (const [vendor, pattern] of Object.entries(COOKIELESS)) {
    if (!detections.some((d) => d.vendor === vendor) || !pattern.test(src)) continue;
    for (const d of detections) if (d.vendor === vendor) d.cookieless = true;
  }
}
