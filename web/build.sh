#!/usr/bin/env bash
# web/build.sh: installs the UI's npm packages from package-lock.json when they are missing or
# out of date (npm ci, offline from the npm cache when it can) and builds web/dist.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "web: npm is missing (script/bootstrap installs it)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> web: npm ci"
  npm ci --prefer-offline --no-audit --no-fund
fi
node build.mjs
