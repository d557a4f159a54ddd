#!/usr/bin/env bash
# Fuzzes each of Caliber's parsers with cargo-fuzz (libFuzzer), one target after
# another, FUZZ_SECONDS each (default 600), and prints what each run did.
#
#   bash fuzz/run.sh                 # every target, 10 minutes each
#   FUZZ_SECONDS=30 bash fuzz/run.sh search dates
#
# Exits non-zero when any target crashed (a panic, a timeout of over 10 s on one
# input, or running out of memory); the input that did it is in
# fuzz/artifacts/<target>/, and `cargo fuzz run <target> <file>` replays it.
#
# cargo-fuzz needs a nightly compiler. A nightly toolchain from rustup is used when
# there is one; otherwise the stable one, with RUSTC_BOOTSTRAP=1 letting it accept
# the nightly-only flags. FUZZ_TOOLCHAIN=stable forces the second way.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 1
seconds="${FUZZ_SECONDS:-600}"
all_targets=(import ladder search dates)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2
    exit 2
fi
for t in "${targets[@]}"; do
    if ! [[ " ${all_targets[*]} " == *" $t "* ]]; then
        echo "unknown target '$t' (use some of: ${all_targets[*]})" >&2
        exit 2
    fi
done

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked || exit 1
fi

toolchain="${FUZZ_TOOLCHAIN:-}"
if [ -z "$toolchain" ] && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=nightly
fi
if [ -n "$toolchain" ]; then
    cargo=(cargo "+$toolchain")
else
    cargo=(cargo)
fi
if ! "${cargo[@]}" --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi
fuzz=("${cargo[@]}" fuzz)
echo "== $("${cargo[@]}" --version)${RUSTC_BOOTSTRAP:+ with RUSTC_BOOTSTRAP=1}"

# The fuzz build uses other compiler flags than the main crate: keep it apart.
export CARGO_TARGET_DIR="$here/target"
# No sanitizer: Caliber and its parsers are safe Rust, and SQLite's C code is not
# instrumented either way, so AddressSanitizer would halve the executions for little.
# Debug assertions on, so arithmetic overflow panics instead of wrapping.
build_flags=(--sanitizer none --debug-assertions)

echo "== building ${targets[*]}"
for t in "${targets[@]}"; do
    "${fuzz[@]}" build "${build_flags[@]}" "$t" || exit 1
done

mkdir -p logs
declare -A result ran execs rate cov ft corp
crashed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    before="$(ls "artifacts/$t" | wc -l)"
    log="logs/$t.log"
    echo "== fuzzing $t for ${seconds} s (log: fuzz/$log)"
    started="$(date +%s)"
    "${fuzz[@]}" run "${build_flags[@]}" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1
    status=$?
    ran[$t]="$(($(date +%s) - started))"
    after="$(ls "artifacts/$t" | wc -l)"
    execs[$t]="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate[$t]="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    # The last status line libFuzzer printed: "#N ... cov: C ft: F corp: U/S ...".
    last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
    cov[$t]="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
    ft[$t]="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
    corp[$t]="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
    if [ "$status" -eq 0 ]; then
        result[$t]="no crash"
    else
        crashed=1
        result[$t]="CRASH (exit $status, $((after - before)) new in fuzz/artifacts/$t)"
        grep -m1 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/   /'
        ls -t "artifacts/$t" | head -n "$((after - before))" | sed "s|^|   fuzz/artifacts/$t/|"
    fi
    echo "   ${result[$t]}"
done

echo
printf '%-8s %8s %12s %8s %6s %7s %7s  %s\n' target seconds executions "exec/s" cov features corpus result
for t in "${targets[@]}"; do
    printf '%-8s %8s %12s %8s %6s %7s %7s  %s\n' "$t" "${ran[$t]}" "${execs[$t]:-?}" \
        "${rate[$t]:-?}" "${cov[$t]:-?}" "${ft[$t]:-?}" "${corp[$t]:-?}" "${result[$t]}"
done
exit "$crashed"
