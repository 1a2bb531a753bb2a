#!/usr/bin/env bash
# bench/engine_bench.sh: the collection engine against graphile-worker.
#   duly on SQLite      duly_engine_bench on a fresh SQLite file
#   duly on PostgreSQL  duly_engine_bench on a fresh database of a throw-away cluster
#   graphile-worker     bench/graphile/drain.mjs on another fresh database of the same cluster,
#                       in its batched configuration (local queue, batched completion), with
#                       PENDING future jobs and again with none
# Both systems get PENDING future jobs/timers that stay queued and drain DUE due ones; the table
# gives timers (jobs) per second, duly's steps per second, lateness p50/p99 against the real
# clock, peak RSS, and the ratio duly / graphile-worker on the same PostgreSQL. The cluster runs
# with fsync=on (pg_virtualenv turns it off by default), so commits cost what they cost in
# production.
#
# Usage (from the repository root, after `script/build release`):
#   bench/engine_bench.sh                      # 1,000,000 pending, 50,000 due
#   PENDING=100000 DUE=10000 bench/engine_bench.sh   # smoke run
# Environment:
#   PENDING    future timers/jobs (default 1000000)
#   DUE        due timers/jobs to drain (default 50000)
#   LATE       timers for the lateness measurement (default 5000)
#   BACKENDS   "sqlite postgresql" (default), or one of them; graphile-worker runs with postgresql
#   BIN        directory holding bench/duly_engine_bench and, for dulyd's own RSS with the
#              pending timers, daemon/dulyd (default build/release)
#   WORK       scratch directory (default: a new temp dir, removed at the end)
# graphile-worker comes from npm (bench/graphile/package.json), installed here on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

PENDING="${PENDING:-1000000}"
DUE="${DUE:-50000}"
LATE="${LATE:-5000}"
BACKENDS="${BACKENDS:-sqlite postgresql}"
BIN="$(cd "${BIN:-build/release}" && pwd)"
bench="$BIN/bench/duly_engine_bench"
[ -x "$bench" ] || { echo "no $bench: run script/build release (or set BIN)" >&2; exit 1; }

if [ -z "${WORK:-}" ]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
: >"$WORK/results"

# The last line of the bench's output is its JSON figures.
run_duly() {
  echo "== duly on $1: $PENDING pending, $DUE due, $LATE for lateness" >&2
  "$bench" "$2" --pending "$PENDING" --due "$DUE" --late "$LATE" | tee "$WORK/duly-$1.out" >&2
  tail -n 1 "$WORK/duly-$1.out" >>"$WORK/results"
}

# dulyd's own peak RSS (VmHWM) on a database holding PENDING timers: started with the system
# clock, given 5 s to open, migrate and plan its first sleep, then stopped.
dulyd_rss() {
  local dulyd="$BIN/daemon/dulyd" port=18089 pid hwm
  [ -x "$dulyd" ] || { echo "(no $dulyd: dulyd's RSS not measured)" >&2; return 0; }
  "$dulyd" --database "$1" --listen "127.0.0.1:$port" >"$WORK/dulyd.log" 2>&1 &
  pid=$!
  sleep 5
  hwm="$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)"
  kill -TERM "$pid" && wait "$pid" || true
  echo "dulyd on $2 with $PENDING pending timers: peak RSS $((hwm / 1024)) MiB" >&2
  echo "{\"system\": \"dulyd\", \"backend\": \"$2\", \"pending\": $PENDING, \"peak_rss_mib\": $((hwm / 1024))}" \
    >>"$WORK/results"
}

if [[ " $BACKENDS " == *" sqlite "* ]]; then
  run_duly sqlite "sqlite://$WORK/engine-bench.db"
  dulyd_rss "sqlite://$WORK/engine-bench.db" sqlite
fi

if [[ " $BACKENDS " == *" postgresql "* ]]; then
  if [ ! -d "$root/bench/graphile/node_modules/graphile-worker" ]; then
    echo "== installing graphile-worker (npm ci in bench/graphile)" >&2
    (cd "$root/bench/graphile" && npm ci --no-audit --no-fund >&2)
  fi
  export -f run_duly dulyd_rss
  export PENDING DUE LATE bench WORK root BIN
  pg_virtualenv -o fsync=on -t bash -c '
    set -euo pipefail
    base="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:${PGPORT:-5432}"
    psql -qc "CREATE DATABASE duly_engine_bench" -c "CREATE DATABASE graphile_bench" \
      -c "CREATE DATABASE graphile_empty" postgres
    run_duly postgresql "$base/duly_engine_bench"
    dulyd_rss "$base/duly_engine_bench" postgresql
    echo "== graphile-worker: $PENDING pending, $DUE due" >&2
    DATABASE_URL="$base/graphile_bench" node "$root/bench/graphile/drain.mjs" >>"$WORK/results"
    echo "== graphile-worker: nothing pending, $DUE due" >&2
    DATABASE_URL="$base/graphile_empty" PENDING=0 node "$root/bench/graphile/drain.mjs" \
      >>"$WORK/results"
  '
fi

echo
python3 - "$WORK/results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
duly = {r["backend"]: r for r in rows if r["system"] == "duly"}
dulyd = {r["backend"]: r for r in rows if r["system"] == "dulyd"}
graphile = next((r for r in rows if r["system"] == "graphile-worker" and r["pending"] > 0), None)
graphile_empty = next((r for r in rows if r["system"] == "graphile-worker" and r["pending"] == 0),
                      None)
print(f'{"system":<22}{"pending":>9}{"timers/s":>10}{"steps/s":>10}{"empty/s":>10}'
      f'{"p50 ms":>8}{"p99 ms":>8}{"RSS MiB":>9}')
for backend, r in duly.items():
    print(f'{"duly " + backend:<22}{r["pending"]:>9}{r["step_timers_per_second"]:>10.0f}'
          f'{r["steps_per_second"]:>10.0f}{r["empty_step_timers_per_second"]:>10.0f}'
          f'{r["lateness_p50_ms"]:>8.0f}{r["lateness_p99_ms"]:>8.0f}{r["peak_rss_mib"]:>9.1f}')
if graphile:
    empty = graphile_empty["jobs_per_second"] if graphile_empty else 0
    print(f'{"graphile-worker":<22}{graphile["pending"]:>9}{graphile["jobs_per_second"]:>10}'
          f'{"":>10}{empty:>10}')
    pg = duly.get("postgresql")
    if pg:
        print(f'ratio duly/graphile-worker on PostgreSQL: '
              f'{pg["step_timers_per_second"] / graphile["jobs_per_second"]:.2f} (step timers), '
              f'{pg["steps_per_second"] / graphile["jobs_per_second"]:.2f} (steps)')
for backend, r in dulyd.items():
    print(f'dulyd {backend}: peak RSS {r["peak_rss_mib"]} MiB with {r["pending"]} pending timers')
for backend, r in duly.items():
    kept = r["step_timers_per_second"] / r["empty_step_timers_per_second"] \
        if r["empty_step_timers_per_second"] else 0
    print(f'duly {backend}: with {r["pending"]} pending it fires at {kept * 100:.0f}% of the '
          f'rate with none')
EOF
