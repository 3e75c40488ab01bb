-- The report's scale fill: signals over 180 days, observations over 120 days, two days
-- of source requests, a year of runs, a watchlist and a scan's exclusions, all ending
-- at the moment it runs. {{signals}} and {{observations}} are replaced by the caller
-- (scripts/report-scale.sh with sed, ats-bench in Swift) before it runs.
-- Indexes are dropped before and rebuilt after by the caller: much faster than
-- maintaining them row by row.
BEGIN;
-- Signals: 180 days ending now, 400 symbols, 90 % done, 8 % pending, 2 % unavailable.
-- Done signals carry the v2 reward columns (cost, baseline for 90 % of them, the prices
-- afterwards), so the report's statistics, sides and convergence run on every row.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {{signals}} - 1)
INSERT INTO signals (timestamp, chain_id, pair_address, pair_symbol, cex_symbol, signal_type, dex_price, cex_price, spread,
  data_latency_ms, market_regime, notes, actual_reward, reward_mae, reward_close, reward_net, reward_status, reward_computed_at, run_id,
  entry_price, impact_pct, reward_cost, reward_baseline, dex_price_after, cex_price_after)
SELECT strftime('%Y-%m-%d %H:%M:%f', unixepoch('now') - 180 * 86400 + i * (180.0 * 86400 / {{signals}}), 'unixepoch'),
  'solana', 'Pair' || (i % 400), 'SYM' || (i % 400) || '/USDC', 'SYM' || (i % 400),
  CASE WHEN i % 3 = 0 THEN 'SELL' ELSE 'BUY' END,
  1.0, 1.0 + s / 100.0, s, 50 + (i * 7919) % 900, NULL, CASE WHEN i % 50 = 0 THEN 'verifier binance did not answer' ELSE '' END,
  CASE WHEN st = 'done' THEN r * 1.5 + 0.004 END, CASE WHEN st = 'done' THEN -abs(r) END,
  CASE WHEN st = 'done' THEN r END, CASE WHEN st = 'done' THEN r - 0.002 - imp / 100 END,
  st, CASE WHEN st = 'done' THEN strftime('%Y-%m-%d %H:%M:%f', 'now') END, 1,
  (1.0 + s / 100.0) * (1 + imp / 100), imp, CASE WHEN st = 'done' THEN 0.002 + imp / 100 END,
  CASE WHEN st = 'done' AND i % 10 <> 3 THEN ((i * 7919) % 2001 - 1000) / 200000.0 - 0.002 - 2 * imp / 100 END,
  CASE WHEN st = 'done' THEN 1.0 + s / 100.0 * (i % 5) / 4.0 END,
  CASE WHEN st = 'done' THEN (1.0 + s / 100.0) * (1 - s / 100.0 * (i % 3) / 4.0) END
FROM (SELECT i,
        ((i * 2654435761) % 2000 - 1000) / 100.0 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) / 2 AS s,
        ((i * 40503) % 4001 - 1900) / 100000.0 AS r,
        (i % 20) / 100.0 AS imp,
        CASE WHEN i % 50 = 7 THEN 'unavailable' WHEN i % 12 = 5 THEN 'pending' ELSE 'done' END AS st
      FROM n);
-- The window candles of the newest 5000 signals (15 each), for the latest table's paths.
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 14)
INSERT INTO signal_candles (signal_id, open_time, open, high, low, close)
SELECT s.id, strftime('%Y-%m-%d %H:%M:%f', unixepoch(s.timestamp) + 60 + k.j * 60, 'unixepoch'),
  s.cex_price * (1 + ((s.id * 31 + k.j * 17) % 41 - 20) / 10000.0),
  s.cex_price * (1 + ((s.id * 31 + k.j * 17) % 41 - 20) / 10000.0 + 0.002),
  s.cex_price * (1 + ((s.id * 31 + k.j * 17) % 41 - 20) / 10000.0 - 0.002),
  s.cex_price * (1 + ((s.id * 31 + k.j * 23) % 41 - 20) / 10000.0)
FROM (SELECT id, timestamp, cex_price FROM signals ORDER BY id DESC LIMIT 5000) s, k;
COMMIT;
BEGIN;
-- Observations: 120 days ending now; a poll outcome with a reason that carries numbers.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {{observations}} - 1)
INSERT INTO observations (run_id, burst, observed_at, cex_symbol, chain_id, pair_address, outcome, reason,
  dex_price, cex_price, spread, dex_liquidity_usd, dex_volume_24h_usd, cex_volume_24h_usd, verifier_prices, latency_ms, signal_id)
