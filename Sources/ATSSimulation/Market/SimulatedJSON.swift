import ATSCore
import Foundation

/// JSON written by hand, keys in a fixed order and numbers formatted exactly as each
/// API formats them, so the same state always gives the same bytes.
indirect enum SimulatedJSON {
    case object([(String, SimulatedJSON)])
    case array([SimulatedJSON])
    case string(String)
    /// A number already formatted (`"0.4712"`, `"1.2e-09"`).
    case number(String)
    case bool(Bool)
    case null

    static func int(_ value: Int64) -> SimulatedJSON { .number(String(value)) }
    static func int(_ value: Int) -> SimulatedJSON { .number(String(value)) }

    /// A JSON number with `digits` significant digits; tiny values in exponent form
    /// (as CoinGecko sends them).
    static func double(_ value: Double, digits: Int = 6) -> SimulatedJSON {
        .number(NumberText.json(value, digits: digits))
    }

    /// A string holding a decimal number with `places` decimals, trailing zeros dropped.
    static func decimalString(_ value: Double, places: Int) -> SimulatedJSON {
        .string(NumberText.decimal(value, places: places, trim: true))
    }

    var data: Data { Data(text.utf8) }

    var text: String {
        var out = ""
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(member.0, into: &out)
                out += ":"
                member.1.write(into: &out)
            }
            out += "}"
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(into: &out)
            }
            out += "]"
        case .string(let text): Self.writeString(text, into: &out)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// Escapes what JSON requires; everything else (bidi controls, emoji, markup)
    /// goes out raw, as the real APIs send it.
    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Number formatting shared by the simulated APIs (locale-independent).
enum NumberText {
    /// Fixed `places` decimals; `trim` drops trailing zeros (and a bare dot).
    static func decimal(_ value: Double, places: Int, trim: Bool) -> String {
        var text = String(format: "%.\(max(0, places))f", value)
        if trim, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    /// Decimals needed to show `digits` significant digits of a value of this size.
    static func places(for value: Double, digits: Int) -> Int {
        guard value != 0, value.isFinite else { return digits }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        return max(0, digits - 1 - magnitude)
    }

    /// Plain decimal with `digits` significant digits, no exponent.
    static func significant(_ value: Double, digits: Int) -> String {
        decimal(value, places: places(for: value, digits: digits), trim: true)
    }

    /// A JSON number: plain decimal, or exponent form below 1e-4.
    static func json(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "null" }
        if value != 0, abs(value) < 1e-4 {
            var text = String(format: "%.\(max(0, digits - 1))e", value)
            if let e = text.firstIndex(of: "e") {
                var mantissa = String(text[..<e])
                let exponent = String(text[e...])
                if mantissa.contains(".") {
                    while mantissa.hasSuffix("0") { mantissa.removeLast() }
                    if mantissa.hasSuffix(".") { mantissa.removeLast() }
                }
                text = mantissa + exponent
            }
            return text
        }
        return significant(value, digits: digits)
    }
}
