#!/usr/bin/env bash
# bench/dispatch_bench.sh: messages per second through the outbox dispatcher, whole system (the
# engine queues reminders, the dispatcher composes and sends them, the outbox records each), with
# rate limits off, on SQLite and on PostgreSQL:
#   sms 0 ms     TwilioChannel over libcurl to duly_twilio_standin answering 201 at once
#   sms 50 ms    the same stand-in answering after 50 ms (sends must overlap: hundreds in flight)
#   email        SmtpSender (ThreadedChannel) to the real SMTP server channels/smtp/testdata/
#                smtp_sink.py (aiosmtpd, which parses and stores every message it accepts)
#   fake         FakeChannel: no network, so the row shows what the store and composer cost alone
# Each row gives messages/s, send latency p50/p99, the most sends in flight, the process's CPU
# time per message, peak RSS and where the time went (wall time per lease, compose, mark-sent).
# The aim (issue 4): 10,000 messages/s at 0 ms, 8,000 at 50 ms, on 2 cores. The PostgreSQL
# cluster (pg_virtualenv) runs with fsync=on, so commits cost what they cost in production.
#
# Usage (from the repository root, after `script/build release`; builds nothing):
#   bench/dispatch_bench.sh                          # 20,000 messages per case
#   MESSAGES=2000 bench/dispatch_bench.sh            # smoke run
# Environment:
#   MESSAGES         messages per sms/fake case (default 20000)
#   EMAIL_MESSAGES   messages for the email case (default MESSAGES / 4: the Python sink is slow)
#   CASES            "sms0 sms50 email fake" (default), or some of them
#   BACKENDS         "sqlite postgresql" (default), or one of them
#   IN_FLIGHT        sends in flight at most (default 512); WORKERS dispatcher threads (default 8)
#   SETTLE_BATCH     outcomes recorded per transaction at most (default: the bench's, 256; 1: one
#                    transaction per message, as before batching)
#   STANDIN_THREADS  threads of the stand-in (default 1; it shares the 2 cores with the bench)
#   BIN              directory holding bench/duly_dispatch_bench and bench/duly_twilio_standin
#                    (default build/release)
#   WORK             scratch directory (default: a new temp dir, removed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

MESSAGES="${MESSAGES:-20000}"
EMAIL_MESSAGES="${EMAIL_MESSAGES:-$((MESSAGES / 4))}"
CASES="${CASES:-sms0 sms50 email fake}"
BACKENDS="${BACKENDS:-sqlite postgresql}"
IN_FLIGHT="${IN_FLIGHT:-512}"
WORKERS="${WORKERS:-8}"
STANDIN_THREADS="${STANDIN_THREADS:-1}"
BIN="$(cd "${BIN:-build/release}" && pwd)"
bench="$BIN/bench/duly_dispatch_bench"
standin="$BIN/bench/duly_twilio_standin"
for binary in "$bench" "$standin"; do
  [ -x "$binary" ] || { echo "no $binary: run script/build release (or set BIN)" >&2; exit 1; }
done

if [ -z "${WORK:-}" ]; then
  WORK="$(mktemp -d)"
  cleanup_work=1
