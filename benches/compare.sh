#!/usr/bin/env bash
# Whole-process comparisons: Caliber against what a user would otherwise use, in one
# run. Each set of commands runs alternately (order flipped every round) N times;
# the table gives medians, ratios and peak memory (max RSS).
#
#   bash benches/compare.sh            # N=7 rounds, all sizes
#   N=3 bash benches/compare.sh        # quicker
#   REGEN=1 bash benches/compare.sh    # rebuild the datasets
#
# Writes target/bench/compare.md (the table) and target/bench/compare.jsonl (samples).
# Needs: cargo, python3 (with venv), sqlite3; installs sqlite3 with apt-get when root.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-7}
BENCH=$ROOT/target/bench
DATA=$BENCH/data
WORK=$BENCH/work
VENV=$BENCH/venv
SIZES=(1000 10000 100000)
JRNL_VERSION=4.6
mkdir -p "$BENCH" "$DATA" "$WORK"

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
need_apt=()
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${need_apt[*]}"
        apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "compare.sh: please install ${need_apt[*]}" >&2
        exit 1
    fi
fi
command -v python3 >/dev/null || { echo "compare.sh: python3 is needed (for jrnl)" >&2; exit 1; }

# --- builds ------------------------------------------------------------------
say "building release binaries"
cargo build --release --quiet --bin caliber --example bench_data --example floor_insert
CALIBER=$ROOT/target/release/caliber
FLOOR=$ROOT/target/release/examples/floor_insert
GEN=$ROOT/target/release/examples/bench_data

if [ ! -x "$VENV/bin/jrnl" ]; then
    say "installing jrnl $JRNL_VERSION from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "jrnl==$JRNL_VERSION"
fi
JRNL=$VENV/bin/jrnl

