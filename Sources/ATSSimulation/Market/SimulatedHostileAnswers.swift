import FlyingSocks
import ATSCore
import Foundation

/// What the `badNumbers` fault puts where each price was.
public enum SimulatedBadNumber: String, Sendable, CaseIterable {
    /// `"n/a"`: a string that is no number.
    case text
    /// `"NaN"` (GeckoTerminal has sent it).
    case nanText = "nan"
    /// `"Infinity"`.
    case infinityText = "infinity"
    /// A bare `NaN` token, as Python's json module writes it: the body is no longer JSON.
    case nanLiteral = "nan_literal"
    /// `1e999`: valid JSON that no Double holds.
    case overflow
    /// The price with a minus sign.
    case negative
    /// `0` (or `"0"` where the API sends strings).
    case zero
    /// `null`.
    case null

    /// The bad value in place of `price`, keeping strings as strings where it can.
    func replacing(_ price: SimulatedJSON) -> SimulatedJSON {
        let isString: Bool
        let text: String
        switch price {
        case .string(let value): (isString, text) = (true, value)
        case .number(let value): (isString, text) = (false, value)
        default: return price
        }
        switch self {
        case .text: return .string("n/a")
        case .nanText: return .string("NaN")
        case .infinityText: return .string("Infinity")
        case .nanLiteral: return .number("NaN")
        case .overflow: return .number("1e999")
        case .negative:
            let negated = text.hasPrefix("-") ? text : "-" + text
            return isString ? .string(negated) : .number(negated)
        case .zero: return isString ? .string("0") : .number("0")
        case .null: return .null
        }
    }
}

extension SimulatedJSON {
    /// The keys that hold a price in each source's answers (DexScreener's `liquidity.usd`
    /// is no price; CoinGecko's `usd` is). Both the USD price and the price in the quote
    /// token are prices: a stage reads one or the other.
    static func priceKeys(_ source: String) -> Set<String> {
        switch source {
        case "dexscreener": return ["priceUsd", "priceNative"]
        case "geckoterminal": return ["base_token_price_usd", "base_token_price_quote_token"]
        case "mexc": return ["lastPrice", "bidPrice", "askPrice"]
        case "coingecko": return ["usd"]
        case "binance": return ["price"]
        default: return []
        }
    }

    /// The keys whose value is a list of `[price, quantity]` levels (MEXC `depth`).
    static let bookKeys: Set<String> = ["bids", "asks"]

    /// Every price of `source`'s answer replaced by `bad`; MEXC kline rows get it in
    /// open, high, low and close, depth levels in their price.
    func replacingPrices(with bad: SimulatedBadNumber, source: String) -> SimulatedJSON {
        replacingPrices(with: bad, keys: Self.priceKeys(source), rows: source == "mexc")
    }

    private func replacingPrices(with bad: SimulatedBadNumber, keys: Set<String>, rows klines: Bool) -> SimulatedJSON {
        switch self {
        case .object(let members):
            return .object(members.map { key, value in
                if klines, Self.bookKeys.contains(key), case .array(let levels) = value {
                    return (key, .array(levels.map { level in
                        guard case .array(var pair) = level, !pair.isEmpty else { return level }
                        pair[0] = bad.replacing(pair[0])
                        return .array(pair)
                    }))
                }
                return (key, keys.contains(key) ? bad.replacing(value) : value.replacingPrices(with: bad, keys: keys, rows: klines))
            })
        case .array(let elements):
            if klines, let rows = Self.klineRows(elements) {
                return .array(rows.map { row in
                    .array(row.enumerated().map { index, value in (1...4).contains(index) ? bad.replacing(value) : value })
                })
            }
            return .array(elements.map { $0.replacingPrices(with: bad, keys: keys, rows: klines) })
        default:
            return self
        }
    }

    /// `[[openTime, open, high, low, close, ...], ...]`, else nil.
    private static func klineRows(_ elements: [SimulatedJSON]) -> [[SimulatedJSON]]? {
        var rows: [[SimulatedJSON]] = []
        for element in elements {
            guard case .array(let row) = element, row.count >= 5, case .number = row[0] else { return nil }
            rows.append(row)
        }
        return rows.isEmpty ? nil : rows
    }

    /// Every link an API offers pointed at `base`: DexScreener pairs get a `url` and an
    /// `info` block (image, websites, socials) there; `image_url` fields too.
    func pointingLinks(to base: String) -> SimulatedJSON {
        switch self {
        case .object(var members):
            let keys = Set(members.map(\.0))
            members = members.map { key, value in
                switch key {
                case "image_url": return (key, .string(base + "/token.png"))
                case "url" where keys.contains("pairAddress"): return (key, .string(base + "/pair"))
                case "info": return (key, value)
                default: return (key, value.pointingLinks(to: base))
                }
            }
            if keys.contains("pairAddress") && keys.contains("baseToken") {
                members.removeAll { $0.0 == "info" }
                members.append(("info", .object([
                    ("imageUrl", .string(base + "/image.png")),
                    ("header", .string(base + "/header.png")),
                    ("websites", .array([.object([("label", .string("Website")), ("url", .string(base + "/site"))])])),
                    ("socials", .array([.object([("type", .string("twitter")), ("url", .string(base + "/social"))])])),
                ])))
            }
            return .object(members)
        case .array(let elements):
            return .array(elements.map { $0.pointingLinks(to: base) })
        default:
            return self
        }
    }
}

/// A body of `count` bytes made on the fly (never held in memory), counting what the
/// server actually handed to the socket: a client that refuses a huge answer stops
/// reading, and the count shows how far it let the server get.
struct GeneratedBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let count: Int
    let counter: ByteCounter

    /// `[0,0,0,...` without an end: whatever a client reads of it is not JSON.
    static let chunk = Data("[".utf8 + Array(repeating: Array("0,".utf8), count: 32_768).flatMap { $0 })

    func makeAsyncIterator() -> Iterator { Iterator(remaining: count, counter: counter) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var remaining: Int
        var sent = 0
        let counter: ByteCounter

        init(remaining: Int, counter: ByteCounter) {
            self.remaining = remaining
            self.counter = counter
        }

        mutating func next() async throws -> UInt8? {
            guard remaining > 0 else { return nil }
            take(1)
            return UInt8(ascii: "0")
        }

        mutating func nextBuffer(suggested count: Int) async throws -> Data? {
            guard remaining > 0 else { return nil }
            let size = Swift.min(remaining, Swift.max(1, Swift.min(count, GeneratedBody.chunk.count)))
            take(size)
            return GeneratedBody.chunk.prefix(size)
        }

        private mutating func take(_ size: Int) {
            remaining -= size
            sent += size
            counter.record(sent)
        }
    }
}

/// The most bytes one `huge` answer has handed to the socket, readable while the server runs.
final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var largest = 0

    func record(_ sentByOneAnswer: Int) { lock.withLock { largest = max(largest, sentByOneAnswer) } }
    var value: Int { lock.withLock { largest } }
}
