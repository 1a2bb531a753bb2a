#!/usr/bin/env bash
# bench/api_latency.sh: latency of GET /v1/invoices/{id} under a steady request rate, on SQLite.
#
# Starts dulyd on an empty SQLite database with `duly demo load` (plus INVOICES generated
# invoices, imported by CSV, when INVOICES > 0), creates a token, collects invoice ids through
# the API, and runs wrk on loopback with `--latency` for the percentiles.
#
# How the steady rate is approached: Debian's wrk (4.1) has no -R rate option (that is wrk2),
# so bench/api_latency.lua makes every connection wait DELAY_MS between requests with wrk's
# delay() hook. With CONNECTIONS fixed connections the offered rate is
#   CONNECTIONS * 1000 / (DELAY_MS + latency_ms)   requests/s,
# so DELAY_MS = CONNECTIONS * 1000 / RATE (16 ms for 16 connections and 1,000 req/s) gives just
# under RATE while latency stays well below DELAY_MS; the achieved rate is printed beside the
# target. wrk times each request from its write to its response, so the pause is not counted
# as latency; like any closed-loop tool it under-reports when the server stalls (coordinated
# omission), which is why the max is shown too.
#
# Usage (from the repository root, after `script/build release`):
#   bench/api_latency.sh                     # 1,000 req/s for 20 s over 16 connections
#   DURATION=5s bench/api_latency.sh         # smoke run
# Environment:
#   RATE         target requests/s (default 1000)
#   CONNECTIONS  wrk connections (default 16); THREADS wrk threads (default 2)
#   DURATION     wrk duration (default 20s)
#   INVOICES     extra invoices imported by CSV before the run (default 100000; 0 = demo only)
#   BIN          directory with dulyd and duly (default build/release/daemon)
#   PORT         loopback port for dulyd (default 18081)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

RATE="${RATE:-1000}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
INVOICES="${INVOICES:-100000}"
BIN="$(cd "${BIN:-build/release/daemon}" && pwd)"
PORT="${PORT:-18081}"
DELAY_MS=$(((CONNECTIONS * 1000 + RATE / 2) / RATE))

for tool in "$BIN/duly" "$BIN/dulyd" "$(command -v wrk)"; do
  [ -x "$tool" ] || { echo "no $tool: run script/build release and script/bootstrap" >&2; exit 1; }
done

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that the EXIT trap runs when interrupted

url="sqlite://$work/duly.db"
"$BIN/duly" migrate --database "$url" >/dev/null
"$BIN/duly" demo load --database "$url" >/dev/null
if ((INVOICES > 0)); then
  echo "==> Importing $INVOICES extra invoices by CSV"
  python3 "$root/bench/import_feed.py" generate "$work/data" "$INVOICES" \
    "$(((INVOICES + 9) / 10))" 1000
  "$BIN/duly" import customers "$work/data/customers.csv" --database "$url" >/dev/null
  "$BIN/duly" import invoices "$work/data/invoices.csv" --database "$url" >/dev/null
fi
token="$("$BIN/duly" token create --role collector --name "latency-$$" --quiet --database "$url")"

"$BIN/dulyd" --listen "127.0.0.1:$PORT" --database "$url" >"$work/dulyd.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/dulyd.log"; echo "dulyd died" >&2; exit 1; }
  sleep 0.1
done

# Up to 10,000 invoice ids, page by page through the list endpoint.
python3 - "http://127.0.0.1:$PORT" "$token" >"$work/ids.txt" <<'PY'
import json, sys, urllib.parse, urllib.request
base, token, after, ids = sys.argv[1], sys.argv[2], "", []
while len(ids) < 10000:
    query = {"limit": "100"}
    if after:
        query["after"] = after
    request = urllib.request.Request(base + "/v1/invoices?" + urllib.parse.urlencode(query),
                                     headers={"Authorization": "Bearer " + token})
    page = json.load(urllib.request.urlopen(request))
    ids += [item["id"] for item in page["items"]]
    after = page.get("next_after") or ""
    if not after or not page["items"]:
        break
print("\n".join(ids))
PY
count="$(grep -c . "$work/ids.txt" || true)"
((count > 0)) || { echo "the API listed no invoices" >&2; exit 1; }

echo "==> wrk: $CONNECTIONS connections, $THREADS threads, $DURATION, pause ${DELAY_MS} ms" \
  "(target $RATE req/s), GET /v1/invoices/{id} over $count ids"
INVOICE_IDS="$work/ids.txt" DULY_TOKEN="$token" DELAY_MS="$DELAY_MS" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$root/bench/api_latency.lua" \
  "http://127.0.0.1:$PORT" | tee "$work/wrk.txt"
rss_kib="$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")"

pick() { awk -v key="$1" '$1 == key { print $2; exit }' "$work/wrk.txt"; }
non_2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt")"
errors="$(awk '/Socket errors:/ { print }' "$work/wrk.txt")"
echo
echo "API latency, GET /v1/invoices/{id}, SQLite, $(nproc) CPUs"
printf '%-12s %s\n' "target" "$RATE req/s" "achieved" "$(pick Requests/sec:) req/s" \
  "p50" "$(pick 50%)" "p75" "$(pick 75%)" "p90" "$(pick 90%)" "p99" "$(pick 99%)" \
  "max" "$(awk '$1 == "Latency" && NF == 5 { print $4; exit }' "$work/wrk.txt")" \
  "non-2xx" "${non_2xx:-0}" "dulyd RSS" "$((rss_kib / 1024)) MiB peak"
[ -z "$errors" ] || echo "$errors"
if [ -n "$non_2xx" ]; then
  tail -n 20 "$work/dulyd.log" >&2
  echo "some answers were not 2xx (dulyd log tail above)" >&2
  exit 1
fi