fi
mkdir -p "$WORK"
: >"$WORK/results"
peers=()
cleanup() {
  for pid in "${peers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${peers[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${cleanup_work:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Starts a peer whose first line of output names its port ("listening on P", "READY P");
# sets `port`.
start_peer() {
  local log="$1" pattern="$2"
  shift 2
  "$@" >"$log" 2>&1 &
  peers+=("$!")
  for _ in $(seq 100); do
    port="$(sed -n "s/^$pattern \([0-9]*\)$/\1/p" "$log" | head -n 1)"
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "peer $* did not start: $(cat "$log")" >&2
  exit 1
}

start_peer "$WORK/standin0.log" "listening on" "$standin" --delay-ms 0 --threads "$STANDIN_THREADS"
STANDIN0="http://127.0.0.1:$port"
start_peer "$WORK/standin50.log" "listening on" "$standin" --delay-ms 50 \
  --threads "$STANDIN_THREADS"
STANDIN50="http://127.0.0.1:$port"
mkdir -p "$WORK/mail"
start_peer "$WORK/smtp.log" "READY" /usr/bin/python3 "$root/channels/smtp/testdata/smtp_sink.py" \
  "$WORK/mail"
SMTP_PORT="$port"

# run_case BACKEND CASE DATABASE_URL: one bench run; its last line (JSON) goes to the results
# with the case's name added.
run_case() {
  local backend="$1" name="$2" url="$3" peer
  case "$name" in
    sms0) peer=(--messages "$MESSAGES" --channel sms --standin-url "$STANDIN0") ;;
    sms50) peer=(--messages "$MESSAGES" --channel sms --standin-url "$STANDIN50") ;;
    email) peer=(--messages "$EMAIL_MESSAGES" --channel email --smtp-port "$SMTP_PORT") ;;
    fake) peer=(--messages "$MESSAGES" --channel sms --fake) ;;
    *) echo "unknown case $name" >&2; return 1 ;;
  esac
  echo "== $name on $backend" >&2
  if [ -n "${SETTLE_BATCH:-}" ]; then peer+=(--settle-batch "$SETTLE_BATCH"); fi
  "$bench" "$url" "${peer[@]}" --in-flight "$IN_FLIGHT" --workers "$WORKERS" \
    | tee "$WORK/$backend-$name.out" >&2 || echo "(the $name run on $backend failed)" >&2
  tail -n 1 "$WORK/$backend-$name.out" | jq -c --arg case "$name" '. + {case: $case}' \
    >>"$WORK/results" || true
}

if [[ " $BACKENDS " == *" sqlite "* ]]; then
  for name in $CASES; do run_case sqlite "$name" "sqlite://$WORK/dispatch-$name.db"; done
fi

if [[ " $BACKENDS " == *" postgresql "* ]]; then
  export -f run_case
  export SETTLE_BATCH="${SETTLE_BATCH:-}"
  export MESSAGES EMAIL_MESSAGES IN_FLIGHT WORKERS CASES STANDIN0 STANDIN50 SMTP_PORT bench WORK
  # shellcheck disable=SC2016 # expanded inside the cluster's shell
  pg_virtualenv -o fsync=on -t bash -c '
    set -euo pipefail
    base="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:${PGPORT:-5432}"
    for name in $CASES; do
      psql -qc "CREATE DATABASE dispatch_$name" postgres
      run_case postgresql "$name" "$base/dispatch_$name"
    done
  '
fi

echo
python3 - "$WORK/results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
names = {"sms0": "sms, stand-in 0 ms", "sms50": "sms, stand-in 50 ms", "email": "email, SMTP sink",
         "fake": "sms, fake channel"}
print(f'{"case":<22}{"backend":<11}{"sent":>7}{"msg/s":>8}{"p50 ms":>8}{"p99 ms":>8}'
      f'{"inflt":>6}{"cpu us":>8}{"RSS MiB":>8}{"lease us":>9}{"compose us":>11}{"mark us":>9}')
for r in rows:
    calls = r.get("calls", {})
    def per(name):
        return calls.get(name, {}).get("wall_us_per_call", 0)
    lease = per("outbox.LeaseDueMessages") / max(1, r["sent"] / max(1, calls.get(
        "outbox.LeaseDueMessages", {}).get("calls", 1)))
    settle = calls.get("outbox.SettleMessages", {})
    mark = (settle.get("wall_us_per_call", 0) * settle.get("calls", 0) / max(1, r["sent"])
            if settle else per("outbox.MarkMessageSent"))
    print(f'{names.get(r["case"], r["case"]):<22}{r["backend"]:<11}{r["sent"]:>7}'
          f'{r["messages_per_second"]:>8.0f}{r["latency_p50_us"] / 1000:>8.1f}'
          f'{r["latency_p99_us"] / 1000:>8.1f}{r["most_in_flight"]:>6}'
          f'{r["cpu_us_per_message"]:>8.0f}{r["peak_rss_mib"]:>8.1f}{lease:>9.0f}'
          f'{per("composer.Compose"):>11.0f}{mark:>9.0f}')
print('cpu us: process CPU per message sent; lease us: LeaseDueMessages wall time per row leased;'
      ' compose us: wall time per call (on the worker threads, which overlap); mark us: wall time'
      ' recording the outcome, per message (SettleMessages batches: the batch time / its rows)')
print('aim on 2 cores: 10,000 msg/s at 0 ms, 8,000 msg/s at 50 ms')
EOF
