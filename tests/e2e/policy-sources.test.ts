/**
 * Finding and reading the policy, end to end through lint() (in process, no build needed):
 * a separate cookie policy merged with its own URLs and replayed from saved evidence, an
 * off-site policy read (that page only), the address guard on policy links, unreadable
 * policies reported in coverage, and --policy overriding discovery. Servers bind 127.0.0.1
 * only; a second site is reached as `localhost`, which resolves to 127.0.0.1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintOptions, type LintResult } from '../../src/lint.js';
import { parseEvidenceArtifact, serializeEvidence } from '../../src/evidence/artifact.js';
import { startHttpServer, type LocalServer } from '../helpers/local-server.js';
import { withSite } from '../helpers/serve-fixture.js';

interface Route {
  status?: number;
  type?: string;
  body: string;
  setCookie?: string;
}

/** A site from a route table that records every path requested. */
async function routeSite(routes: Record<string, Route>): Promise<LocalServer & { requested: string[] }> {
  const requested: string[] = [];
  const server = await startHttpServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    requested.push(path);
    const route = routes[path];
    if (!route) return res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not found</h1></body></html>');
    const headers: Record<string, string> = { 'content-type': route.type ?? 'text/html; charset=utf-8' };
    if (route.setCookie) headers['set-cookie'] = route.setCookie;
    return res.writeHead(route.status ?? 200, headers).end(route.body);
  });
  return Object.assign(server, { requested });
}

