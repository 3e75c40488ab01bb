import Foundation

/// A number the APIs send as a JSON number, a numeric string, `""`, `null` or `"NaN"`.
/// Anything that is not a finite number is `nil` ("no data"), never an error and never a NaN.
public struct MarketNumber: Decodable, Sendable, Equatable {
    public let value: Double?

    public init(_ value: Double?) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let number = try? container.decode(Double.self) {
            value = number.isFinite ? number : nil
        } else if let text = try? container.decode(String.self) {
            value = Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        } else {
            value = nil
        }
    }

    /// A price or size that is present, finite and strictly positive; otherwise no data.
    public var positive: Double? { value.flatMap { $0 > 0 ? $0 : nil } }

    /// A volume or count that is present, finite and not negative.
    public var nonNegative: Double? { value.flatMap { $0 >= 0 ? $0 : nil } }

    /// The number as a whole `I` (a count, a time in milliseconds), cut toward zero as
    /// `Int(_:)` would; one that `I` cannot hold (`1e19` in an `Int`) is no data. Every API
    /// number that becomes an integer goes through here: `Int(1e19)` traps.
    public func whole<I: FixedWidthInteger>(_: I.Type = I.self) -> I? {
        value.flatMap { I(exactly: $0.rounded(.towardZero)) }
    }
}

/// Text that some APIs send as a number (`"1"` or `1`).
public struct MarketText: Decodable, Sendable, Equatable {
    public let value: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = String(flag)
        } else {
            value = nil
        }
    }
}

/// An array whose malformed elements are dropped instead of failing the whole answer:
/// one broken pair must not hide thirty good ones.
public struct LossyArray<Element: Decodable>: Decodable {
    public var elements: [Element]
    public var dropped: Int

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var elements: [Element] = []
        var dropped = 0
        while !container.isAtEnd {
            if let element = try? container.decode(Element.self) {
                elements.append(element)
            } else {
                dropped += 1
                _ = try? container.decode(Discard.self)
            }
        }
        self.elements = elements
        self.dropped = dropped
    }

    private struct Discard: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

extension KeyedDecodingContainer {
    func number(_ key: Key) -> Double? {
        (try? decodeIfPresent(MarketNumber.self, forKey: key))??.value
    }

    func whole<I: FixedWidthInteger>(_ key: Key, as _: I.Type = I.self) -> I? {
        (try? decodeIfPresent(MarketNumber.self, forKey: key))??.whole()
    }

    func text(_ key: Key) -> String? {
        (try? decodeIfPresent(MarketText.self, forKey: key))??.value
    }
}
