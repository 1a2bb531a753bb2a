#!/usr/bin/env bash
# tests/browser/run.sh: the web UI's tests. Unit tests of its pure modules (node --test), then the
# browser tests: each file starts dulyd (from $DULY_BUILD_DIR, default build/dev) with demo data
# and drives Debian's chromium through playwright-core. Screenshots go to build/browser-screenshots.
# Skips, saying so, when chromium is not installed (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
chromium="${DULY_CHROMIUM:-/usr/bin/chromium}"
web/build.sh
echo "==> web: unit tests"
(cd web && node --test test/)
if [ ! -x "$chromium" ]; then
  echo "==> Browser tests SKIPPED: $chromium is missing (apt-get install chromium)"
  exit 0
fi
export DULY_BUILD_DIR="${DULY_BUILD_DIR:-build/${DULY_TEST_PRESET:-dev}}"
echo "==> Browser tests (chromium, dulyd from $DULY_BUILD_DIR)"
node --test --test-concurrency=1 tests/browser/*.test.mjs
