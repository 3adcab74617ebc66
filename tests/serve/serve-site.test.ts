/**
 * The local site server: declared routes, redirects with their cookies, header-chosen
 * variants, plain static mode, and refusal of every path that would leave the directory.
 * Requests go through node:http with the raw path, so no client normalises `..` first.
 */
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSiteDir, listDemoSites, serveSite } from '../../src/cli/serve-site.js';
import type { ServedSite } from '../../src/cli/serve-site.js';
import { parseSiteManifest, SiteManifestError } from '../../src/cli/site-routes.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(base: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolveGet, rejectGet) => {
    const req = request({ hostname, port, path: rawPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', rejectGet);
    req.end();
  });
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'serve-site-'));
  await writeFile(join(workDir, 'secret.txt'), 'outside the site\n');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('fixture mode (site.json)', () => {
  let site: ServedSite;
  let siteDir: string;

  beforeAll(async () => {
    siteDir = join(workDir, 'fixture');
    await mkdir(join(siteDir, 'css'), { recursive: true });
    await writeFile(join(siteDir, 'home.html'), '<h1>home</h1>');
    await writeFile(join(siteDir, 'home-dnt.html'), '<h1>home without trackers</h1>');
    await writeFile(join(siteDir, 'missing.html'), '<h1>custom missing page</h1>');
    await writeFile(join(siteDir, 'css', 'site.css'), 'body { color: black }');
    await writeFile(join(siteDir, 'legacy.bin'), Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    await writeFile(join(siteDir, 'site.json'), JSON.stringify({
      routes: {
        '/': { redirect: '/home', status: 302, setCookie: ['hop=1; Path=/; Max-Age=600'] },
        '/home': {
          file: 'home.html',
          setCookie: ['sid=abc; Path=/; HttpOnly'],
          when: [
            { header: 'dnt', equals: '1', then: { file: 'home-dnt.html', headers: { Tk: 'N' } } },
            { header: 'Sec-GPC', equals: '1', then: { body: '<p>gpc variant</p>' } },
          ],
        },
        '/inline': { body: '<p>inline</p>', headers: { 'X-Fixture': 'yes' } },
        '/gone': { status: 410, body: 'gone' },
        '/legacy': { file: 'legacy.bin', headers: { 'Content-Type': 'text/html; charset=windows-1252' } },
        '/privacy': { status: 404 },
      },
      notFound: 'missing.html',
    }));
    site = await serveSite(siteDir);
  });

  afterAll(async () => {
    await site.close();
  });

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(site.url).not.toBe('http://127.0.0.1:0/');
  });

  it('answers a redirect hop with its Location and Set-Cookie', async () => {
    const res = await get(site.url, '/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/home');
    expect(res.headers['set-cookie']).toEqual(['hop=1; Path=/; Max-Age=600']);
  });

  it('serves a route file with its cookies', async () => {
    const res = await get(site.url, '/home');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<h1>home</h1>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['set-cookie']).toEqual(['sid=abc; Path=/; HttpOnly']);
  });

  it('picks the first matching `when` variant by request header, keeping the route cookies', async () => {
    const dnt = await get(site.url, '/home', { DNT: '1' });
    expect(dnt.body).toBe('<h1>home without trackers</h1>');
    expect(dnt.headers.tk).toBe('N');
    expect(dnt.headers['set-cookie']).toEqual(['sid=abc; Path=/; HttpOnly']);
    const gpc = await get(site.url, '/home', { 'Sec-GPC': '1' });
    expect(gpc.body).toBe('<p>gpc variant</p>');
    const other = await get(site.url, '/home', { DNT: '0' });
    expect(other.body).toBe('<h1>home</h1>');
  });

  it('serves inline bodies with custom headers and statuses', async () => {
    const inline = await get(site.url, '/inline');
    expect(inline.body).toBe('<p>inline</p>');
    expect(inline.headers['x-fixture']).toBe('yes');
    const gone = await get(site.url, '/gone');
    expect(gone.status).toBe(410);
  });

  it('lets a route override the content type and sends the bytes unchanged', async () => {
    const { hostname, port } = new URL(site.url);
    const bytes = await new Promise<{ type: string | undefined; body: Buffer }>((resolveGet, rejectGet) => {
      request({ hostname, port, path: '/legacy', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolveGet({ type: res.headers['content-type'], body: Buffer.concat(chunks) }));
      }).on('error', rejectGet).end();
    });
    expect(bytes.type).toBe('text/html; charset=windows-1252');
    expect([...bytes.body]).toEqual([0x43, 0x61, 0x66, 0xe9]);
  });

  it('answers a 404 route and unknown paths with the notFound page', async () => {
    const declared = await get(site.url, '/privacy');
    expect(declared.status).toBe(404);
    expect(declared.body).toContain('custom missing page');
    const unknown = await get(site.url, '/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('custom missing page');
  });

  it('serves files not in routes statically, but hides the fixture metadata', async () => {
    const css = await get(site.url, '/css/site.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(site.url, '/site.json')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(site.url, '/home', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('<h1>home</h1>'.length));
    const post = await get(site.url, '/home', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('static mode', () => {
  let site: ServedSite;
  let siteDir: string;

  beforeAll(async () => {
    siteDir = join(workDir, 'static');
    await mkdir(join(siteDir, 'docs'), { recursive: true });
    await mkdir(join(siteDir, '.well-known'), { recursive: true });
    await mkdir(join(siteDir, '.git'), { recursive: true });
    await writeFile(join(siteDir, 'index.html'), '<h1>root index</h1>');
    await writeFile(join(siteDir, 'docs', 'index.html'), '<h1>docs index</h1>');
    await writeFile(join(siteDir, 'app.js'), 'console.log(1)');
    await writeFile(join(siteDir, 'data.unknownext'), 'x');
    await writeFile(join(siteDir, '.well-known', 'gpc.json'), '{"gpc":true}');
    await writeFile(join(siteDir, '.git', 'config'), '[core]');
    await symlink(join(workDir, 'secret.txt'), join(siteDir, 'escape.txt'));
    site = await serveSite(siteDir);
  });

  afterAll(async () => {
    await site.close();
  });

  it('serves index.html for directories and redirects a directory without its slash', async () => {
    expect((await get(site.url, '/')).body).toBe('<h1>root index</h1>');
    expect((await get(site.url, '/docs/')).body).toBe('<h1>docs index</h1>');
    const bare = await get(site.url, '/docs?x=1');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/docs/?x=1');
  });

  it('sends content types by extension', async () => {
    expect((await get(site.url, '/index.html')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get(site.url, '/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(site.url, '/data.unknownext')).headers['content-type']).toBe('application/octet-stream');
    expect((await get(site.url, '/.well-known/gpc.json')).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 404 with a page for missing files and dotfiles', async () => {
    const missing = await get(site.url, '/nope.html');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('404');
    expect((await get(site.url, '/.git/config')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/docs/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/docs/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/index.html%00.txt',
    '/%zz',
  ])('refuses the traversal attempt %s', async (rawPath) => {
    const res = await get(site.url, rawPath);
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('outside the site');
  });

  it('does not follow a symlink out of the directory', async () => {
    const res = await get(site.url, '/escape.txt');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the site');
  });

  it('refuses a request target that is not a path', async () => {
    expect((await get(site.url, 'http://example.com/index.html')).status).toBe(400);
  });
});

describe('site.json validation', () => {
  it('names the problem for a bad manifest', () => {
    expect(() => parseSiteManifest('{', '/site')).toThrow(/not valid JSON/);
    expect(() => parseSiteManifest('{"routes":{"nope":{}}}', '/site')).toThrow(SiteManifestError);
    expect(() => parseSiteManifest('{"routes":{"/":{"stauts":200}}}', '/site')).toThrow(/stauts/);
    expect(() => parseSiteManifest('{"routes":{"/":{"file":"../x.html"}}}', '/site')).toThrow(/outside the site directory/);
    expect(() => parseSiteManifest('{"routes":{"/":{"redirect":"/a","status":200}}}', '/site')).toThrow(/needs status 301/);
    expect(() => parseSiteManifest('{"routes":{"/":{"file":"a.html","body":"x"}}}', '/site')).toThrow(/either "file" or "body"/);
  });

  it('makes serveSite reject with the message', async () => {
    const dir = join(workDir, 'broken');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'site.json'), '{"routes": {"/": {"status": "ok"}}}');
    await expect(serveSite(dir)).rejects.toThrow(/site\.json: invalid site manifest/);
  });

  it('rejects a directory that does not exist', async () => {
    await expect(serveSite(join(workDir, 'absent'))).rejects.toThrow(/no such directory/);
  });
});

describe('bundled demo sites', () => {
  it('lists the sites sorted, each with a description, the default demo among them', () => {
    const sites = listDemoSites();
    const names = sites.map((s) => s.name);
    expect(names).toContain('allsmart-demo');
    expect(names).toContain('clean-site');
    expect([...names].sort()).toEqual(names);
    for (const s of sites) expect(s.description.length, s.name).toBeGreaterThan(10);
  });

  it('resolves a site directory and refuses unknown or path-like names', () => {
    expect(demoSiteDir('allsmart-demo')).toMatch(/fixtures[\\/]sites[\\/]allsmart-demo$/);
    expect(() => demoSiteDir('no-such-site')).toThrow(/unknown demo site "no-such-site"; available: .*allsmart-demo/);
    expect(() => demoSiteDir('../allsmart-demo')).toThrow(/unknown demo site/);
  });
});
