/**
 * A single self-contained HTML report: summary, what was not examined, findings grouped
 * by rule with the policy quote and the evidence side by side, a severity filter, docs
 * links. No external assets. A Content-Security-Policy meta allows only this file's own
 * style and script (by hash), so even a missed escape could not run injected script;
 * site text is inserted only through escapeHtml and the embedded JSON through
 * jsonForScript. The script reads the DOM and toggles `hidden`; it never parses markup.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from '../escape.js';
import { countFindings, coverageLines, docsUrl, evidenceSummary, findingUrls, groupFindings, plural, reproduceCommand } from '../finding-text.js';
import type { LintReport, ReportFinding } from '../types.js';
import type { FormatContext, Formatter } from './types.js';

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--err:#cf222e;--warn:#9a6700}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--err:#ff7b72;--warn:#d29922}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:72rem;margin:0 auto;padding:1.5rem}h1{margin:0 0 .25rem;font-size:1.6rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.muted{color:var(--muted)}.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.count{padding:.5rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--panel)}
.count strong{display:block;font-size:1.4rem}.error strong{color:var(--err)}.warning strong{color:var(--warn)}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:1rem 0}label{margin-right:1.25rem;white-space:nowrap}
.coverage{border-left:4px solid var(--warn);padding:.25rem 1rem;background:var(--panel)}
.finding{border:1px solid var(--line);border-radius:.5rem;margin:.75rem 0;overflow:hidden}
.sides h3{font-size:.9rem;margin:0 0 .5rem}details{margin:1rem 0}
.finding>header{padding:.5rem 1rem;background:var(--panel);border-bottom:1px solid var(--line)}
.badge{font-weight:600;margin-right:.5rem}.badge.error{color:var(--err)}.badge.warning{color:var(--warn)}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:0}.sides>div{padding:.75rem 1rem;min-width:0}.sides>div+div{border-left:1px solid var(--line)}
@media (max-width:50rem){.sides{grid-template-columns:1fr}.sides>div+div{border-left:0;border-top:1px solid var(--line)}}
blockquote{margin:0;padding-left:.75rem;border-left:3px solid var(--line);font-style:italic;overflow-wrap:anywhere}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
code{font:13px/1.4 ui-monospace,monospace;overflow-wrap:anywhere}a{color:inherit}.state{color:var(--muted);font-size:.9em}
`;

const SCRIPT = `
(function () {
  var boxes = document.querySelectorAll('input[data-filter]');
  function apply() {
    var show = {};
    boxes.forEach(function (b) { show[b.getAttribute('data-filter')] = b.checked; });
    var visible = 0;
    document.querySelectorAll('article.finding').forEach(function (el) {
      var state = el.getAttribute('data-state');
      var ok = show[el.getAttribute('data-severity')] && (state === 'active' || show[state]);
      el.hidden = !ok;
      if (ok) visible++;
    });
    document.querySelectorAll('section.rule').forEach(function (s) {
      s.hidden = s.querySelector('article.finding:not([hidden])') === null;
    });
    var counter = document.getElementById('visible-count');
    if (counter) counter.textContent = String(visible);
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
`;

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Only http(s) links are emitted; anything else is shown as text. */
function link(url: string, label?: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(label ?? url, 500);
  return `<a href="${escapeHtml(url, 2000)}" rel="noopener noreferrer">${escapeHtml(label ?? url, 500)}</a>`;
}

function stateOf(f: ReportFinding): 'active' | 'baselined' | 'suppressed' {
  return f.suppressed ? 'suppressed' : f.baselined ? 'baselined' : 'active';
}

