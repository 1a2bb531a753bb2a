#!/usr/bin/env bash
# bench/import_bench.sh: bulk import of INVOICES invoices for CUSTOMERS customers, four ways:
#   sqlite      csv   `duly import customers FILE.csv`, then `duly import invoices FILE.csv`
#   sqlite      api   POST /v1/customers, then POST /v1/invoices, BATCH records per request,
#                     CLIENTS keep-alive connections, against a running dulyd
#   postgresql  csv   the same on a throw-away PostgreSQL cluster (pg_virtualenv)
#   postgresql  api
# Each run starts from an empty, migrated database. The table reports the invoice import only
# (customers are loaded first and timed separately): wall seconds, invoices/s, and the peak RSS
# (VmHWM) of the process doing the work: `duly` for csv (from /usr/bin/time -v), `dulyd` for api
# (from /proc/<pid>/status just before it is stopped). PostgreSQL's own memory is not included.
#
# Usage (from the repository root, after `script/build release`):
#   bench/import_bench.sh                          # 1,000,000 invoices, 100,000 customers
#   INVOICES=10000 bench/import_bench.sh           # smoke run
# Environment:
#   INVOICES   invoices to import (default 1000000)
#   CUSTOMERS  customers they belong to (default INVOICES/10)
#   BATCH      records per API request (default 1000)
#   CLIENTS    concurrent API connections (default 2)
#   BACKENDS   "sqlite postgresql" (default), or one of them
#   PATHS      "csv api" (default), or one of them
#   BIN        directory with dulyd and duly (default build/release/daemon)
#   WORK       scratch directory (default: a new temp dir, removed at the end)
#   PORT       loopback port for dulyd (default 18080)
# The aim (issue 2): 1,000,000 invoices in 30 s or less on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

INVOICES="${INVOICES:-1000000}"
CUSTOMERS="${CUSTOMERS:-$(((INVOICES + 9) / 10))}"
BATCH="${BATCH:-1000}"
CLIENTS="${CLIENTS:-2}"
BACKENDS="${BACKENDS:-sqlite postgresql}"
PATHS="${PATHS:-csv api}"
BIN="$(cd "${BIN:-build/release/daemon}" && pwd)"
PORT="${PORT:-18080}"
feed="$root/bench/import_feed.py"

tools=("$BIN/duly")
[[ " $PATHS " == *" api "* ]] && tools+=("$BIN/dulyd")
for tool in "${tools[@]}"; do
  [ -x "$tool" ] || { echo "no $tool: run script/build release (or set BIN)" >&2; exit 1; }
done

seconds_now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

# One measured row: backend path invoices seconds rss_kib, appended to $WORK/results.
record() {
  echo "$1 $2 $3 $4 $5" >>"$WORK/results"
  echo "    $2 on $1: $3 invoices in $4 s = $(per_second "$3" "$4") invoices/s," \
    "peak RSS $(($5 / 1024)) MiB"
}

# A fresh database URL for one run on backend $1.
fresh_database() {
  local name="duly_bench_$2"
  if [ "$1" = sqlite ]; then
    rm -f "$WORK/$name.db" "$WORK/$name.db-wal" "$WORK/$name.db-shm"
    echo "sqlite://$WORK/$name.db"
  else
    psql -q -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" "$PG_BASE/postgres" >&2
    echo "$PG_BASE/$name"
  fi
}

run_csv() {  # backend
  local url start end
  url="$(fresh_database "$1" csv)"
  "$BIN/duly" migrate --database "$url" >/dev/null
  start="$(seconds_now)"
  "$BIN/duly" import customers "$WORK/data/customers.csv" --database "$url" >/dev/null
  end="$(seconds_now)"
  echo "    csv on $1: $CUSTOMERS customers in $(elapsed "$start" "$end") s"
  start="$(seconds_now)"
  /usr/bin/time -v -o "$WORK/time.txt" \
    "$BIN/duly" import invoices "$WORK/data/invoices.csv" --database "$url" >/dev/null
  end="$(seconds_now)"
  record "$1" csv "$INVOICES" "$(elapsed "$start" "$end")" \
    "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")"
}

