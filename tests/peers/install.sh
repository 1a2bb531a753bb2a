#!/usr/bin/env bash
# tests/peers/install.sh: installs the test peers (prism, Twilio's helper library) from
# package-lock.json into tests/peers/node_modules when that folder is missing. Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
if [ -d node_modules/@stoplight/prism-cli ] && [ -d node_modules/twilio ]; then
  echo "==> tests/peers: node_modules present"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tests/peers: npm is missing (apt-get install nodejs npm)" >&2
  exit 1
fi
echo "==> tests/peers: npm ci"
npm ci --no-audit --no-fund
