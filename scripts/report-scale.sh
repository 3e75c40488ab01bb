#!/usr/bin/env bash
# Builds a large database (1,000,000 signals, 10,000,000 observations by default)
# and times `ats report` on it: wall time and peak memory (from /usr/bin/time -v).
# Not part of `swift test`; the formal benchmark is scripts/bench.sh (docs/benchmarks.md).
#
#   scripts/report-scale.sh [FOLDER] [SIGNALS] [OBSERVATIONS]
#
# Needs: the sqlite3 command-line tool, /usr/bin/time, and `ats` built
# (ATS=path/to/ats, default .build/release/ats, else .build/debug/ats).
set -euo pipefail

folder=${1:-/tmp/ats-report-scale}
signals=${2:-1000000}
observations=${3:-10000000}
root=$(cd "$(dirname "$0")/.." && pwd)
ats=${ATS:-}
if [[ -z "$ats" ]]; then
  if [[ -x "$root/.build/release/ats" ]]; then ats="$root/.build/release/ats"; else ats="$root/.build/debug/ats"; fi
fi
[[ -x "$ats" ]] || { echo "error: no ats binary at $ats; run swift build -c release" >&2; exit 1; }

mkdir -p "$folder"
config="$folder/ats.yaml"
database="$folder/ats.sqlite"
[[ -f "$config" ]] || "$ats" init "$config" >/dev/null

if [[ ! -f "$database.done" ]]; then
  rm -f "$database" "$database-wal" "$database-shm"
  # Let ats create the schema (its migrations), then fill it with SQL.
  "$ats" report --config "$config" --output "$folder/empty.html" -q
  echo "filling $database: $signals signals, $observations observations..."
  start=$(date +%s)
  # Indexes are rebuilt after the bulk insert: much faster than maintaining them row by row.
  tables="tbl_name IN ('signals', 'observations', 'source_requests', 'runs')"
  create_indexes=$(sqlite3 "$database" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND $tables AND sql IS NOT NULL")
  drop_indexes=$(sqlite3 "$database" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND $tables AND sql IS NOT NULL")
  sqlite3 "$database" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;
$drop_indexes
$(sed -e "s/{{signals}}/$signals/g" -e "s/{{observations}}/$observations/g" "$root/scripts/report-fill.sql")
$create_indexes
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  touch "$database.done"
  echo "filled in $(( $(date +%s) - start )) s; database $(du -h "$database" | cut -f1)"
fi

echo "query plans of the heavy queries (the shapes AppDatabase+Report*.swift runs):"
since=$(date -u -d '24 hours ago' '+%Y-%m-%d %H:%M:%S.000')
sqlite3 "$database" <<SQL
EXPLAIN QUERY PLAN SELECT COUNT(*), COUNT(*) FILTER (WHERE reward_status = 'done'), AVG(ABS(spread)), MIN(timestamp), MAX(timestamp) FROM signals;
EXPLAIN QUERY PLAN SELECT cex_symbol, COUNT(*) AS n, AVG(reward_net) FILTER (WHERE reward_status = 'done') FROM signals NOT INDEXED GROUP BY cex_symbol ORDER BY n DESC, cex_symbol LIMIT 100;
EXPLAIN QUERY PLAN SELECT reward_net FROM signals WHERE reward_status = 'done' AND reward_net IS NOT NULL ORDER BY reward_net DESC LIMIT 1 OFFSET 18000;
EXPLAIN QUERY PLAN SELECT CAST(reward_net / 0.002 AS INTEGER) AS bin, COUNT(*) FROM signals WHERE reward_status = 'done' AND reward_net IS NOT NULL GROUP BY bin;
EXPLAIN QUERY PLAN SELECT CAST(((julianday(timestamp) - 2440587.5) * 86400 + 0.0005) / 86400 AS INTEGER) AS bucket, COUNT(*) FROM signals GROUP BY bucket ORDER BY bucket;
EXPLAIN QUERY PLAN SELECT * FROM signals ORDER BY timestamp DESC, id DESC LIMIT 100;
EXPLAIN QUERY PLAN SELECT outcome, reason, COUNT(*) AS n FROM observations INDEXED BY observations_on_observed_at WHERE observed_at >= '$since' AND outcome <> 'signal' GROUP BY outcome, reason ORDER BY n DESC;
EXPLAIN QUERY PLAN SELECT MIN(source) FROM source_requests WHERE source > 'coingecko';
EXPLAIN QUERY PLAN SELECT COUNT(*), AVG(latency_ms) FROM source_requests WHERE source = 'mexc' AND requested_at >= '$since';
EXPLAIN QUERY PLAN SELECT * FROM runs WHERE stage = 'poll' ORDER BY started_at DESC, id DESC LIMIT 6;
SQL

echo "timing ats report:"
/usr/bin/time -v "$ats" report --config "$config" --output "$folder/report/index.html" 2> "$folder/time.txt"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$folder/time.txt"
ls -l "$folder/report/index.html"
