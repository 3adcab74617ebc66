/**
 * `policy-lint claims <url>` in process: a site URL is followed to its policy, the separate
 * cookie policy is read too, and both the table and the JSON show the merged claims with
 * each document's URL. Servers bind 127.0.0.1 only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runClaims } from '../../src/cli/claims-command.js';
import { withSite } from '../helpers/serve-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'policy-lint-claims-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function capture(target: string, flags: Record<string, unknown>): Promise<string> {
  let out = '';
  const cwd = vi.spyOn(process, 'cwd').mockReturnValue(dir);
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    expect(await runClaims(target, flags)).toBe(0);
  } finally {
    write.mockRestore();
    cwd.mockRestore();
  }
  return out;
}

describe('policy-lint claims reads the separate cookie policy', () => {
  it('JSON: the cookie notice is related and its claims carry its URL', async () => {
    await withSite('separate-cookie-policy', async (site) => {
      const doc = JSON.parse(await capture(site.url, { format: 'json', color: false })) as {
        url: string;
        related?: Array<{ url: string }>;
        candidates?: Array<{ url: string; reasons: string[] }>;
        claims: Array<{ id: string; quote: string; location: { url: string } }>;
      };
      expect(doc.url).toBe(`${site.url}privacy`);
      expect(doc.related?.map((r) => r.url)).toEqual([`${site.url}cookie-notice`]);
      expect(doc.candidates?.[0]).toMatchObject({ url: `${site.url}privacy`, reasons: expect.arrayContaining(['in the home page footer']) as string[] });
      const denial = doc.claims.find((c) => c.quote === 'This website does not use cookies.');
      expect(denial?.location.url).toBe(`${site.url}cookie-notice`);
    });
  });

  it('table: lists the related document and the claim range it added', async () => {
    await withSite('separate-cookie-policy', async (site) => {
      const table = await capture(site.url, { format: 'stylish', color: false });
      expect(table).toContain('This website does not use cookies.');
      expect(table).toMatch(new RegExp(`Also read: ${site.url.replace(/[.]/g, '\\.')}cookie-notice \\(.*; claims c\\d+-c\\d+\\)`));
    });
  });

  it('a policy URL given directly still finds the cookie notice it links to', async () => {
    await withSite('separate-cookie-policy', async (site) => {
      const doc = JSON.parse(await capture(`${site.url}privacy`, { format: 'json', color: false })) as { foundBy: string; related?: Array<{ url: string; foundBy: string }> };
      expect(doc.foundBy).toBe('given URL');
      expect(doc.related).toEqual([{ url: `${site.url}cookie-notice`, foundBy: 'link to a separate cookie policy from the privacy policy' }]);
    });
  });
});
