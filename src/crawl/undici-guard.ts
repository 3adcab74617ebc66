/**
 * Contains one known undici 7 defect (nodejs/undici#5360, fixed only in undici 8, which
 * needs a newer Node than we support): when a response body is not being read (backpressure
 * from decompression or the byte budget) and the server closes the connection, undici's
 * socket 'end' handler fails `assert(!this.paused)` in Parser.finish, an exception no caller
 * can catch, which would end the whole run. A hostile or merely abrupt server can trigger it.
 *
 * The guard recognises exactly that assertion (by code, function and file) and lets the run
 * go on: the affected request then ends by its own fetch deadline and becomes a page error.
 * Every other uncaught exception keeps Node's behaviour (print, exit 1). For the CLI, which
 * owns its process; a library caller decides for its own process.
 */

/** True for undici's paused-parser assertion on socket end, and nothing else. */
export function isPausedParserAssertion(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  const stack = error.stack ?? '';
  return code === 'ERR_ASSERTION' && /\bParser\.finish\b/.test(stack) && /undici[\\/]lib[\\/]dispatcher[\\/]client-h1\.js/.test(stack) && /onHttpSocketEnd/.test(stack);
}

let installed = false;
let contained = 0;

/** How many times the guard has contained the defect in this process. */
export function containedUndiciFailures(): number {
  return contained;
}

export function installUndiciGuard(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => {
    if (isPausedParserAssertion(error)) {
      contained += 1;
      return;
    }
    // Not ours to contain: behave as Node does without a handler.
    console.error(error);
    process.exit(1);
  });
}
