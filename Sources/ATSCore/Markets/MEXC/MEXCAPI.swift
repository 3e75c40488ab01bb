import Foundation

/// The MEXC spot v3 endpoints `ats` uses (500 weight per 10 s per endpoint).
public struct MEXCAPI: Sendable {
    public static let source = "mexc"
    public static let maxKlines = 1000
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// Weight 10; one call per scan.
    public func exchangeInfo() async throws -> MEXCExchangeInfo {
        try await client.getJSON(MEXCExchangeInfo.self, "/api/v3/exchangeInfo", endpoint: "exchangeInfo", weight: 10, maxBytes: 32 << 20,
                           download: true).value
    }

    /// Every market's 24h ticker in one call (weight 40).
    public func allTickers() async throws -> (tickers: [MEXCTicker], latencyMs: Int) {
        let (tickers, latency) = try await client.getJSON(LossyArray<MEXCTicker>.self, "/api/v3/ticker/24hr", endpoint: "ticker_24hr_all", weight: 40)
        return (tickers.elements, latency)
    }

    /// 1-minute candles opening in `[start, end]` (milliseconds), at most 1000. A malformed
    /// row is dropped (it becomes a missing candle), so it cannot spoil its neighbours.
    public func klines(symbol: String, startMs: Int64, endMs: Int64, limit: Int = maxKlines) async throws -> [MEXCKline] {
        try await client.getJSON(
            LossyArray<MEXCKline>.self, "/api/v3/klines",
            query: [("symbol", symbol), ("interval", "1m"), ("startTime", String(startMs)), ("endTime", String(endMs)), ("limit", String(limit))],
            endpoint: "klines").value.elements
    }
}
