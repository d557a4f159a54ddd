#!/usr/bin/env bash
# The .deb's size against a bare Tauri app's (benches/bare-tauri) bundled the same
# way: the same Tauri CLI, release profile and target folder. Run after
# `bash .ci/package`; prints both sizes, the ratio, and what the Caliber .deb holds.
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
debs=(target/release/bundle/deb/Caliber_*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || { echo "package-size: run bash .ci/package first" >&2; exit 1; }
deb=${debs[0]}

# The bare app's own workspace, built into the root target folder to share crates.
(cd benches/bare-tauri && CARGO_TARGET_DIR="$PWD/../../target" \
  ../../ui/node_modules/.bin/tauri build --ci --bundles deb \
  --config '{"bundle":{"active":true}}' -- --locked)
bare=$(ls target/release/bundle/deb/bare-tauri_*.deb)

size() { stat -c %s "$1"; }
printf 'caliber .deb: %s bytes (%s)\n' "$(size "$deb")" "$deb"
printf 'bare    .deb: %s bytes (%s)\n' "$(size "$bare")" "$bare"
python3 -c 'import sys; print(f"ratio: {int(sys.argv[1]) / int(sys.argv[2]):.2f}x")' \
  "$(size "$deb")" "$(size "$bare")"
echo "the caliber .deb's largest files (installed size, bytes):"
dpkg-deb -c "$deb" | awk '$3 > 20000 {print $3, $6}' | sort -rn
echo "the bare .deb's files:"
dpkg-deb -c "$bare" | awk '$3 > 20000 {print $3, $6}' | sort -rn
