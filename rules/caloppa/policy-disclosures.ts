/**
 * caloppa/policy-disclosures: one finding per disclosure that Cal. Bus. & Prof. Code
 * §22575(b) requires and the policy lacks. Items the statute makes conditional ((b)(2) a
 * review process, if one exists; (b)(5) Do Not Track and (b)(6) third-party tracking, where
 * users are tracked across sites) are warnings that state the condition, and (b)(5)/(b)(6)
 * become errors when the crawl saw cross-site (advertising or social) trackers load.
 * Pure: reads claims, policy sentences and resource evidence.
 */
import type { ResourceEvidence } from '../../src/evidence/types.js';
import type { Claim, ClaimTopic } from '../../src/policy/types.js';
import { defineRule, type RuleContext, type RuleFinding } from '../types.js';

type MessageId = 'missingCategories' | 'missingReviewProcess' | 'missingChangeNotice' | 'missingEffectiveDate' | 'missingDntResponse' | 'missingThirdPartyTracking';

/** third-party-web (and our own) categories that follow a person from site to site. */
const CROSS_SITE_CATEGORIES = new Set(['ad', 'advertising', 'social']);
const MAX_TRACKERS = 10;

function has(claims: readonly Claim[], topics: readonly ClaimTopic[]): boolean {
  return claims.some((c) => topics.includes(c.topic));
}

function crossSiteTrackers(context: RuleContext): Array<{ url: string; page: string; entity?: string; domain: string }> {
  const out: Array<{ url: string; page: string; entity?: string; domain: string }> = [];
  const seen = new Set<string>();
  for (const page of context.site.pages) {
    for (const resource of page.resources as ResourceEvidence[]) {
      const tp = resource.thirdParty;
      if (!tp || !tp.tracker || resource.notLoaded) continue;
      if (!tp.categories.some((c) => CROSS_SITE_CATEGORIES.has(c))) continue;
      const key = tp.entity ?? tp.domain;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ url: resource.url, page: page.url, domain: tp.domain, ...(tp.entity ? { entity: tp.entity } : {}) });
      if (out.length >= MAX_TRACKERS) return out;
    }
  }
  return out;
}

/** (b)(7): a DNT disclosure may be a link to a program that offers consumers a choice. */
function mentionsDntLink(context: RuleContext): boolean {
  return (context.policy?.sentences ?? []).some((s) => /do[- ]not[- ]track|\bDNT\b/i.test(s.text) && /https?:\/\/|\bwww\./i.test(s.text));
}

export default defineRule<MessageId>({
  meta: {
    id: 'caloppa/policy-disclosures',
    description: 'The policy makes every disclosure Cal. Bus. & Prof. Code §22575(b) requires.',
    defaultSeverity: 'error',
    docs: 'rules/caloppa/policy-disclosures.md',
    messages: {
      missingCategories: 'The policy does not state {missing} (§22575(b)(1)).',
      missingReviewProcess: 'The policy describes no way for users to review and correct their personal information; if such a process exists, §22575(b)(2) requires describing it.',
      missingChangeNotice: 'The policy does not say how users are notified of changes to it (§22575(b)(3)).',
      missingEffectiveDate: 'The policy states no effective date (§22575(b)(4)).',
      missingDntResponse: 'The policy does not disclose how the site responds to Do Not Track signals (§22575(b)(5)){condition}.',
      missingThirdPartyTracking: 'The policy does not disclose whether third parties may collect personal information about users across sites and over time (§22575(b)(6)){condition}.',
    },
    requires: { policy: true, claims: ['collection', 'sharing', 'review-process', 'change-notification', 'effective-date', 'dnt', 'third-party-tracking'], evidence: ['resources'] },
  },
  check(context) {
    const policy = context.policy;
    // A policy that could not be read (PDF, app shell, other language) is a coverage note, not a violation.
    if (policy && policy.coverageNote && policy.claims.length === 0 && context.claims.length === 0) return [];
    const claims = context.claims;
    const url = policy?.url ?? context.site.homeUrl;
    const findings: RuleFinding<MessageId>[] = [];
    const base = (messageId: MessageId, item: string, extra: Record<string, unknown> = {}): RuleFinding<MessageId> => ({
      messageId,
      urls: [url],
      evidence: { statute: `Cal. Bus. & Prof. Code §22575(b)(${item})`, policyUrl: url, ...extra },
      evidenceKey: `22575(b)(${item})`,
    });

    const missing: string[] = [];
    if (!has(claims, ['collection'])) missing.push('the categories of personal information collected');
    if (!has(claims, ['sharing', 'sale'])) missing.push('the categories of third parties it is shared with');
    if (missing.length > 0) {
      const finding = base('missingCategories', '1', { missing });
      finding.data = { missing: missing.join(' or ') };
      findings.push(finding);
    }
    if (!has(claims, ['review-process'])) {
      findings.push({ ...base('missingReviewProcess', '2', { condition: 'applies only if the operator maintains a review process' }), severity: 'warning' });
    }
    if (!has(claims, ['change-notification'])) findings.push(base('missingChangeNotice', '3'));
    if (!has(claims, ['effective-date'])) findings.push(base('missingEffectiveDate', '4'));

    const trackers = crossSiteTrackers(context);
    const tracked = trackers.length > 0;
    const condition = tracked
      ? `, and the crawl saw cross-site trackers load (${trackers.map((t) => t.entity ?? t.domain).join(', ')})`
      : '; this applies where the site or third parties track users across sites';
    const trackerPages = [...new Set(trackers.map((t) => t.page))];
    if (!has(claims, ['dnt']) && !mentionsDntLink(context)) {
      const finding = base('missingDntResponse', '5', { trackers });
      finding.data = { condition };
      finding.severity = tracked ? 'error' : 'warning';
      if (tracked) finding.urls = [url, ...trackerPages.filter((p) => p !== url)];
      findings.push(finding);
    }
    if (!has(claims, ['third-party-tracking', 'behavioral-advertising'])) {
      const finding = base('missingThirdPartyTracking', '6', { trackers });
      finding.data = { condition };
      finding.severity = tracked ? 'error' : 'warning';
      if (tracked) finding.urls = [url, ...trackerPages.filter((p) => p !== url)];
      findings.push(finding);
    }
    return findings;
  },
});
