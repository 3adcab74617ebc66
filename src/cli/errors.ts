/**
 * Errors the CLI turns into exit code 2 with a one-line message on stderr.
 * Anything else that escapes is a bug, reported as such (also exit 2, never a stack trace
 * unless POLICY_LINT_DEBUG is set).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
