import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

function expectOneLineError(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^policy-lint: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('usage errors exit 2 with one line on stderr', () => {
  it('rejects a URL that is not http(s)', async () => {
    expectOneLineError(await runCli(['ftp://127.0.0.1/']), /http and https/);
  });

  it('rejects something that is not a URL', async () => {
    expectOneLineError(await runCli(['not a url']), /not a URL/);
  });

  it('rejects an unknown format', async () => {
    expectOneLineError(await runCli(['http://127.0.0.1:9/', '-f', 'yaml']), /unknown format "yaml"/);
  });

  it('rejects an unknown flag', async () => {
    expectOneLineError(await runCli(['--no-such-flag']), /unknown option/);
  });

  it('rejects a non-numeric budget', async () => {
    expectOneLineError(await runCli(['http://127.0.0.1:9/', '--max-pages', 'lots']), /--max-pages expects a whole number/);
  });

  it('refuses to lint the demo when CI is set and no URL is given', async () => {
    const result = await runCli([], { env: { CI: 'true' } });
    expectOneLineError(result, /no URL to lint/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when nothing listens on the port', async () => {
    const port = await closedPort();
    expectOneLineError(await runCli([`http://127.0.0.1:${port}/`, '-f', 'json']), /127\.0\.0\.1/);
  });

  it('exits 2 when the host does not resolve', async () => {
    expectOneLineError(await runCli(['http://no-such-host.invalid/', '-f', 'json']), /no-such-host\.invalid/);
  });

  it('exits 2 with the key path for an invalid config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-config-'));
    await writeFile(join(dir, 'policy-lint.config.json'), JSON.stringify({ crawl: { maxPages: 'many' } }));
    expectOneLineError(await runCli(['http://127.0.0.1:9/'], { cwd: dir }), /crawl\.maxPages/);
  });

  it('exits 2 for an unknown config key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-config-'));
    await writeFile(join(dir, '.policylintrc.json'), JSON.stringify({ crawl: { maxPagez: 3 } }));
    expectOneLineError(await runCli(['http://127.0.0.1:9/'], { cwd: dir }), /unknown key "crawl\.maxPagez"/);
  });

  it('exits 2 for an unknown rule in config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-lint-config-'));
    await writeFile(join(dir, 'policy-lint.config.json'), JSON.stringify({ rules: { 'cookies/nope': 'off' } }));
    expectOneLineError(await runCli(['http://127.0.0.1:9/'], { cwd: dir }), /unknown rule/);
  });

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: policy-lint/);
  });
});
