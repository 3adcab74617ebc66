#!/usr/bin/env sh
# Runs the test suite under newer Node majors than the one installed here, so a break on
# Node 22 or 24 is caught before users hit it. The binaries come from npm's `node` package
# (`npx -y node@22`), fetched into the npx cache; a version that cannot be fetched (offline
# CI, registry down) is reported as skipped rather than failed, because it says nothing
# about the code. Does not install anything into the project or touch node_modules.
#
# Usage: scripts/test-node-versions.sh [major ...]   (default: 22 24)
# Exit: 1 when any suite that ran failed, else 0. Set NODE_VERSIONS_REQUIRED=1 to also fail
# when a version could not be fetched.
set -u
cd "$(dirname "$0")/.." || exit 2

versions=${*:-"22 24"}
ran=""
skipped=""
failed=""

for major in $versions; do
  echo "== Node $major: fetching binary via npx node@$major" >&2
  bin=$(npx -y "node@$major" -p 'process.execPath' 2>/dev/null | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "== Node $major: could not be fetched, skipped" >&2
    skipped="$skipped $major"
    continue
  fi
  actual=$("$bin" --version)
  echo "== Node $major: running the suite with $actual ($bin)" >&2
  # vitest's forks pool starts workers with process.execPath, so they run on $bin too.
  if "$bin" node_modules/vitest/vitest.mjs run; then
    ran="$ran $actual"
  else
    ran="$ran $actual"
    failed="$failed $actual"
  fi
done

echo "node versions tested:${ran:- none}" >&2
[ -n "$skipped" ] && echo "node versions skipped (not fetchable):$skipped" >&2
if [ -n "$failed" ]; then
  echo "suite FAILED on:$failed" >&2
  exit 1
fi
if [ -n "$skipped" ] && [ "${NODE_VERSIONS_REQUIRED:-0}" = "1" ]; then
  exit 1
fi
exit 0
