#!/usr/bin/env bash
# Fuzzes every decoder the stages use and the config loader with libFuzzer, with
# AddressSanitizer and LeakSanitizer on (docs/fuzzing.md).
#
#   scripts/fuzz.sh                    every target for 600 s
#   scripts/fuzz.sh TARGET [SECONDS]   one target (scripts/fuzz.sh --list names them)
#   scripts/fuzz.sh all SECONDS        every target for SECONDS
#   FUZZ_JOBS=2 scripts/fuzz.sh ...    that many targets at once (one core each)
#
# Builds ats-fuzz with -sanitize=fuzzer,address in its own scratch folder (.build-fuzz,
# ignored; the ordinary build never needs it). Each target starts from the corpus in
# the repository (Tests/ATSCoreTests/Fixtures/fuzz/TARGET, only read) and what earlier
# runs found (.build-fuzz/corpus/TARGET). A crash, leak or sanitizer report stops that
# target and leaves the input in .build-fuzz/crashes/TARGET/; the log of each run is in
# .build-fuzz/logs/TARGET.log. Prints one line per target (inputs executed, coverage,
# verdict) and exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-all}
seconds=${2:-600}
jobs=${FUZZ_JOBS:-1}
scratch=.build-fuzz
flags=(--scratch-path "$scratch" --product ats-fuzz
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library
       # gold fails on the sanitizer objects' debug info (internal error in dwarf_reader); lld does not.
       -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)

case "$target" in
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
swift build "${flags[@]}" >&2
binary="$(swift build "${flags[@]}" --show-bin-path)/ats-fuzz"
export SWIFT_BACKTRACE=enable=no   # libFuzzer reports the crash; the backtracer would wait on it

all=$(ATS_FUZZ_TARGET=--list "$binary" 2>/dev/null)
if [ "$target" = "--list" ]; then echo "$all"; exit 0; fi
if [ "$target" = "all" ]; then targets=$all; else
    echo "$all" | grep -qx -- "$target" || { echo "fuzz.sh: no target '$target' (try --list)" >&2; exit 64; }
    targets=$target
fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number" >&2; exit 64 ;; esac

run_one() {
    local name=$1
    mkdir -p "$scratch/corpus/$name" "$scratch/crashes/$name" "$scratch/logs" "Tests/ATSCoreTests/Fixtures/fuzz/$name"
    local log="$scratch/logs/$name.log" status=0
    ATS_FUZZ_TARGET=$name "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$scratch/crashes/$name/" "$scratch/corpus/$name" "Tests/ATSCoreTests/Fixtures/fuzz/$name" \
        >"$log" 2>&1 || status=$?
    local executed coverage
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')
    if [ "$status" -eq 0 ]; then
        echo "$name: ${executed:-?} inputs in ${seconds} s, coverage ${coverage:-?} edges, no crash, leak or sanitizer report"
    else
        echo "$name: FOUND after ${executed:-?} inputs (exit $status): $(grep -m1 -E 'ERROR|Fatal error|SUMMARY' "$log" || echo 'see the log') — $log, input in $scratch/crashes/$name/"
        return 1
    fi
}
export -f run_one
export scratch seconds binary

echo "$targets" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} || exit 1