function findingHtml(f: ReportFinding): string {
  const state = stateOf(f);
  const stateText =
    state === 'suppressed' ? ` <span class="state">suppressed: ${escapeHtml(f.suppressed?.reason, 300)}${f.suppressed?.expires ? ` (until ${escapeHtml(f.suppressed.expires, 20)})` : ''}</span>` : state === 'baselined' ? ' <span class="state">baselined</span>' : '';
  const claims = [f.claim, ...(f.relatedClaims ?? [])].filter((c) => c !== undefined);
  const quotes = claims.length
    ? claims.map((c) => `<blockquote>${escapeHtml(c.quote, 1000)}</blockquote><p class="muted">${link(c.url)}, line ${Number(c.line) || 1}</p>`).join('')
    : '<p class="muted">No policy quote: this finding rests on the site alone.</p>';
  const urls = findingUrls(f);
  const pages = urls.slice(0, 20).map((u) => link(u)).join('<br>') + (urls.length > 20 ? `<br>(+${urls.length - 20} more)` : '');
  const repro = reproduceCommand(f);
  return `<article class="finding" data-severity="${f.severity === 'error' ? 'error' : 'warning'}" data-state="${state}">
<header><span class="badge ${f.severity === 'error' ? 'error' : 'warning'}">${f.severity === 'error' ? 'error' : 'warning'}</span>${escapeHtml(f.message, 1000)}${stateText}</header>
<div class="sides"><div><h3 class="muted">Policy says</h3>${quotes}</div><div><h3 class="muted">Site does</h3><dl>
<dt>Page</dt><dd>${pages}</dd>
<dt>Evidence</dt><dd>${escapeHtml(evidenceSummary(f.evidence), 600)}</dd>
${repro ? `<dt>Reproduce</dt><dd><code>${escapeHtml(repro, 1000)}</code></dd>` : ''}
<dt>Fingerprint</dt><dd><code>${escapeHtml(f.fingerprint, 100)}</code></dd></dl></div></div>
</article>`;
}

function body(report: LintReport, ctx: FormatContext): string {
  const n = countFindings(report);
  const parts: string[] = [];
  parts.push(`<h1>policy-lint report</h1><p class="muted">${link(report.target)} · ${plural(report.crawl.pages, 'page')} crawled · ${plural(report.crawl.errors, 'fetch error')} · policy-lint ${escapeHtml(report.tool.version, 50)}</p>`);
  parts.push(`<p>Policy: ${report.policy.url ? `${link(report.policy.url)} (${plural(report.policy.claims.length, 'claim')} read)` : 'not found'}</p>`);
  parts.push(`<div class="summary"><div class="count error"><strong>${n.errors}</strong>errors</div><div class="count warning"><strong>${n.warnings}</strong>warnings</div><div class="count"><strong>${n.baselined}</strong>baselined</div><div class="count"><strong>${n.suppressed}</strong>suppressed</div></div>`);
  const coverage = coverageLines(report);
  if (coverage.length) parts.push(`<section class="coverage"><h2>Not examined</h2><ul>${coverage.map((l) => `<li>${escapeHtml(l, 500)}</li>`).join('')}</ul></section>`);
  if (report.errors.length) {
    const items = report.errors.slice(0, 200).map((e) => `<li>${link(e.url)}: ${escapeHtml(e.message, 500)}</li>`).join('');
    parts.push(`<details><summary>${plural(report.errors.length, 'fetch error')}</summary><ul>${items}</ul>${report.errors.length > 200 ? '<p>…</p>' : ''}</details>`);
  }
  parts.push(`<fieldset><legend>Show</legend>
<label><input type="checkbox" data-filter="error" checked> errors</label>
<label><input type="checkbox" data-filter="warning" checked> warnings</label>
<label><input type="checkbox" data-filter="baselined"> baselined</label>
<label><input type="checkbox" data-filter="suppressed"> suppressed</label>
<span class="muted">(<span id="visible-count">${report.findings.length}</span> shown)</span></fieldset>`);
  if (!report.findings.length) parts.push('<p>No findings.</p>');
  for (const { ruleId, groups } of groupFindings(report.findings)) {
    const first = groups[0]?.findings[0];
    const docs = docsUrl(ruleId, first?.docs, report, ctx);
    const findings = groups.flatMap((g) => g.findings).map(findingHtml).join('\n');
    parts.push(`<section class="rule"><h2>${escapeHtml(ruleId, 200)} <small>${link(docs, 'docs')}</small></h2>\n${findings}\n</section>`);
  }
  return parts.join('\n');
}

export const html: Formatter = (report, ctx) => {
  const csp = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>policy-lint: ${escapeHtml(report.target, 200)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body(report, ctx)}
</main>
<script type="application/json" id="policy-lint-report">${jsonForScript(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
