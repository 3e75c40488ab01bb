import Foundation

/// A token bucket per source, so a stage stays inside the published limits:
/// short bursts pass at once, the sustained rate is capped.
public actor RateLimiter {
    public let capacity: Double
    public let refillPerSecond: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    public init(capacity: Double, refillPerSecond: Double) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
        self.last = .now
    }

    /// Waits until `weight` tokens are available and takes them.
    public func acquire(_ weight: Double = 1) async throws {
        let weight = min(weight, capacity)
        while true {
            refill()
            if tokens >= weight {
                tokens -= weight
                return
            }
            let wait = (weight - tokens) / refillPerSecond
            try await Task.sleep(for: .cappedSeconds(wait))
        }
    }

    private func refill() {
        let now = ContinuousClock.now
        let elapsed = last.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
        last = now
    }
}

/// Published limits (market-apis.md), as bucket sizes and refill rates.
public enum SourcePacing {
    public static func limiter(for source: String) -> RateLimiter {
        switch source {
        // 300/min. capacity + 60 s × refill = 300, so no 60-second window can exceed the
        // published limit, and a 1000-pair burst (36 pair lookups) still goes at once;
        // 240/min sustained covers 5 such bursts a minute (docs/benchmarks.md).
        case "dexscreener": return RateLimiter(capacity: 60, refillPerSecond: 240.0 / 60)
        case "geckoterminal": return RateLimiter(capacity: 5, refillPerSecond: 30.0 / 60)  // ~30/min
        case "mexc": return RateLimiter(capacity: 500, refillPerSecond: 500.0 / 10)  // 500 weight / 10 s
        case "coingecko": return RateLimiter(capacity: 5, refillPerSecond: 10.0 / 60)  // keyless: shared, ~5-30/min
        case "binance": return RateLimiter(capacity: 1000, refillPerSecond: 6000.0 / 60)  // 6000 weight/min
        default: return RateLimiter(capacity: 10, refillPerSecond: 1)
        }
    }
}
