import Foundation

/// Request bodies with their keys in a fixed order (a receiver's signature check and a
/// test's expectations see the same bytes every time). Strings are escaped per RFC 8259.
enum JSONText {
    indirect enum Value {
        case text(String)
        case number(Double)
        case bool(Bool)
        case null
        case object([(String, Value)])
        /// Already JSON (a constant of ours).
        case raw(String)
    }

    static func object(_ fields: [(String, Value)]) -> String {
        var out = ""
        write(.object(fields), into: &out)
        return out
    }

    static func write(_ value: Value, into out: inout String) {
        switch value {
        case .text(let text): writeString(text, into: &out)
        case .number(let number):
            if !number.isFinite { out += "null" } else if number.rounded() == number && abs(number) < 1e15 {
                out += String(Int64(number))
            } else {
                out += "\(number)"
            }
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .raw(let json): out += json
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                writeString(field.0, into: &out)
                out += ":"
                write(field.1, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }
}
