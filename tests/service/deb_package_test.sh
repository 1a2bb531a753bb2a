#!/usr/bin/env bash
# deb_package_test.sh BUILD_DIR SOURCE_DIR: builds the .deb with `cpack -G DEB` from BUILD_DIR
# into a temp dir and checks what it installs (binaries, unit, sysusers, tmpfiles, the conffile,
# every schema, the docs) and its control data (name, shlibdeps Depends, maintainer scripts).
# REQUIRES: BUILD_DIR is built (cpack installs from it, it does not build).
set -euo pipefail
build="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack -G DEB failed"
  exit 1
fi
debs=("$work"/out/duly_*.deb)
[ -f "${debs[0]}" ] || { cat "$work/cpack.log"; echo "FAIL: no duly_*.deb produced"; exit 1; }
deb="${debs[0]}"
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's#^\./#/#' >"$work/contents"
expected=(
  /usr/sbin/dulyd /usr/bin/duly
  /usr/lib/systemd/system/dulyd.service
  /usr/lib/sysusers.d/duly.conf /usr/lib/tmpfiles.d/duly.conf
  /etc/duly/dulyd.json
  /usr/share/doc/duly/README.md /usr/share/doc/duly/ARCHITECTURE.md
)
for schema in "$src"/schemas/*.json; do
  [ -e "$schema" ] && expected+=("/usr/share/duly/schemas/$(basename "$schema")")
done
for path in "${expected[@]}"; do
  grep -qxF "$path" "$work/contents" || fail "the package lacks $path"
done
grep -q '^/usr/share/duly/schemas/.*\.json$' "$work/contents" || fail "the package has no schemas"

# Control data: name, dependencies from dpkg-shlibdeps, conffiles, maintainer scripts.
dpkg-deb -I "$deb" >"$work/info"
grep -q '^ Package: duly$' "$work/info" || fail "Package is not duly"
grep -q '^ Depends:.*libc6' "$work/info" || fail "Depends lacks libc6 (shlibdeps did not run)"
grep -q '^ Maintainer: ' "$work/info" || fail "no Maintainer"
dpkg-deb -e "$deb" "$work/control"
grep -qxF /etc/duly/dulyd.json "$work/control/conffiles" || fail "dulyd.json is not a conffile"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "no executable $script"
done
grep -q 'systemd-sysusers' "$work/control/postinst" || fail "postinst does not run systemd-sysusers"
grep -q 'systemd-tmpfiles --create' "$work/control/postinst" ||
  fail "postinst does not run systemd-tmpfiles --create"
grep -q 'systemctl stop dulyd.service' "$work/control/prerm" || fail "prerm does not stop dulyd"

# The installed files are the ones in the source tree, and the binaries are real executables.
dpkg-deb -x "$deb" "$work/root"
cmp -s "$work/root/usr/lib/systemd/system/dulyd.service" "$src/systemd/dulyd.service" ||
  fail "the packaged unit differs from systemd/dulyd.service"
cmp -s "$work/root/etc/duly/dulyd.json" "$src/systemd/dulyd.example.json" ||
  fail "the packaged /etc/duly/dulyd.json differs from systemd/dulyd.example.json"
for bin in usr/sbin/dulyd usr/bin/duly; do
  file -b "$work/root/$bin" | grep -q '^ELF .*executable' || fail "$bin is not an ELF executable"
done

if ((failures)); then
  echo "--- dpkg-deb -I"; cat "$work/info"
  echo "--- dpkg-deb -c"; cat "$work/contents"
  echo "$failures check(s) failed"
  exit 1
fi
echo "package: all checks passed"
