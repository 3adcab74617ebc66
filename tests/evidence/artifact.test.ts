import { describe, expect, it } from 'vitest';
import { EvidenceArtifactError, parseEvidenceArtifact, serializeEvidence } from '../../src/evidence/artifact.js';
import type { SiteEvidence } from '../../src/evidence/types.js';
import { page } from './helpers.js';

function site(): SiteEvidence {
  const home = page('<a href="/privacy">Privacy</a><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>');
  return {
    startUrl: 'https://shop.example.com/',
    homeUrl: 'https://shop.example.com/',
    firstParty: { domains: ['example.com'] },
    pages: [home],
    signals: { dnt: [home], wellKnown: { gpcJson: { gpc: true }, tk: ['N'] } },
    policyLinkChecks: [{ url: 'https://shop.example.com/privacy', status: 200 }],
    errors: [],
    coverage: { pages: 1, blockedByRobots: [], failed: [], truncated: [], leftOver: [], policyFound: true, notes: [] },
    durationMs: 12,
  };
}

describe('evidence artifact', () => {
  it('round-trips site evidence and policy sources', () => {
    const text = serializeEvidence({ site: site(), policySource: { url: 'https://shop.example.com/privacy', contentType: 'text/html', body: '<p>We do not sell.</p>', foundBy: 'footer link' } });
    const json = JSON.parse(text);
    expect(json).toMatchObject({ kind: 'policy-lint-evidence', version: 1 });
    const back = parseEvidenceArtifact(json);
    expect(back.site).toEqual(JSON.parse(JSON.stringify(site())));
    expect(back.policySource?.body).toBe('<p>We do not sell.</p>');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps fields it does not know (written by a newer minor version)', () => {
    const json = JSON.parse(serializeEvidence({ site: site() }));
    json.site.pages[0].futureField = { x: 1 };
    expect((parseEvidenceArtifact(json).site.pages[0] as unknown as Record<string, unknown>).futureField).toEqual({ x: 1 });
  });

  it('names the path of each problem', () => {
    const json = JSON.parse(serializeEvidence({ site: site() }));
    json.site.pages[0].url = 42;
    json.site.pages[0].cookies = [{ name: 'x', source: 'teleport', raw: '' }];
    delete json.site.coverage;
    let message = '';
    try {
      parseEvidenceArtifact(json);
    } catch (error) {
      expect(error).toBeInstanceOf(EvidenceArtifactError);
      message = (error as Error).message;
    }
    expect(message).toContain('site.pages[0].url');
    expect(message).toContain('site.pages[0].cookies[0].source');
    expect(message).toContain('site.coverage');
  });

  it('rejects other kinds and newer versions with a clear message', () => {
    expect(() => parseEvidenceArtifact([])).toThrow(/not a JSON object/);
    expect(() => parseEvidenceArtifact({ kind: 'lighthouse' })).toThrow(/expected "policy-lint-evidence"/);
    expect(() => parseEvidenceArtifact({ kind: 'policy-lint-evidence', version: 2, site: {} })).toThrow(/newer policy-lint/);
  });

  it('fills foundBy when an older file lacks it', () => {
    const json = JSON.parse(serializeEvidence({ site: site() }));
    json.policySource = { url: 'u', contentType: 'text/plain', body: 'b' };
    expect(parseEvidenceArtifact(json).policySource?.foundBy).toBe('saved evidence');
  });
});