dulyd_pid=""
stop_dulyd() {
  if [ -n "$dulyd_pid" ]; then
    kill -TERM "$dulyd_pid" 2>/dev/null || true
    wait "$dulyd_pid" 2>/dev/null || true
    dulyd_pid=""
  fi
}

run_api() {  # backend
  local url token pid start end rss
  url="$(fresh_database "$1" api)"
  "$BIN/duly" migrate --database "$url" >/dev/null
  token="$("$BIN/duly" token create --role admin --name "bench-$$-$1" --quiet --database "$url")"
  "$BIN/dulyd" --listen "127.0.0.1:$PORT" --database "$url" >"$WORK/dulyd-$1.log" 2>&1 &
  pid=$!
  dulyd_pid=$pid
  for _ in $(seq 300); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/dulyd-$1.log"; echo "dulyd died" >&2; exit 1; }
    sleep 0.1
  done
  start="$(seconds_now)"
  python3 "$feed" post "http://127.0.0.1:$PORT" "$token" /v1/customers \
    "$WORK/data/customers.jsonl" "$CLIENTS"
  end="$(seconds_now)"
  echo "    api on $1: $CUSTOMERS customers in $(elapsed "$start" "$end") s"
  start="$(seconds_now)"
  python3 "$feed" post "http://127.0.0.1:$PORT" "$token" /v1/invoices \
    "$WORK/data/invoices.jsonl" "$CLIENTS"
  end="$(seconds_now)"
  rss="$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")"
  stop_dulyd
  record "$1" api "$INVOICES" "$(elapsed "$start" "$end")" "$rss"
}

run_backend() {  # backend
  echo "==> $1"
  for path in $PATHS; do
    "run_$path" "$1"
  done
}

# Inside pg_virtualenv (re-invoked below): run the PostgreSQL part only.
if [ "${1:-}" = "--inside-pg-virtualenv" ]; then
  export WORK
  WORK="$2"
  PG_BASE="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT:-5432}"
  export PGOPTIONS="-c client_min_messages=warning"  # no NOTICEs from migrations in the table
  trap stop_dulyd EXIT
  run_backend postgresql
  exit 0
fi

own_work=0
if [ -z "${WORK:-}" ]; then
  WORK="$(mktemp -d)"
  own_work=1
fi
export WORK
cleanup() {
  stop_dulyd
  if ((own_work)); then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # so that the EXIT trap runs when interrupted
: >"$WORK/results"

echo "==> Generating $INVOICES invoices for $CUSTOMERS customers (CSV and JSON batches of $BATCH)"
python3 "$feed" generate "$WORK/data" "$INVOICES" "$CUSTOMERS" "$BATCH"

for backend in $BACKENDS; do
  case "$backend" in
    sqlite) run_backend sqlite ;;
    postgresql)
      echo "==> Starting a throw-away PostgreSQL (pg_virtualenv)"
      BIN="$BIN" PATHS="$PATHS" INVOICES="$INVOICES" CUSTOMERS="$CUSTOMERS" CLIENTS="$CLIENTS" \
        PORT="$PORT" pg_virtualenv "$root/bench/import_bench.sh" --inside-pg-virtualenv "$WORK"
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done

echo
echo "Bulk import: $INVOICES invoices, $CUSTOMERS customers, API batches of $BATCH," \
  "$CLIENTS clients, $(nproc) CPUs"
printf '%-11s %-5s %10s %9s %12s %14s\n' backend path invoices seconds invoices/s "peak RSS MiB"
while read -r backend path n secs rss; do
  printf '%-11s %-5s %10d %9.2f %12d %14d\n' "$backend" "$path" "$n" "$secs" \
    "$(per_second "$n" "$secs")" "$((rss / 1024))"
done <"$WORK/results"
