#!/usr/bin/env bash
# The long version of the reliability suite's overlap test: for MINUTES (default 5),
# rounds of every stage started at once as real `ats` processes against the simulated
# market, with random faults, a stage sometimes started twice, and SIGKILL or SIGTERM
# at random moments. After each round the database must pass PRAGMA integrity_check and
# the row rules of Tests/ATSCoreTests/Reliability/DatabaseAudit.swift and keep every row
# earlier rounds stored; a last clean round must succeed everywhere and close every run.
#
#   scripts/soak.sh [MINUTES]          ATS_SOAK_SEED=N replays a run (the seed is printed)
#
# Not part of `swift test` (there the test is skipped); needs nothing beyond the build.
set -euo pipefail

minutes=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
[[ "$seconds" -gt 0 ]] || { echo "usage: scripts/soak.sh [MINUTES]" >&2; exit 64; }

swift build --build-tests
ATS_SOAK_SECONDS=$seconds swift test --skip-build --filter 'OverlapTests/soak'