function html(main: string, footer = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><header><a href="/">Home</a></header><main>${main}</main><footer>${footer}</footer></body></html>`;
}

const POLICY_TEXT = `<h1>Privacy Policy</h1><p>Effective date: March 3, 2026.</p>
<p>We collect your email address when you write to us. We do not sell personal information.</p>
<p>We will post any change to this policy on this page.</p>`;

function run(url: string, extra: Partial<LintOptions> = {}): Promise<LintResult> {
  return lint({ url, signals: false, crawl: { maxPages: 20 }, ...extra });
}

describe('a separate cookie policy is read as part of the policy', () => {
  it('fixture separate-cookie-policy: the finding quotes the Cookie Notice, with its own URL', async () => {
    await withSite('separate-cookie-policy', async (site) => {
      const result = await run(site.url);
      expect(result.report.policy.url).toBe(`${site.url}privacy`);
      expect(result.policy?.related).toEqual([{ url: `${site.url}cookie-notice`, foundBy: expect.stringContaining('cookie policy') as string }]);
      const finding = result.report.findings.find((f) => f.ruleId === 'cookies/undisclosed-cookies');
      expect(finding?.claim).toMatchObject({ quote: 'This website does not use cookies.', url: `${site.url}cookie-notice` });
      const privacyClaims = result.policy?.claims.filter((c) => c.location.url === `${site.url}privacy`) ?? [];
      expect(privacyClaims.length).toBeGreaterThan(3);
      expect(result.policy?.claims.map((c) => c.id)).toEqual(result.policy?.claims.map((_c, i) => `c${i + 1}`));
      // The JSON report says which document each claim's line is in, what else was read, and why the policy was chosen.
      expect(result.report.policy.related?.map((r) => r.url)).toEqual([`${site.url}cookie-notice`]);
      const reported = result.report.policy.claims.find((c) => c.quote === 'This website does not use cookies.');
      expect(reported?.url).toBe(`${site.url}cookie-notice`);
      expect(result.report.policy.claims.filter((c) => c.url === undefined).length).toBe(privacyClaims.length);
      expect(result.report.policy.candidates?.[0]).toMatchObject({ url: `${site.url}privacy`, reasons: expect.arrayContaining([expect.any(String)]) as string[] });

      // Saved evidence keeps the cookie policy, and a replay gives the same findings.
      expect(result.evidence.cookiePolicySource?.url).toBe(`${site.url}cookie-notice`);
      const replayed = await lint({ evidence: parseEvidenceArtifact(JSON.parse(serializeEvidence(result.evidence))) });
      expect(replayed.report.findings.map((f) => f.fingerprint)).toEqual(result.report.findings.map((f) => f.fingerprint));
      expect(replayed.policy?.related?.[0]?.url).toBe(`${site.url}cookie-notice`);

      // A local --policy file replaces the saved policy and its cookie policy alike.
      const dir = await mkdtemp(join(tmpdir(), 'policy-lint-finding-'));
      try {
        await writeFile(join(dir, 'draft.md'), '# Privacy\n\nWe use cookies to remember your preferences.\n');
        const draft = await lint({ evidence: parseEvidenceArtifact(JSON.parse(serializeEvidence(result.evidence))), policy: 'draft.md', cwd: dir });
        expect(draft.policy?.url).toBe(join(dir, 'draft.md'));
        expect(draft.policy?.related).toBeUndefined();
        expect(draft.report.findings.some((f) => f.ruleId === 'cookies/undisclosed-cookies')).toBe(false);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it('a "Privacy & Cookies" page needs no second document; a cookie policy that fails is a note, not a broken policy link', async () => {
    const both = await routeSite({
      '/': { body: html('<p>Shop</p>', '<a href="/privacy-and-cookies">Privacy &amp; Cookies</a>') },
      '/privacy-and-cookies': { body: html(`${POLICY_TEXT}<h2>Cookies</h2><p>We use a session cookie for the basket.</p>`) },
    });
    const broken = await routeSite({
      '/': { body: html('<p>Shop</p>', '<a href="/privacy">Privacy</a> <a href="/cookie-policy">Cookie Policy</a>') },
      '/privacy': { body: html(POLICY_TEXT) },
    });
    try {
      const one = await run(both.url);
      expect(one.policy?.url).toBe(`${both.url}privacy-and-cookies`);
      expect(one.policy?.related).toBeUndefined();
      expect(one.evidence.cookiePolicySource).toBeUndefined();

      const two = await run(broken.url);
      expect(two.report.coverage.notes).toContain(`The cookie policy link ${broken.url}cookie-policy answered HTTP 404.`);
      expect(two.evidence.site.policyLinkChecks.map((c) => c.url)).toEqual([`${broken.url}privacy`]);
      expect(two.report.findings.filter((f) => f.ruleId === 'caloppa/privacy-link')).toEqual([]);
    } finally {
      await both.close();
      await broken.close();
    }
  });
});

describe('an off-site policy is read, that page only', () => {
  let site: LocalServer & { requested: string[] };
  let host: LocalServer & { requested: string[] };
  let result: LintResult;
  beforeAll(async () => {
    host = await routeSite({
      '/document/privacy-policy/abc': {
        body: html(`${POLICY_TEXT}<p>We do not use cookies.</p><p><a href="/pricing">Get your own policy</a> <a href="/about">About us</a></p>`, '<a href="/document/cookie-policy/abc">Cookie Policy</a> <a href="/privacy">Privacy</a>'),
      },
      '/document/cookie-policy/abc': { body: html('<h1>Cookie Policy</h1><p>We do not use advertising cookies.</p>') },
      '/pricing': { body: html('<p>Plans</p>') },
      '/about': { body: html('<p>About</p>') },
    });
    const policyUrl = `http://localhost:${host.port}/document/privacy-policy/abc`;
    site = await routeSite({
      '/': { body: html('<p>Hello</p>', `<a href="${policyUrl}">Privacy Policy</a>`), setCookie: 'sid=1; Path=/; Max-Age=86400' },
    });
    result = await run(site.url);
  });
  afterAll(async () => {
    await site.close();
    await host.close();
  });

  it('reads the linked page and the cookie policy it links on its own host, and nothing else there', () => {
    expect(result.policy?.url).toBe(`http://localhost:${host.port}/document/privacy-policy/abc`);
    expect(result.policy?.foundBy).toMatch(/off-site/);
    expect(host.requested.filter((p) => p !== '/robots.txt').sort()).toEqual(['/document/cookie-policy/abc', '/document/privacy-policy/abc']);
    expect(result.policy?.related?.[0]?.url).toBe(`http://localhost:${host.port}/document/cookie-policy/abc`);
    const finding = result.report.findings.find((f) => f.ruleId === 'cookies/undisclosed-cookies');
    expect(finding?.claim?.url).toBe(`http://localhost:${host.port}/document/privacy-policy/abc`);
    expect(result.report.coverage.policyFound).toBe(true);
  });

  it('a privacy link that redirects off-site is followed to the page it lands on', async () => {
    const target = `http://localhost:${host.port}/document/privacy-policy/abc`;
    const redirecting = await startHttpServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === '/privacy') return res.writeHead(302, { location: target }).end();
      return res.writeHead(200, { 'content-type': 'text/html' }).end(html('<p>Hi</p>', '<a href="/privacy">Privacy</a>'));
    });
    try {
      const result = await run(redirecting.url);
      expect(result.evidence.site.policyLinkChecks).toEqual([{ url: `${redirecting.url}privacy`, status: 200, finalUrl: target }]);
      expect(result.policy?.url).toBe(target);
      expect(result.policy?.claims.some((c) => c.quote === 'We do not use cookies.' && c.location.url === target)).toBe(true);
    } finally {
      await redirecting.close();
    }
  });

  it('the address guard refuses a policy link into another address class (link-local, private) without connecting', async () => {
    for (const target of ['http://169.254.169.254/latest/privacy', 'http://10.255.0.7/privacy']) {
      const guarded = await routeSite({ '/': { body: html('<p>Hi</p>', `<a href="${target}">Privacy Policy</a>`) } });
      try {
        const refused = await run(guarded.url);
        expect(refused.evidence.site.policyLinkChecks[0]).toMatchObject({ url: target, status: 0, error: expect.stringMatching(/refused/) as string });
        expect(refused.report.coverage.policyFound).toBe(false);
        expect(refused.report.coverage.notes.join('\n')).toMatch(/could not be fetched: refused to connect to (link-local|private) address/);
      } finally {
        await guarded.close();
      }
    }
  });
});