SELECT i / 60, i % 6, strftime('%Y-%m-%d %H:%M:%f', unixepoch('now') - 120 * 86400 + i * (120.0 * 86400 / {{observations}}), 'unixepoch'),
  'SYM' || (i % 400), 'solana', 'Pair' || (i % 400),
  CASE i % 10 WHEN 0 THEN 'glitch' WHEN 1 THEN 'risk' WHEN 2 THEN 'risk' WHEN 3 THEN 'mismatch' WHEN 4 THEN 'cooldown'
              WHEN 5 THEN 'error' WHEN 6 THEN 'signal' ELSE 'no_signal' END,
  CASE i % 10 WHEN 0 THEN 'coingecko deviates ' || ((i % 97) / 10.0) || '% from cex'
              WHEN 1 THEN 'dex liquidity ' || (i % 50000) || ' < 50000'
              WHEN 2 THEN 'cex volume ' || (i % 1000000) || ' < 1000000'
              WHEN 3 THEN 'spread ' || (i % 900) || '% beyond 50%'
              WHEN 4 THEN 'cooldown: BUY ' || (i % 15) || ' min ago'
              WHEN 5 THEN 'mexc /api/v3/ticker/24hr: HTTP 50' || (i % 4)
              WHEN 6 THEN 'spread ' || ((i % 30) / 10.0) || '%'
              ELSE 'spread ' || ((i % 5) / 10.0) || '% below 0.5%' END,
  1.0, 1.01, 1.0, 100000, 5000, 2000000, '{}', 100 + i % 400, NULL
FROM n;
COMMIT;
BEGIN;
-- Source requests over the last two days, and a year of runs.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 200000 - 1)
INSERT INTO source_requests (run_id, stage, source, endpoint, requested_at, latency_ms, status_code, ok, error)
SELECT i / 4, 'poll', CASE i % 4 WHEN 0 THEN 'mexc' WHEN 1 THEN 'dexscreener' WHEN 2 THEN 'geckoterminal' ELSE 'coingecko' END,
  '/x', strftime('%Y-%m-%d %H:%M:%f', unixepoch('now') - 2 * 86400 + i * (2.0 * 86400 / 200000), 'unixepoch'),
  40 + (i * 7919) % 700, CASE WHEN i % 97 = 0 THEN 503 ELSE 200 END, i % 97 <> 0, CASE WHEN i % 97 = 0 THEN 'HTTP 503' END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 525600 - 1)
INSERT INTO runs (stage, started_at, finished_at, status, summary, counts)
SELECT CASE i % 20 WHEN 0 THEN 'scan' WHEN 1 THEN 'reward' WHEN 2 THEN 'report' ELSE 'poll' END,
  strftime('%Y-%m-%d %H:%M:%f', unixepoch('now') - 365 * 86400 + i * 60, 'unixepoch'),
  strftime('%Y-%m-%d %H:%M:%f', unixepoch('now') - 365 * 86400 + i * 60 + 7, 'unixepoch'),
  CASE WHEN i % 33 = 0 THEN 'partial' ELSE 'ok' END, 'run ' || i, '{}'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO watchlist (rank, cex_symbol, base_symbol, quote_symbol, chain_id, pair_address, base_address, dex_id, coingecko_id,
  price_usd, liquidity_usd, final_score, confirmations, sources, scanned_at)
SELECT i, 'SYM' || i, 'SYM' || i, 'USDC', 'solana', 'Pair' || i, 'Base' || i, 'raydium', NULL, 1.0, 100000 * i, 1000 - i, 1 + i % 2,
  'dexscreener,geckoterminal', strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM n;
INSERT INTO scan_exclusions (run_id, scanned_at, source, chain_id, pair_address, base_symbol, quote_symbol, reason, detail)
SELECT (SELECT MAX(id) FROM runs WHERE stage = 'scan'), strftime('%Y-%m-%d %H:%M:%f', 'now'), 'dexscreener', 'solana', 'X' || i, 'X' || i, 'USDC',
  CASE i % 3 WHEN 0 THEN 'liquidity' WHEN 1 THEN 'not_listed' ELSE 'identity' END, 'detail'
FROM (WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59) SELECT i FROM n);
COMMIT;
