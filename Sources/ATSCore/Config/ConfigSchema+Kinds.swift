import Foundation
import Yams

/// Typed readers for the schema. Each checks the YAML tag, not just the text,
/// so `size: "10"` (a string) is a type error, as a careful operator expects.
extension ConfigSchema {
    static func number(
        _ path: String, _ keyPath: WritableKeyPath<ATSConfig, Double>, _ limit: NumberLimit, _ comment: String
    ) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .number(limit), read: { config, node, context in
            guard node.tagName == .int || node.tagName == .float,
                  let value = node.float ?? node.int.map(Double.init)
            else { throw context.wrongType("a number") }
            guard value.isFinite else { throw context.invalid("must be a finite number") }
            try limit.check(value, context)
            config[keyPath: keyPath] = value
        }, render: { Format.shortest($0[keyPath: keyPath]) })
    }

    static func integer(
        _ path: String, _ keyPath: WritableKeyPath<ATSConfig, Int>, _ limit: NumberLimit, _ comment: String
    ) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .integer(limit), read: { config, node, context in
            guard node.tagName == .int, let value = node.int else { throw context.wrongType("a whole number") }
            try limit.check(Double(value), context)
            config[keyPath: keyPath] = value
        }, render: { String($0[keyPath: keyPath]) })
    }

    static func bool(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, Bool>, _ comment: String) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .bool, read: { config, node, context in
            guard node.tagName == .bool, let value = node.bool else { throw context.wrongType("true or false") }
            config[keyPath: keyPath] = value
        }, render: { $0[keyPath: keyPath] ? "true" : "false" })
    }

    static func string(
        _ path: String, _ keyPath: WritableKeyPath<ATSConfig, String>, _ comment: String, allowEmpty: Bool = false
    ) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .text(allowEmpty: allowEmpty), read: { config, node, context in
            let value = try readString(node, context)
            if !allowEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw context.invalid("must not be empty")
            }
            config[keyPath: keyPath] = value
        }, render: { quoteIfNeeded($0[keyPath: keyPath]) })
    }

    /// One of a few words (`plan: keyless`); kind `.text`, so an empty value is refused alike.
    static func choice(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, String>, _ choices: [String], _ comment: String) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .text(allowEmpty: false), read: { config, node, context in
            let value = try readString(node, context)
            if value.trimmingCharacters(in: .whitespaces).isEmpty { throw context.invalid("must not be empty") }
            guard choices.contains(value) else {
                throw context.invalid("must be one of \(choices.joined(separator: ", ")) (got '\(value.singleLine(limit: 40))')")
            }
            config[keyPath: keyPath] = value
        }, render: { $0[keyPath: keyPath] })
    }

    static func url(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, String>, _ comment: String, allowEmpty: Bool = false) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .url, read: { config, node, context in
            let value = try readString(node, context)
            if allowEmpty && value.isEmpty {
                config[keyPath: keyPath] = ""
                return
            }
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host?.isEmpty == false
            else { throw context.invalid("must be an http(s) URL (got '\(value)')") }
            config[keyPath: keyPath] = value.hasSuffix("/") ? String(value.dropLast()) : value
        }, render: { $0[keyPath: keyPath].isEmpty ? "\"\"" : $0[keyPath: keyPath] })
    }

    static func symbol(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, String>, _ comment: String) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .symbol, read: { config, node, context in
            let value = try readString(node, context)
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw context.invalid("must be letters and digits, like USDT (got '\(value)')")
            }
            config[keyPath: keyPath] = value.uppercased()
        }, render: { $0[keyPath: keyPath] })
    }

    static func stringList(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, [String]>, _ comment: String) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .textList, read: { config, node, context in
            guard case .sequence(let sequence) = node else { throw context.wrongType("a list, like [a, b]") }
            let values = try sequence.map { item -> String in
                let value = try readString(item, context)
                guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw context.invalid("must not contain an empty entry")
                }
                return value
            }
            guard !values.isEmpty else { throw context.invalid("must list at least one entry") }
            config[keyPath: keyPath] = values
        }, render: { "[" + $0[keyPath: keyPath].map(quoteIfNeeded).joined(separator: ", ") + "]" })
    }

    /// Empty, or an http(s) URL (a link that may be left out).
    static func optionalURL(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, String>, _ comment: String) -> ConfigEntry {
        ConfigEntry(path: path, comment: comment, kind: .text(allowEmpty: true), read: { config, node, context in
            let value = try readString(node, context).trimmingCharacters(in: .whitespaces)
            if !value.isEmpty {
                guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
                      scheme == "http" || scheme == "https", url.host?.isEmpty == false
                else { throw context.invalid("must be empty or an http(s) URL (got '\(value)')") }
            }
            config[keyPath: keyPath] = value
        }, render: { quoteIfNeeded($0[keyPath: keyPath]) })
    }

    /// A list whose entries are each one of `allowed`.
    static func choiceList(_ path: String, _ keyPath: WritableKeyPath<ATSConfig, [String]>, allowed: [String], _ comment: String) -> ConfigEntry {
        let list = stringList(path, keyPath, comment)
        return ConfigEntry(path: path, comment: comment, kind: .textList, read: { config, node, context in
            try list.read(&config, node, context)
            if let unknown = config[keyPath: keyPath].first(where: { !allowed.contains($0) }) {
                throw context.invalid("must list only \(allowed.joined(separator: ", ")) (got '\(unknown.singleLine(limit: 40))')")
            }
        }, render: list.render)
    }

    private static func readString(_ node: Node, _ context: ConfigReadContext) throws -> String {
        guard case .scalar(let scalar) = node, node.tagName == .str else { throw context.wrongType("text") }
        return scalar.string
    }

    static func quoteIfNeeded(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "._/-".contains($0) }
        // A Telegram chat id (-1001234567890) written bare would read back as a number, not text.
        if plain && !value.isEmpty && !["true", "false", "null", "yes", "no"].contains(value.lowercased()) && Double(value) == nil {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension Node {
    /// The resolved YAML tag (`!!int`, `!!str`...): quoted "10" is text, plain 10 a number.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
