#!/usr/bin/env bash
# systemd_unit_test.sh SOURCE_DIR DULYD_PATH: checks the service files in systemd/.
#
# 1. `systemd-analyze verify` on dulyd.service, copied to a temp dir with ExecStart pointing at
#    DULYD_PATH (verify requires the executable to exist). Any message naming the unit fails:
#    verify exits 0 on unknown keys and bad values, so its output is checked too.
# 2. The unit keeps the promises the README and the daemon rely on (Type=notify, watchdog,
#    dedicated user, state directory, the hardening settings).
# 3. The sysusers snippet creates the duly user in a scratch root, and (as root) the tmpfiles
#    snippet creates /var/lib/duly owned by it; neither may warn about its file.
set -euo pipefail
src="$1"
dulyd="$2"
unit="$src/systemd/dulyd.service"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

[ -x "$dulyd" ] || { echo "FAIL: $dulyd is not an executable"; exit 1; }

# 1. systemd-analyze verify.
grep -q '^ExecStart=/usr/sbin/dulyd ' "$unit" || fail "ExecStart does not start /usr/sbin/dulyd"
sed "s#^ExecStart=/usr/sbin/dulyd #ExecStart=$dulyd #" "$unit" > "$work/dulyd.service"
if ! out="$(cd "$work" && SYSTEMD_LOG_COLOR=0 systemd-analyze verify ./dulyd.service 2>&1)"; then
  fail "systemd-analyze verify exited non-zero:"$'\n'"$out"
elif grep -q 'dulyd\.service' <<<"$out"; then
  fail "systemd-analyze verify warns about the unit:"$'\n'"$out"
fi

# 2. The settings the daemon and the docs depend on.
required=(
  'Type=notify' 'NotifyAccess=main' 'WatchdogSec=30s' 'Restart=on-failure'
  'User=duly' 'Group=duly' 'StateDirectory=duly' 'ConfigurationDirectory=duly'
  'ExecStart=/usr/sbin/dulyd --config /etc/duly/dulyd.json'
  'Environment=DULY_DATABASE_URL=sqlite:///var/lib/duly/duly.db'
  'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' 'PrivateDevices=yes'
  'NoNewPrivileges=yes' 'ProtectKernelTunables=yes' 'ProtectKernelModules=yes'
  'ProtectKernelLogs=yes' 'ProtectControlGroups=yes'
  'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' 'RestrictNamespaces=yes'
  'LockPersonality=yes' 'MemoryDenyWriteExecute=yes' 'SystemCallFilter=@system-service'
  'CapabilityBoundingSet=' 'LimitNOFILE=65536' 'TimeoutStopSec=30s'
)
for line in "${required[@]}"; do
  grep -qxF "$line" "$unit" || fail "dulyd.service lacks the line '$line'"
done

# 3. sysusers and tmpfiles in a scratch root.
root="$work/root"
mkdir -p "$root/etc/duly"
sysusers="$src/systemd/duly.sysusers.conf"
tmpfiles="$src/systemd/duly.tmpfiles.conf"
if ! out="$(systemd-sysusers --root="$root" "$sysusers" 2>&1 >/dev/null)"; then
  fail "systemd-sysusers failed: $out"
elif grep -q 'duly\.sysusers\.conf' <<<"$out"; then
  fail "systemd-sysusers warns: $out"
fi
grep -q '^duly:x:[0-9]*:[0-9]*:.*:/var/lib/duly:' "$root/etc/passwd" ||
  fail "sysusers did not create the duly user with home /var/lib/duly"
if [ "$(id -u)" -eq 0 ]; then
  cp "$src/systemd/dulyd.example.json" "$root/etc/duly/dulyd.json"
  if ! out="$(systemd-tmpfiles --root="$root" --create "$tmpfiles" 2>&1)"; then
    fail "systemd-tmpfiles failed: $out"
  elif grep -q 'duly\.tmpfiles\.conf' <<<"$out"; then
    fail "systemd-tmpfiles warns: $out"
  fi
  uid="$(awk -F: '$1 == "duly" { print $3 }' "$root/etc/passwd")"
  [ "$(stat -c '%u %a' "$root/var/lib/duly")" = "$uid 750" ] ||
    fail "/var/lib/duly is not 0750 and owned by duly"
  [ "$(stat -c '%a' "$root/etc/duly/dulyd.json")" = "640" ] || fail "dulyd.json is not 0640"
else
  echo "note: not root, tmpfiles ownership check skipped"
fi

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "dulyd.service, sysusers and tmpfiles: all checks passed"