# --- datasets ----------------------------------------------------------------
for n in "${SIZES[@]}"; do
    stamp=$DATA/.done-$n
    # A new generator or a new schema (the datasets are Caliber databases) makes
    # new datasets, so no timed run pays for a migration.
    if [ -n "${REGEN:-}" ] || [ ! -f "$stamp" ] || [ "$ROOT/benches/common/gen.rs" -nt "$stamp" ] \
        || [ "$ROOT/src/store/migrations.rs" -nt "$stamp" ]; then
        say "generating $n wins"
        rm -f "$DATA"/*-"$n".* "$DATA/empty.db"
        "$GEN" --size "$n" --out "$DATA" >&2
        touch "$stamp"
    fi
done

# Fresh working copies, so every run of this script starts from the same files.
fresh() {
    local n=$1
    rm -f "$WORK/caliber-$n.db"* "$WORK/floor-$n.db"*
    cp "$DATA/caliber-$n.db" "$WORK/caliber-$n.db"
    cp "$DATA/caliber-$n.db" "$WORK/floor-$n.db"
    cp "$DATA/jrnl-$n.txt" "$DATA/jrnl-work-$n.txt"
}
for n in "${SIZES[@]}"; do fresh "$n"; done

# --- the runner --------------------------------------------------------------
# Times whole processes with posix_spawn and wait4 (no wrapper process whose own
# start would blur millisecond timings); peak memory comes from a separate run under
# GNU time (`/usr/bin/time -f %M`).
cat >"$BENCH/runner.py" <<'PY'
import json, os, statistics, subprocess, sys, time

def run(argv, log):
    fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
          (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
          (os.POSIX_SPAWN_OPEN, 2, log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)]
    t0 = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=fa)
    _, status, ru = os.wait4(pid, 0)
    dt = (time.perf_counter_ns() - t0) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(argv)}; see {log}")
    return dt, ru.ru_maxrss

spec = json.load(sys.stdin)
n, log = spec["n"], spec["log"]
cmds = spec["cmds"]
samples = {c["label"]: [] for c in cmds}
rss = {c["label"]: [] for c in cmds}
for c in cmds:  # one untimed warm-up each: page cache, jrnl's config check
    for s in c.get("setup", []):
        subprocess.run(s, check=True)
    run(c["argv"], log)
for i in range(n):
    order = cmds if i % 2 == 0 else list(reversed(cmds))
    for c in order:
        for s in c.get("setup", []):
            subprocess.run(s, check=True)
        dt, _ = run(c["argv"], log)
        samples[c["label"]].append(dt)
# Peak memory from one more run under GNU time: a child spawned from Python would
# report Python's own RSS as a floor (Linux keeps the high-water mark across exec).
def max_rss(argv):
    path = log + ".rss"
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", path] + argv, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return int(open(path).read().split()[-1])
for c in cmds:
    for s in c.get("setup", []):
        subprocess.run(s, check=True)
    rss[c["label"]] = [max_rss(c["argv"])]
out = {"name": spec["name"], "n": n, "results": [
    {"label": c["label"], "ms": samples[c["label"]],
     "median_ms": statistics.median(samples[c["label"]]),
     "max_rss_kb": max(rss[c["label"]])} for c in cmds]}
for r in out["results"]:
    print(f'  {r["label"]:<40} median {r["median_ms"]:9.1f} ms   max RSS {r["max_rss_kb"]/1024:7.1f} MB', file=sys.stderr)
print(json.dumps(out))
PY

RESULTS=$BENCH/compare.jsonl
: >"$RESULTS"
LOG=$BENCH/compare.log
: >"$LOG"

# compare NAME LABEL1 'argv json' [setup json] ...: one alternating set.
compare() {
    local name=$1; shift
    say "$name (N=$N)"
    local cmds=""
    while [ $# -gt 0 ]; do
        local label=$1 argv=$2 setup=${3:-[]}
        shift 3
        cmds+="${cmds:+,}{\"label\": \"$label\", \"argv\": $argv, \"setup\": $setup}"
    done
    printf '{"name": "%s", "n": %s, "log": "%s", "cmds": [%s]}' "$name" "$N" "$LOG" "$cmds" \
        | python3 "$BENCH/runner.py" >>"$RESULTS"
}

TITLE="Hired two managers for the payments org after a 3-month search."
q() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }

# 1. Logging one entry on the same 10k entries.
compare "log-10k" \
    "caliber log" "$(q "$CALIBER" --db "$WORK/caliber-10000.db" log "$TITLE")" "[]" \
    "jrnl" "$(q "$JRNL" --config-file "$DATA/jrnl-10000.yaml" "$TITLE")" "[]" \
    "floor (open + insert one row)" "$(q "$FLOOR" "$WORK/floor-10000.db" "$TITLE")" "[]"

# 2. The cost of logging as the ledger grows.
compare "log-growth" \
    "caliber log @1k" "$(q "$CALIBER" --db "$WORK/caliber-1000.db" log "$TITLE")" "[]" \
    "caliber log @10k" "$(q "$CALIBER" --db "$WORK/caliber-10000.db" log "$TITLE")" "[]" \
    "caliber log @100k" "$(q "$CALIBER" --db "$WORK/caliber-100000.db" log "$TITLE")" "[]" \
    "floor @1k" "$(q "$FLOOR" "$WORK/floor-1000.db" "$TITLE")" "[]" \
    "floor @100k" "$(q "$FLOOR" "$WORK/floor-100000.db" "$TITLE")" "[]"

# 3. Searching a word (same limit of 50 results printed).
compare "search-10k" \
    "caliber search" "$(q "$CALIBER" --db "$WORK/caliber-10000.db" search hiring)" "[]" \
    "jrnl -contains" "$(q "$JRNL" --config-file "$DATA/jrnl-10000.yaml" -contains hiring -n 50)" "[]"
compare "search-growth" \
    "caliber search @1k" "$(q "$CALIBER" --db "$WORK/caliber-1000.db" search hiring)" "[]" \
    "caliber search @100k" "$(q "$CALIBER" --db "$WORK/caliber-100000.db" search hiring)" "[]"

# 4. Bulk insert of the same rows into an empty database with Caliber's schema.
for n in 10000 100000; do
    k=$((n / 1000))k
    compare "import-$k" \
        "caliber import (backup JSON)" "$(q "$CALIBER" --db "$WORK/import-c-$n.db" import "$DATA/backup-$n.json")" \
        "[$(q rm -f "$WORK/import-c-$n.db" "$WORK/import-c-$n.db-wal" "$WORK/import-c-$n.db-shm"), $(q cp "$DATA/empty.db" "$WORK/import-c-$n.db")]" \
        "sqlite3 shell (same rows, 1 tx)" "$(q "$(command -v sqlite3)" "$WORK/import-s-$n.db" ".read $DATA/rows-$n.sql")" \
        "[$(q rm -f "$WORK/import-s-$n.db" "$WORK/import-s-$n.db-wal" "$WORK/import-s-$n.db-shm"), $(q cp "$DATA/empty.db" "$WORK/import-s-$n.db")]"
done

# --- the table ---------------------------------------------------------------
python3 - "$RESULTS" "$BENCH/compare.md" "$N" <<'PY'
import json, os, platform, subprocess, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {r["name"]: {x["label"]: x for x in r["results"]} for r in rows}
def cpu():
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            return l.split(":", 1)[1].strip()
    return platform.processor()
def mem():
    for l in open("/proc/meminfo"):
        if l.startswith("MemTotal"):
            return f'{int(l.split()[1]) / 1024 / 1024:.1f} GiB'
def osname():
    try:
        for l in open("/etc/os-release"):
            if l.startswith("PRETTY_NAME"):
                return l.split("=", 1)[1].strip().strip('"')
    except OSError:
        return platform.system()
sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
out = []
out.append(f"Machine: {cpu()}, {os.cpu_count()} CPUs, {mem()} RAM, {osname()}, kernel {platform.release()}; sqlite3 shell {sqlite}; N={sys.argv[3]} alternating runs per command, median wall time of the whole process.\n")
out.append("| comparison | command | median | max RSS | ratio |")
out.append("|---|---|---:|---:|---|")
def ms(v):
    return f"{v:.1f} ms" if v < 1000 else f"{v/1000:.2f} s"
def line(name, label, ratio=""):
    r = by[name][label]
    out.append(f"| {name} | {label} | {ms(r['median_ms'])} | {r['max_rss_kb']/1024:.1f} MB | {ratio} |")
def med(name, label):
    return by[name][label]["median_ms"]
c, j, f = med("log-10k", "caliber log"), med("log-10k", "jrnl"), med("log-10k", "floor (open + insert one row)")
line("log-10k", "caliber log", f"{c/f:.2f}x the floor")
line("log-10k", "jrnl", f"caliber is {j/c:.0f}x faster")
line("log-10k", "floor (open + insert one row)")
g1, g100 = med("log-growth", "caliber log @1k"), med("log-growth", "caliber log @100k")
for l in ["caliber log @1k", "caliber log @10k", "caliber log @100k", "floor @1k", "floor @100k"]:
    line("log-growth", l, f"{g100/g1:.2f}x from 1k to 100k" if l == "caliber log @100k" else "")
cs, js = med("search-10k", "caliber search"), med("search-10k", "jrnl -contains")
line("search-10k", "caliber search", f"caliber is {js/cs:.0f}x faster")
line("search-10k", "jrnl -contains")
s1, s100 = med("search-growth", "caliber search @1k"), med("search-growth", "caliber search @100k")
line("search-growth", "caliber search @1k")
line("search-growth", "caliber search @100k", f"{s100/s1:.2f}x from 1k to 100k")
for k in ["10k", "100k"]:
    name = f"import-{k}"
    ci, si = med(name, "caliber import (backup JSON)"), med(name, "sqlite3 shell (same rows, 1 tx)")
    line(name, "caliber import (backup JSON)", f"{ci/si:.2f}x the sqlite3 shell")
    line(name, "sqlite3 shell (same rows, 1 tx)")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
say "wrote $BENCH/compare.md"