describe('a policy that cannot be read is reported in coverage, never guessed', () => {
  const cases: Array<{ name: string; route: Route; note: RegExp; language?: string }> = [
    { name: 'a PDF', route: { type: 'application/pdf', body: '%PDF-1.7\n1 0 obj <<>> endobj\n' }, note: /PDF/ },
    {
      name: 'a JavaScript app shell',
      route: { body: '<!doctype html><html><body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/app.js"></script></body></html>' },
      note: /only a browser/,
    },
    {
      name: 'a language the extractor does not read',
      route: {
        body: html(`<h1>Datenschutzerklärung</h1><p>Wir verwenden keine Cookies und geben Ihre Daten nicht an Dritte weiter. Die Verarbeitung erfolgt auf der Grundlage von Art. 6 DSGVO.</p>
          <p>Sie haben das Recht, Auskunft über die von uns gespeicherten Daten zu erhalten und diese berichtigen oder löschen zu lassen.</p>`).replace('lang="en"', 'lang="de"'),
      },
      note: /language/,
      language: 'de',
    },
  ];
  it.each(cases)('$name', async ({ route, note, language }) => {
    const server = await routeSite({
      '/': { body: html('<p>Hi</p>', '<a href="/privacy">Privacy</a> <a href="/cookies">Cookie Policy</a>'), setCookie: 'sid=1; Path=/; Max-Age=86400' },
      '/privacy': route,
      '/cookies': { body: html('<h1>Cookies</h1><p>We do not use cookies.</p>') },
    });
    try {
      const result = await run(server.url);
      expect(result.report.coverage.policyFound).toBe(true);
      expect(result.report.coverage.notes.join('\n')).toMatch(note);
      if (language) expect(result.report.coverage.policyLanguage).toBe(language);
      else expect(result.report.coverage.policyLanguage).toBeUndefined();
      // Nothing guessed: no claims, so no claim-based finding (no "missing disclosure", no cookie denial from the cookie policy alone).
      expect(result.report.policy.claims).toEqual([]);
      expect(result.report.findings.filter((f) => f.claim)).toEqual([]);
      expect(result.report.findings.filter((f) => f.ruleId === 'caloppa/policy-disclosures')).toEqual([]);
      expect(result.report.coverage.notes.join('\n')).toMatch(/Cookie policy .*not read/);
    } finally {
      await server.close();
    }
  });
});

