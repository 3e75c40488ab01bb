extension String {
    /// Text from an API made safe for one terminal line: control characters
    /// (escape sequences, bidirectional overrides, newlines) become visible escapes,
    /// and the length is capped.
    public func singleLine(limit: Int = 200) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if out.count >= limit {
                out += "…"
                break
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
