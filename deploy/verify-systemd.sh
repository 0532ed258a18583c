#!/usr/bin/env bash
# Checks the systemd units with systemd-analyze verify. The units name the installed launcher
# /opt/caplens/caplens; here it is pointed at this checkout's ./caplens, which must exist.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not found; skipping unit checks" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for unit in "$root"/deploy/systemd/*; do
  sed "s|/opt/caplens/caplens|$root/caplens|g" "$unit" > "$work/$(basename "$unit")"
done
# Instances of the template, as an operator enables them.
for source in aws outposts aliyun; do
  cp "$work/caplens-ingest@.service" "$work/caplens-ingest@$source.service"
  cp "$work/caplens-ingest@.timer" "$work/caplens-ingest@$source.timer"
done
rm "$work/caplens-ingest@.service" "$work/caplens-ingest@.timer"
out="$(cd "$work" && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no ./*.service ./*.timer 2>&1)" || {
  echo "$out" >&2; exit 1; }
# verify exits 0 on some problems; anything it prints about our units is one.
if grep -E "caplens-" <<<"$out" >&2; then exit 1; fi
echo "systemd units verified: $(ls "$work" | tr '\n' ' ')"
