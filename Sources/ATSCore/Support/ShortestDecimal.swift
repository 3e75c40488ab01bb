/// A finite double as the shortest decimal that reads back as it (Swift's own
/// `description`: 2.12345 → digits 212345, four of them after the point), rounded to
/// a number of decimals half to even on those digits. This is what Foundation's
/// `String(format:locale:)` writes with a locale (it goes through ICU), which the page
/// has always shown; done here on the digits because the ICU path costs about 15 µs a
/// number and a page formats a hundred thousand (the latest signals' paths).
/// `FormatTests` holds the two to the same bytes over a table of ties and random values.
struct ShortestDecimal {
    /// Significant digits, no leading zeros (empty for zero), each 0...9.
    private(set) var digits: [UInt8]
    /// Where the decimal point sits: the value is 0.d₁d₂… × 10^point.
    private(set) var point: Int
    let negative: Bool

    /// Nil for a value this does not handle (not finite); callers fall back.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        negative = value.sign == .minus
        var mantissa = Substring(value.magnitude.description)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(mantissa[mantissa.index(after: e)...]) else { return nil }
            exponent = parsed
            mantissa = mantissa[..<e]
        }
        var digits: [UInt8] = []
        var beforePoint = 0
        var seenPoint = false
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") { seenPoint = true; continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) else { return nil }
            digits.append(character - UInt8(ascii: "0"))
            if !seenPoint { beforePoint += 1 }
        }
        // Leading zeros move the point; trailing zeros carry nothing.
        let leading = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leading)
        while digits.last == 0 { digits.removeLast() }
        self.digits = digits
        point = digits.isEmpty ? 0 : beforePoint - leading + exponent
    }

    /// Exactly `decimals` digits after the point, half to even on the shortest digits;
    /// a negative value keeps its minus even when it rounds to zero ("-0.00"), as
    /// Foundation writes it.
    func fixed(decimals: Int) -> String {
        var kept = Array(digits.prefix(max(0, point + decimals)))
        var point = self.point
        let cut = point + decimals
        if cut < 0 {
            kept = []
        } else if cut < digits.count {
            let next = digits[cut]
            let beyond = digits[(cut + 1)...].contains { $0 != 0 }
            let lastOdd = (kept.last ?? 0) % 2 == 1
            if next > 5 || (next == 5 && (beyond || lastOdd)) {
                var index = kept.count - 1
                while index >= 0 && kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                }
                if index >= 0 {
                    kept[index] += 1
                } else {
                    kept.insert(1, at: 0)
                    point += 1
                }
            }
        }
        // kept holds the digits from 10^(point-1) down to 10^-decimals, or fewer.
        var text = negative ? "-" : ""
        if point <= 0 {
            text += "0"
        } else {
            for index in 0..<point { text.append(Self.character(index < kept.count ? kept[index] : 0)) }
        }
        guard decimals > 0 else { return text }
        text += "."
        for place in 0..<decimals {
            let index = point + place
            text.append(Self.character(index >= 0 && index < kept.count ? kept[index] : 0))
        }
        return text
    }

    private static func character(_ digit: UInt8) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "0") + digit))
    }
}
