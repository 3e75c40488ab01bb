#!/usr/bin/env bash
# Builds ats and ats-bench in release mode, then runs the benchmarks against the
# simulated market on loopback (docs/benchmarks.md). Prints the results table on
# stdout (progress on stderr) and exits 1 when a target is missed, 2 on an error.
# Start-up is measured on `ats` as the release tarball ships it (scripts/static-ats.sh:
# the Swift runtime linked in).
#
#   scripts/bench.sh            everything (the 10^6-signal database is filled once,
#                               ~1 min, and cached in .bench/)
#   scripts/bench.sh --quick    skips the 10^6-signal report and the week-long reward backlog
#   scripts/bench.sh --help     every option (--latency-ms, --repeats, --only poll ...)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >&2
ats=$(scripts/static-ats.sh release)
exec .build/release/ats-bench run --ats "$ats" "$@"
