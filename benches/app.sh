#!/usr/bin/env bash
# The app's start: Caliber's release app on a 100k-win ledger against a bare Tauri
# window (benches/bare-tauri, built in the same run) as the floor. Reports the
# release binary sizes, the time from spawn to the first view on screen (the UI
# calls `first_view_rendered`, which prints a mark on stdout when
# CALIBER_BENCH_MARK=1), and the memory of the program and its WebKit processes
# after start. The two run alternately under a private X server (Xvfb), N rounds.
#
#   bash benches/app.sh          # N=7 rounds
#   N=3 bash benches/app.sh      # quicker
#
# Then scrolls the Log's timeline through tauri-driver and reports its frame times
# (benches/app_scroll.py). Writes target/bench/app.md and target/bench/scroll.md
# (the tables) and target/bench/app.json and scroll.json (samples).
# Needs: cargo, npm, python3, Xvfb and the WebKitGTK libraries (.ci/setup installs them).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-7}
SIZE=100000
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TARGET=$CARGO_TARGET_DIR
BENCH=$ROOT/target/bench
DATA=$BENCH/data
WORK=$BENCH/app
mkdir -p "$BENCH" "$DATA" "$WORK"

say() { printf '\n== %s\n' "$*" >&2; }

for tool in Xvfb python3 npm tauri-driver WebKitWebDriver; do
    command -v "$tool" >/dev/null || { echo "app.sh: $tool is missing: run .ci/setup" >&2; exit 1; }
done

# --- builds ------------------------------------------------------------------
say "building the UI, Caliber's app and the bare Tauri window (release)"
[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund)
# Only when the UI changed: a new build of the same files would still make Cargo
# rebuild the app, which embeds them.
if [ ! -f ui/dist/index.html ] ||
    [ -n "$(find ui/src ui/index.html ui/package.json ui/vite.config.ts -newer ui/dist/index.html -print -quit)" ]; then
    (cd ui && npm run build >/dev/null)
fi
cargo build --release --locked --quiet -p caliber-app --bin caliber-app
cargo build --release --locked --quiet --example bench_data
# Its own workspace: the same target folder, so the Tauri crates built above are reused.
cargo build --release --locked --quiet --manifest-path benches/bare-tauri/Cargo.toml
APP=$TARGET/release/caliber-app
BARE=$TARGET/release/bare-tauri

# --- the ledger --------------------------------------------------------------
db=$DATA/caliber-$SIZE.db
if [ ! -f "$db" ] || [ "$ROOT/benches/common/gen.rs" -nt "$db" ]; then
    say "generating $SIZE wins"
    "$TARGET/release/examples/bench_data" --size "$SIZE" --out "$DATA" >/dev/null
fi
# A copy, so nothing a run writes reaches the generated ledger; private XDG folders
# (window state, WebKit caches), kept across the runs as a person's would be.
rm -rf "$WORK" && mkdir -p "$WORK/caliber" "$WORK/bare"
cp "$db" "$WORK/caliber.db"

# --- a private X server --------------------------------------------------------
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    [ -e "/tmp/.X11-unix/X$display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { echo "app.sh: Xvfb :$display did not start" >&2; exit 1; }
    sleep 0.1
done
export DISPLAY=":$display"
# No accessibility bus or session D-Bus on a bare X server: keep GTK from waiting on them.
export NO_AT_BRIDGE=1
export CALIBER_BENCH_MARK=1

xdg() { # the XDG folders of one program
    printf -- '--env %s=XDG_%s_HOME=%s ' "$1" CONFIG "$WORK/$1/config" "$1" DATA "$WORK/$1/data" "$1" CACHE "$WORK/$1/cache"
}

say "timing $N rounds: caliber-app ($SIZE wins) and the bare window, alternately"
# shellcheck disable=SC2046
python3 benches/app_run.py "$BENCH" "$N" \
    "caliber=$APP" "bare=$BARE" \
    --env "caliber=CALIBER_DB=$WORK/caliber.db" $(xdg caliber) $(xdg bare)

say "scrolling the Log's timeline at $SIZE wins (frame times), 3 rounds"
python3 benches/app_scroll.py "$BENCH" "$APP" "$db" --rounds 3

say "wrote $BENCH/app.md and $BENCH/scroll.md"
