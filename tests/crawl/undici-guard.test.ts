/**
 * The guard for undici's paused-parser assertion (nodejs/undici#5360): it recognises exactly
 * that failure, contains it in a real process, and leaves every other uncaught exception fatal.
 */
import { spawnSync } from 'node:child_process';
import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { isPausedParserAssertion } from '../../src/crawl/undici-guard.js';

// The stack the defect produced in a CI run on Node 22 (paths shortened).
const REAL_STACK = `AssertionError [ERR_ASSERTION]: The expression evaluated to a falsy value:

  assert(!this.paused)

    at Parser.finish (/tmp/x/node_modules/undici/lib/dispatcher/client-h1.js:375:5)
    at Socket.onHttpSocketEnd (/tmp/x/node_modules/undici/lib/dispatcher/client-h1.js:958:30)
    at Socket.emit (node:events:531:35)
    at endReadableNT (node:internal/streams/readable:1698:12)`;

function assertionWith(stack: string): AssertionError {
  const error = new AssertionError({ message: 'The expression evaluated to a falsy value', actual: false, expected: true, operator: '==' });
  error.stack = stack;
  return error;
}

describe('undici guard', () => {
  it('recognises the paused-parser assertion and nothing else', () => {
    expect(isPausedParserAssertion(assertionWith(REAL_STACK))).toBe(true);
    expect(isPausedParserAssertion(assertionWith(REAL_STACK.replaceAll('client-h1.js', 'client-h2.js')))).toBe(false);
    expect(isPausedParserAssertion(assertionWith(REAL_STACK.replace(/Parser\.finish/, 'Parser.execute')))).toBe(false);
    const plain = new Error('boom');
    plain.stack = REAL_STACK;
    expect(isPausedParserAssertion(plain)).toBe(false);
    expect(isPausedParserAssertion('assert(!this.paused)')).toBe(false);
  });

  it('contains it in a real process, and keeps any other uncaught exception fatal', () => {
    const guard = new URL('../../dist/src/crawl/undici-guard.js', import.meta.url).href;
    const script = (thrown: string): string =>
      [
        "import { AssertionError } from 'node:assert';",
        `const { installUndiciGuard, containedUndiciFailures } = await import(${JSON.stringify(guard)});`,
        'installUndiciGuard();',
        "const error = new AssertionError({ message: 'x', actual: false, expected: true, operator: '==' });",
        `error.stack = ${JSON.stringify(REAL_STACK)};`,
        `setTimeout(() => { throw ${thrown}; }, 1);`,
        "setTimeout(() => console.log('still running, contained ' + containedUndiciFailures()), 50);",
      ].join('\n');
    const contained = spawnSync(process.execPath, ['--input-type=module', '-e', script('error')], { encoding: 'utf8' });
    expect(contained.status).toBe(0);
    expect(contained.stdout).toContain('still running, contained 1');
    const fatal = spawnSync(process.execPath, ['--input-type=module', '-e', script("new TypeError('something else')")], { encoding: 'utf8' });
    expect(fatal.status).toBe(1);
    expect(fatal.stderr).toContain('something else');
    expect(fatal.stdout).not.toContain('still running');
  });
});