describe('--policy overrides discovery', () => {
  it('a URL: the named page is read, the discovered policy and cookie policy are not', async () => {
    const server = await routeSite({
      '/': { body: html('<p>Hi</p>', '<a href="/privacy">Privacy</a> <a href="/cookies">Cookie Policy</a>') },
      '/privacy': { body: html('<h1>Old policy</h1><p>We do not collect any personal information.</p>') },
      '/cookies': { body: html('<h1>Cookies</h1><p>We do not use cookies.</p>') },
      '/legal/privacy-2026': { body: html(POLICY_TEXT) },
    });
    try {
      const result = await run(server.url, { policy: `${server.url}legal/privacy-2026` });
      expect(result.report.policy).toMatchObject({ url: `${server.url}legal/privacy-2026`, foundBy: '--policy URL' });
      expect(result.policy?.related).toBeUndefined();
      // The crawl visits /privacy and /cookies as pages, but neither is read as policy text.
      expect(result.policy?.claims.map((c) => c.quote)).not.toContain('We do not use cookies.');
      expect(result.policy?.claims.every((c) => c.location.url === `${server.url}legal/privacy-2026`)).toBe(true);
      expect(result.report.policy.claims.some((c) => c.topic === 'collection' && c.stance === 'affirms')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a local .md, .txt or .html file (relative to cwd), and a .pdf reported as unread', async () => {
    const server = await routeSite({ '/': { body: html('<p>Hi</p>', '<a href="/privacy">Privacy</a>') }, '/privacy': { body: html(POLICY_TEXT) } });
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-finding-'));
    try {
      await writeFile(join(dir, 'policy.md'), '# Privacy\n\n## Cookies\n\nWe do not use cookies.\n');
      await writeFile(join(dir, 'policy.txt'), 'PRIVACY\n\nWe do not use cookies.\n');
      await writeFile(join(dir, 'policy.html'), html('<h1>Privacy</h1><p>We do not use cookies.</p>'));
      await writeFile(join(dir, 'policy.pdf'), '%PDF-1.4 We use cookies.');
      for (const file of ['policy.md', 'policy.txt', 'policy.html']) {
        const result = await run(server.url, { policy: file, cwd: dir });
        expect(result.report.policy.url, file).toBe(join(dir, file));
        const denial = result.policy?.claims.find((c) => c.topic === 'cookies');
        expect(denial, file).toMatchObject({ stance: 'denies', quote: 'We do not use cookies.' });
        expect(result.policy?.claims.every((c) => c.location.url === join(dir, file))).toBe(true);
      }
      await expect(run(server.url, { policy: 'missing.md', cwd: dir })).rejects.toMatchObject({
        name: 'UsageError',
        message: expect.stringContaining(`cannot read the policy file ${join(dir, 'missing.md')} (ENOENT)`) as string,
      });
      const pdf = await run(server.url, { policy: 'policy.pdf', cwd: dir });
      expect(pdf.report.policy.claims).toEqual([]);
      expect(pdf.report.coverage.notes.join('\n')).toMatch(/PDF/);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
