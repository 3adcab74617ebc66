#!/usr/bin/env bash
# Runs the test suite under newer Node majors than the one installed here, so a break on
# Node 22 or 24 is caught before users hit it. The binaries come from npm's `node` package
# (`npx -y node@22`), fetched into the npx cache; a version that cannot be fetched (offline
# CI, registry down) is reported as skipped rather than failed, because it says nothing
# about the code. Does not install anything into the project or touch node_modules; it runs
# the already-built dist/ (run `npm run build` or `npm test` first).
#
# The versions run side by side (most of the suite waits on local servers and timeouts,
# so two suites share two cores well); set NODE_VERSIONS_SERIAL=1 to run one after another.
# Each suite's output goes to a log that is printed whole when it ends.
#
# Usage: scripts/test-node-versions.sh [major ...]   (default: 22 24)
# Exit: 1 when any suite that ran failed, else 0. Set NODE_VERSIONS_REQUIRED=1 to also fail
# when a version could not be fetched.
set -u
cd "$(dirname "$0")/.." || exit 2

versions=${*:-"22 24"}
logdir=$(mktemp -d "${TMPDIR:-/tmp}/policy-lint-node-versions.XXXXXX")
trap 'rm -rf "$logdir"' EXIT
skipped=""
pids=""

run_suite() { # major bin
  # vitest's forks pool starts workers with process.execPath, so they run on $2 too.
  "$2" node_modules/vitest/vitest.mjs run >"$logdir/$1.log" 2>&1
  echo $? >"$logdir/$1.rc"
}

for major in $versions; do
  echo "== Node $major: fetching binary via npx node@$major" >&2
  bin=$(npx -y "node@$major" -p 'process.execPath' 2>/dev/null | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "== Node $major: could not be fetched, skipped" >&2
    skipped="$skipped $major"
    continue
  fi
  echo "== Node $major: running the suite with $("$bin" --version) ($bin)" >&2
  if [ "${NODE_VERSIONS_SERIAL:-0}" = "1" ]; then
    run_suite "$major" "$bin"
  else
    run_suite "$major" "$bin" &
    pids="$pids $!"
  fi
done
for pid in $pids; do wait "$pid"; done

ran=""
failed=""
for major in $versions; do
  [ -f "$logdir/$major.rc" ] || continue
  echo "== Node $major: suite output" >&2
  cat "$logdir/$major.log" >&2
  ran="$ran $major"
  [ "$(cat "$logdir/$major.rc")" = "0" ] || failed="$failed $major"
done

echo "node versions tested:${ran:- none}" >&2
[ -n "$skipped" ] && echo "node versions skipped (not fetchable):$skipped" >&2
if [ -n "$failed" ]; then
  echo "suite FAILED on Node:$failed" >&2
  exit 1
fi
if [ -n "$skipped" ] && [ "${NODE_VERSIONS_REQUIRED:-0}" = "1" ]; then
  exit 1
fi
exit 0
