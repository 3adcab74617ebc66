import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, terminalSafe } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string } {
  const pass = new PassThrough();
  const chunks: string[] = [];
  pass.on('data', (c: Buffer) => chunks.push(c.toString()));
  const stream = Object.assign(pass, { isTTY, columns: 100, rows: 30, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream;
  return { stream, output: () => chunks.join('') };
}

describe('terminalSafe', () => {
  it('escapes escape sequences, C1 controls and bidi overrides', () => {
    expect(terminalSafe('http://x/\u001b[2J\u0007a')).toBe('http://x/\\x1b[2J\\x07a');
    expect(terminalSafe('a\u009bb\u202ec\r\n')).toBe('a\\x9bb\\u202ec\\x0d\\x0a');
    expect(terminalSafe('plain café')).toBe('plain café');
  });
  it('caps long text', () => {
    expect(terminalSafe('x'.repeat(1000)).length).toBeLessThan(310);
  });
});

describe('createProgressReporter', () => {
  it('logs each request safely with --verbose', () => {
    const { stream, output } = fakeStream(false);
    const report = createProgressReporter({ enabled: false, verbose: true, stream });
    report({ type: 'request', url: 'http://127.0.0.1/\u001b]0;pwned\u0007', pass: 'dnt' });
    report({ type: 'error', url: 'http://127.0.0.1/x', message: 'timeout after 10 ms' });
    expect(output()).toBe('GET http://127.0.0.1/\\x1b]0;pwned\\x07 (dnt)\nerror http://127.0.0.1/x: timeout after 10 ms\n');
    expect(output()).not.toContain('\u001b');
  });

  it('writes nothing when not a TTY', () => {
    const { stream, output } = fakeStream(false);
    const report = createProgressReporter({ enabled: true, verbose: false, stream });
    report({ type: 'page', url: 'http://127.0.0.1/', status: 200, done: 1, queued: 3, errors: 0 });
    report({ type: 'done' });
    expect(output()).toBe('');
  });

  it('draws a bar with pages, queued and errors on a TTY', () => {
    const { stream, output } = fakeStream(true);
    const report = createProgressReporter({ enabled: true, verbose: false, stream });
    report({ type: 'page', url: 'http://127.0.0.1/', status: 200, done: 1, queued: 3, errors: 0 });
    report({ type: 'page', url: 'http://127.0.0.1/a', status: 200, done: 2, queued: 2, errors: 1 });
    report({ type: 'done' });
    expect(output()).toMatch(/2 pages \| 2 queued \| 1 errors/);
  });
});
