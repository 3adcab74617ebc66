/**
 * The early policy read (policy/gather.ts): the policy the start page points to is fetched and
 * read while the crawl goes on; after the crawl, discovery over every page decides, and the
 * early fetch and document are used only when discovery chose that same document, giving
 * exactly what fetching and reading it then would have.
 */
import { describe, expect, it } from 'vitest';
import type { Crawler } from '../../src/crawl/api.js';
import type { PageSnapshot } from '../../src/crawl/types.js';
import type { PageEvidence } from '../../src/evidence/types.js';
import { discoverPolicy } from '../../src/policy/discover.js';
import { gatherPolicy, guessPolicyFromStartPage, startEarlyPolicy } from '../../src/policy/gather.js';
import { readPolicyWithRelated, type PolicySource } from '../../src/policy/read-related.js';

const HOME = 'https://shop.example.com/';
const POLICY_HTML =
  '<main><h1>Privacy Policy</h1><h2>Cookies</h2><p>We do not use cookies on this website.</p>' +
  '<p>We share your email address with our payment processor to complete your order.</p></main>';

function page(url: string, links: Array<[string, string]>, depth = 1): PageEvidence {
  return {
    url, finalUrl: url, status: 200, depth, pass: 'crawl', contentType: 'text/html', hops: [],
    links: links.map(([href, text]) => ({ href, text, region: 'footer' })),
    cookies: [], resources: [], forms: [],
    scriptSignals: { readsDnt: false, readsGpc: false, dntGated: [], gpcGated: [] },
  };
}

/** A crawler whose documents are canned pages; it counts what was fetched. */
function fakeCrawler(bodies: Record<string, string>): { crawler: Crawler; fetched: string[] } {
  const fetched: string[] = [];
  const crawler = {
    async fetchDocument(url: string): Promise<PageSnapshot | { url: string; error: string }> {
      fetched.push(url);
      const body = bodies[url];
      if (body === undefined) return { url, error: 'connection refused' };
      return { url, finalUrl: url, status: 200, hops: [], contentType: 'text/html', depth: 0, pass: 'crawl', durationMs: 1, bytes: body.length, truncated: false, body };
    },
  } as unknown as Crawler;
  return { crawler, fetched };
}

const readHere = async (source: PolicySource) => readPolicyWithRelated(source);

describe('early policy read', () => {
  it('guesses from the start page alone', () => {
    expect(guessPolicyFromStartPage(page(HOME, [[`${HOME}about`, 'About'], [`${HOME}privacy`, 'Privacy Policy']], 0))).toBe(`${HOME}privacy`);
    expect(guessPolicyFromStartPage(page(HOME, [[`${HOME}about`, 'About']], 0))).toBeNull();
  });

  it('uses the early fetch and document when discovery chooses the same policy, as if read now', async () => {
    const { crawler, fetched } = fakeCrawler({ [`${HOME}privacy`]: POLICY_HTML });
    const pages = [page(HOME, [[`${HOME}privacy`, 'Privacy Policy']], 0), page(`${HOME}about`, [[`${HOME}privacy`, 'Privacy Policy']])];
    const early = startEarlyPolicy(crawler, `${HOME}privacy`, readHere);
    const gathered = await gatherPolicy(crawler, pages, HOME, {}, early);
    expect(fetched).toEqual([`${HOME}privacy`]);
    expect(gathered.earlyDocument).toBeDefined();
    const { candidates, foundBy } = discoverPolicy(pages, HOME);
    expect(gathered.source).toMatchObject({ url: `${HOME}privacy`, foundBy, candidates });
    // Same document as reading the gathered source after the crawl.
    expect(await gathered.earlyDocument).toEqual(readPolicyWithRelated(gathered.source as PolicySource));
  });

  it('fetches afresh when discovery settles on another document, and the early read is not used', async () => {
    const { crawler, fetched } = fakeCrawler({ [`${HOME}legal`]: POLICY_HTML, [`${HOME}privacy-policy`]: POLICY_HTML });
    // The start page pointed at /legal; a later page's link to /privacy-policy wins discovery.
    const early = startEarlyPolicy(crawler, `${HOME}legal`, readHere);
    const pages = [page(HOME, [[`${HOME}about`, 'About']], 0), page(`${HOME}shop`, [[`${HOME}privacy-policy`, 'Privacy Policy']])];
    expect(discoverPolicy(pages, HOME).url).toBe(`${HOME}privacy-policy`);
    const gathered = await gatherPolicy(crawler, pages, HOME, {}, early);
    expect(fetched).toEqual([`${HOME}legal`, `${HOME}privacy-policy`]);
    expect(gathered.source?.url).toBe(`${HOME}privacy-policy`);
    expect(gathered.earlyDocument).toBeUndefined();
  });

  it('keeps the early fetch failure as the policy check and note, as a late fetch would give', async () => {
    const { crawler } = fakeCrawler({});
    const pages = [page(HOME, [[`${HOME}privacy`, 'Privacy Policy']], 0)];
    const late = await gatherPolicy(fakeCrawler({}).crawler, pages, HOME, {});
    const early = await gatherPolicy(crawler, pages, HOME, {}, startEarlyPolicy(crawler, `${HOME}privacy`, readHere));
    expect(early).toEqual(late);
    expect(early.checks).toEqual([{ url: `${HOME}privacy`, status: 0, error: 'connection refused' }]);
  });

  it('reads a separate cookie policy with the policy, so the early document alone is not used', async () => {
    const cookieHtml = '<main><h1>Cookie Policy</h1><p>We set a session cookie named sid when you log in.</p></main>';
    const { crawler } = fakeCrawler({ [`${HOME}privacy`]: POLICY_HTML, [`${HOME}cookie-policy`]: cookieHtml });
    const pages = [page(HOME, [[`${HOME}privacy`, 'Privacy Policy'], [`${HOME}cookie-policy`, 'Cookie Policy']], 0)];
    const gathered = await gatherPolicy(crawler, pages, HOME, {}, startEarlyPolicy(crawler, `${HOME}privacy`, readHere));
    expect(gathered.cookieSource?.url).toBe(`${HOME}cookie-policy`);
    expect(gathered.earlyDocument).toBeUndefined();
  });

  it('fetches afresh when the early fetch broke, and never leaves a rejection behind', async () => {
    const { crawler, fetched } = fakeCrawler({ [`${HOME}privacy`]: POLICY_HTML });
    let calls = 0;
    const flaky = {
      fetchDocument: (url: string) => (calls++ === 0 ? Promise.reject(new Error('boom')) : crawler.fetchDocument(url)),
    } as unknown as Crawler;
    const early = startEarlyPolicy(flaky, `${HOME}privacy`, readHere);
    expect(await early.fetching).toBeNull();
    expect(await early.document).toBeUndefined();
    const pages = [page(HOME, [[`${HOME}privacy`, 'Privacy Policy']], 0)];
    const gathered = await gatherPolicy(flaky, pages, HOME, {}, early);
    expect(fetched).toEqual([`${HOME}privacy`]);
    expect(gathered.source?.url).toBe(`${HOME}privacy`);
    expect(gathered.earlyDocument).toBeUndefined();
  });
});
