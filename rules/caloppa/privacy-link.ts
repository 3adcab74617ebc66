/**
 * caloppa/privacy-link: the home page (after redirects) must link to the privacy policy
 * with a link that says "privacy", and that link must answer. Reads only page links and
 * the policy link checks the pipeline made; it needs no claims, so it runs (and matters
 * most) when no policy was found at all. Pure: no fetching here, the checks are evidence.
 */
import type { LinkEvidence, PageEvidence, PolicyLinkCheck } from '../../src/evidence/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { boundFinding } from '../util/bound.js';
import { comparableUrl, isHttpUrl, pathKey, sameDocument } from '../util/urls.js';

type MessageId = 'missingLink' | 'unlabelledLink' | 'brokenLink';

const MAX_LINKS_IN_EVIDENCE = 10;

function wordsOption(options: Record<string, unknown>): string[] {
  const raw = options.words;
  const extra = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === 'string' && w.trim() !== '') : [];
  return ['privacy', ...extra.map((w) => w.trim().toLowerCase())];
}

function isLabelled(link: LinkEvidence, words: readonly string[]): boolean {
  const label = `${link.text ?? ''} ${link.ariaLabel ?? ''} ${link.title ?? ''}`.toLowerCase();
  return words.some((w) => label.includes(w));
}

function isTitledPrivacy(page: PageEvidence, words: readonly string[]): boolean {
  const title = String(page.title ?? '').toLowerCase();
  return page.status < 400 && words.some((w) => title.includes(w));
}

function homePage(pages: readonly PageEvidence[], homeUrl: string): PageEvidence | undefined {
  return pages.find((p) => sameDocument(p.finalUrl, homeUrl)) ?? pages[0];
}

function isBroken(check: PolicyLinkCheck): boolean {
  return Boolean(check.error) || !(check.status >= 200 && check.status < 400);
}

function linkEvidence(links: readonly LinkEvidence[]) {
  return links.slice(0, MAX_LINKS_IN_EVIDENCE).map((l) => ({
    href: l.href,
    text: (l.text ?? '').slice(0, 200),
    ...(l.ariaLabel ? { ariaLabel: l.ariaLabel.slice(0, 200) } : {}),
    ...(l.title ? { title: l.title.slice(0, 200) } : {}),
    region: l.region,
  }));
}

export default defineRule<MessageId>({
  meta: {
    id: 'caloppa/privacy-link',
    description: 'The home page links to the privacy policy with a link that says "privacy", and the link works.',
    defaultSeverity: 'error',
    docs: 'rules/caloppa/privacy-link.md',
    messages: {
      missingLink: 'The home page {page} has no link containing "privacy" that leads to the privacy policy{policy}.',
      unlabelledLink: 'The home page {page} links to the privacy policy only as "{text}", without the word "privacy".',
      brokenLink: 'The privacy policy link {link} on the home page does not work ({status}).',
    },
    requires: { policy: false, evidence: ['pages', 'links', 'policyLinkChecks'] },
  },
  check(context) {
    const { site, policy } = context;
    const home = homePage(site.pages, site.homeUrl);
    // Not an HTML home page (an API root, a download, an error): nothing to judge.
    if (!home || !/html/i.test(home.contentType ?? '') || home.status >= 400) return [];
    const words = wordsOption(context.options);
    const links = home.links ?? [];
    const homeUrls = [home.url];
    const findings: RuleFinding<MessageId>[] = [];

    const policyUrl = policy && isHttpUrl(policy.url) ? policy.url : undefined;
    const labelled = links.filter((l) => isLabelled(l, words));
    let toPolicy: LinkEvidence[];
    if (policyUrl) {
      // A link that redirects to the policy (a checked link, or a crawled page) leads to it.
      const targets = new Set([
        comparableUrl(policyUrl),
        ...(site.policyLinkChecks ?? []).filter((c) => c.finalUrl && sameDocument(c.finalUrl, policyUrl)).map((c) => comparableUrl(c.url)),
        ...site.pages.filter((p) => sameDocument(p.finalUrl, policyUrl)).map((p) => comparableUrl(p.url)),
      ]);
      toPolicy = links.filter((l) => targets.has(comparableUrl(l.href)));
    } else {
      // No policy found: a privacy link leads to it, and so does a link to a crawled page
      // titled as the policy (the footer "Legal" link to a page called "Privacy Policy").
      const titled = new Set(site.pages.filter((p) => p !== home && isTitledPrivacy(p, words)).flatMap((p) => [comparableUrl(p.url), comparableUrl(p.finalUrl)]));
      toPolicy = [...labelled, ...links.filter((l) => !isLabelled(l, words) && titled.has(comparableUrl(l.href)))];
    }

    if (!toPolicy.some((l) => isLabelled(l, words))) {
      const unlabelled = toPolicy[0];
      if (unlabelled) {
        findings.push({
          messageId: 'unlabelledLink',
          // §22577(b) also accepts a link made conspicuous by other means a static check cannot judge.
          severity: 'warning',
          data: { page: pathKey(home.url), text: (unlabelled.text ?? '').slice(0, 80) },
          urls: homeUrls,
          evidence: { homeUrl: home.finalUrl, ...(policyUrl ? { policyUrl } : {}), linksToPolicy: linkEvidence(toPolicy) },
          evidenceKey: `privacy-link:unlabelled:${pathKey(unlabelled.href)}`,
        });
      } else {
        findings.push({
          messageId: 'missingLink',
          data: { page: pathKey(home.url), policy: policyUrl ? ` (${policyUrl})` : '' },
          urls: homeUrls,
          evidence: {
            homeUrl: home.finalUrl,
            ...(policyUrl ? { policyUrl } : { policyFound: false }),
            linksOnHomePage: links.length,
            privacyLinksElsewhere: linkEvidence(labelled),
          },
          evidenceKey: 'privacy-link:missing',
        });
      }
    }

    const seen = new Set<string>();
    for (const check of site.policyLinkChecks ?? []) {
      if (!isBroken(check) || seen.has(comparableUrl(check.url))) continue;
      seen.add(comparableUrl(check.url));
      const onHome = links.filter((l) => sameDocument(l.href, check.url));
      findings.push({
        messageId: 'brokenLink',
        data: { link: pathKey(check.url), status: check.error ? check.error.slice(0, 120) : `HTTP ${check.status}` },
        urls: homeUrls,
        evidence: {
          link: check.url,
          status: check.status,
          ...(check.finalUrl ? { finalUrl: check.finalUrl } : {}),
          ...(check.error ? { error: check.error.slice(0, 300) } : {}),
          ...(onHome.length ? { linkOnHomePage: linkEvidence(onHome)[0] } : {}),
        },
        evidenceKey: `privacy-link:broken:${pathKey(check.url)}`,
      });
    }
    return findings.map(boundFinding);
  },
});
