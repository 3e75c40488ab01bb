import Foundation
import GRDB
import Testing
@testable import ATSCore

/// A fixed minute boundary (the first open time of the klines fixture), the origin of every test's timeline.
let minuteT = Date(milliseconds: 1_795_265_520_000)

func at(minutes: Double = 0, seconds: Double = 0, ms: Double = 0) -> Date {
    minuteT.addingTimeInterval(minutes * 60 + seconds + ms / 1000)
}

/// One candle as MEXC sends it; prices are written as the strings on the wire.
struct KlineRow: Sendable {
    var openMs: Int64
    var open: String
    var high: String
    var low: String
    var close: String

    init(_ openTime: Date, _ open: String, _ high: String, _ low: String, _ close: String) {
        self.openMs = openTime.millisecondsSince1970
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }

    /// `[openTime, open, high, low, close, volume, closeTime, quoteVolume]`, MEXC's 8 fields
    /// (closeTime is open + 60 s on MEXC). A price written as `nil` goes out as JSON null.
    var json: String {
        func field(_ text: String) -> String { text == "null" ? "null" : "\"\(text)\"" }
        return "[\(openMs),\(field(open)),\(field(high)),\(field(low)),\(field(close)),\"1523.7\",\(openMs + 60_000),\"3129.55\"]"
    }
}

/// The klines endpoint at the HTTP seam. `rows` gives each market symbol's candles;
/// with `honest` the answer keeps only rows opening in `[startTime, endTime]` (at most
/// `limit`), otherwise it returns every row it has, as a careless exchange might.
/// `failures` answer a symbol with an error response or a thrown transport error.
final class KlineMarket: @unchecked Sendable {
    enum Failure: Sendable {
        case response(HTTPResponse)
        case transport(TransportError)
    }

    private let rows: @Sendable (String) -> [KlineRow]
    private let honest: Bool
    private let failures: [String: Failure]
    let transport: StubTransport

    init(honest: Bool = true, failures: [String: Failure] = [:], rows: @escaping @Sendable (String) -> [KlineRow]) {
        self.rows = rows
        self.honest = honest
        self.failures = failures
        let box = Box()
        transport = StubTransport { request in try box.market!.answer(request) }
        box.market = self
    }

    convenience init(honest: Bool = true, failures: [String: Failure] = [:], _ table: [String: [KlineRow]]) {
        self.init(honest: honest, failures: failures) { table[$0] ?? [] }
    }

    /// Requests for klines, as query dictionaries.
    var klineQueries: [[String: String]] {
        transport.requests.filter { $0.url.path == "/api/v3/klines" }.map(Self.query)
    }

    static func query(_ request: HTTPRequest) -> [String: String] {
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    private func answer(_ request: HTTPRequest) throws -> HTTPResponse {
        let query = Self.query(request)
        let symbol = query["symbol"] ?? ""
        switch failures[symbol] {
        case .response(let response): return response
        case .transport(let error): throw error
        case nil: break
        }
        var answer = rows(symbol)
        if honest, let start = Int64(query["startTime"] ?? ""), let end = Int64(query["endTime"] ?? ""), let limit = Int(query["limit"] ?? "") {
            answer = Array(answer.filter { $0.openMs >= start && $0.openMs <= end }.prefix(limit))
        }
        return .json("[" + answer.map(\.json).joined(separator: ",") + "]")
    }

    private final class Box: @unchecked Sendable { var market: KlineMarket? }
}

/// A flat candle for every minute from `from` for `count` minutes, at `price`.
func flatCandles(from start: Date, count: Int, price: String = "1.0") -> [KlineRow] {
    (0..<count).map { KlineRow(start.addingTimeInterval(Double($0) * 60), price, price, price, price) }
}

/// A test config: a stub MEXC, no retries (a failure is final at once), and the given reward settings.
func rewardSetup(window: Int = 3, delay: Double = 4, baseline: Int = 60, feePct: Double = 0.1, giveUpHours: Double = 24) throws -> TestSetup {
    try TestSetup { values in
        values.exchange.mexc.baseURL = "https://mexc.test"
        values.http.retries = 0
        values.reward.windowMinutes = window
        values.reward.baselineMinutes = baseline
        values.reward.delayMinutes = delay
        values.reward.feePct = feePct
        values.reward.giveUpHours = giveUpHours
    }
}

/// A pending signal; without `entryPrice` it is measured from `cexPrice`, as a signal
/// recorded before v2 is (its book was never walked, so `impactPct` stays nil too).
@discardableResult
func insertSignal(_ database: AppDatabase, symbol: String = "ALPHA", type: SignalType = .buy, at timestamp: Date,
                  cexPrice: Double = 2.0, entryPrice: Double? = nil, impactPct: Double? = nil, notes: String = "") throws -> Int64 {
    try database.write { db in
        var signal = SignalRecord(
            id: nil, timestamp: timestamp, chainId: "solana", pairAddress: "Pair\(symbol)", pairSymbol: "\(symbol)/USDC",
            cexSymbol: symbol, signalType: type, dexPrice: cexPrice * 0.99, cexPrice: cexPrice, spread: 1.0,
            dataLatencyMs: 120, marketRegime: nil, notes: notes, actualReward: nil, rewardMae: nil, rewardClose: nil,
            rewardNet: nil, rewardStatus: .pending, rewardComputedAt: nil, runId: nil,
            entryPrice: entryPrice, impactPct: impactPct)
        try signal.insert(db)
        return signal.id!
    }
}

func signal(_ database: AppDatabase, _ id: Int64) throws -> SignalRecord {
    try #require(try database.reader.read { try SignalRecord.fetchOne($0, key: id) })
}

/// An observation of `symbol`'s test pair (the one `insertSignal` records) as poll stores it.
func insertObservation(_ database: AppDatabase, symbol: String = "ALPHA", pairAddress: String? = nil, at observedAt: Date,
                       dexPrice: Double?, cexPrice: Double?) throws {
    try database.write { db in
        var observation = ObservationRecord(
            id: nil, runId: 1, burst: 1, observedAt: observedAt, cexSymbol: symbol, chainId: "solana",
            pairAddress: pairAddress ?? "Pair\(symbol)", outcome: dexPrice == nil || cexPrice == nil ? .error : .noSignal,
            reason: "", dexPrice: dexPrice, cexPrice: cexPrice, spread: nil, dexLiquidityUsd: nil, dexVolume24hUsd: nil,
            cexVolume24hUsd: nil, verifierPrices: "{}", latencyMs: nil, signalId: nil)
        try observation.insert(db)
    }
}

func allSignals(_ database: AppDatabase) throws -> [SignalRecord] {
    try database.reader.read { try SignalRecord.order(Column("id")).fetchAll($0) }
}

func lastRewardRun(_ database: AppDatabase) throws -> (run: RunRecord, counts: [String: Int]) {
    let run = try #require(try database.lastRuns(stage: .reward, limit: 1).first)
    return (run, AppDatabase.decodeCounts(run.counts))
}

/// `now` is the real clock; `asOf` is `--as-of`.
func runReward(_ setup: TestSetup, _ market: KlineMarket, now: Date, asOf: Date? = nil) async -> StageRunner.Outcome {
    await RewardStage.run(config: setup.config, environment: setup.environment(market.transport, now: { now }), asOf: asOf)
}


func runReward(_ setup: TestSetup, _ market: KlineMarket, now: Date, console: Console) async -> StageRunner.Outcome {
    var environment = setup.environment(market.transport, now: { now })
    environment.console = console
    return await RewardStage.run(config: setup.config, environment: environment)
}
