import Foundation
import Yams

/// Finds, reads and validates the YAML config of product.md.
public enum ConfigLoader {
    /// `--config`, else `$ATS_CONFIG`, else `./ats.yaml`.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let path = explicit ?? environment["ATS_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "ats.yaml"
        let expanded = (path as NSString).expandingTildeInPath
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return URL(fileURLWithPath: expanded, relativeTo: cwd).standardizedFileURL
    }

    public static func load(file: URL) throws -> LoadedConfig {
        let display = file.path
        guard FileManager.default.fileExists(atPath: file.path) else { throw ConfigError.missing(file: display) }
        let text: String
        do {
            let data = try Data(contentsOf: file)
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError.unreadable(file: display, reason: "not UTF-8 text")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError.unreadable(file: display, reason: (error as NSError).localizedDescription)
        }
        return LoadedConfig(values: try parse(yaml: text, file: display), file: file)
    }

    /// Parses config text; unknown keys, wrong types and impossible values are errors naming key and line.
    public static func parse(yaml: String, file: String) throws -> ATSConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigError.syntax(file: file, line: nil, problem: String(describing: error))
        }
        var config = ATSConfig()
        guard let root else { return config }  // an empty file means every default
        if case .scalar(let scalar) = root, root.tagName == .null || scalar.string.isEmpty { return config }
        guard case .mapping(let mapping) = root else {
            throw ConfigError.syntax(file: file, line: root.mark?.line, problem: "the top level must be a mapping of keys")
        }
        let entries = Dictionary(uniqueKeysWithValues: ConfigSchema.entries.map { ($0.path, $0) })
        var lines: [String: Int] = [:]
        try read(mapping, prefix: "", into: &config, entries: entries, sections: ConfigSchema.sections, lines: &lines, file: file)
        try ConfigSchema.crossCheck(config, file: file, lines: lines)
        return config
    }

    private static func read(
        _ mapping: Node.Mapping, prefix: String, into config: inout ATSConfig,
        entries: [String: ConfigEntry], sections: Set<String>, lines: inout [String: Int], file: String
    ) throws {
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard let name = keyNode.string else {
                throw ConfigError.syntax(file: file, line: line, problem: "a key must be text")
            }
            let path = prefix.isEmpty ? name : prefix + "." + name
            lines[path] = line
            if let entry = entries[path] {
                try entry.read(&config, value, ConfigReadContext(file: file, key: path, line: line))
            } else if sections.contains(path) {
                switch value {
                case .mapping(let inner):
                    try read(inner, prefix: path, into: &config, entries: entries, sections: sections, lines: &lines, file: file)
                case .scalar where value.tagName == .null:
                    continue  // `report:` with nothing under it keeps the defaults
                default:
                    throw ConfigError.wrongType(file: file, key: path, line: line, expected: "a section of keys")
                }
            } else {
                throw ConfigError.unknownKey(file: file, key: path, line: line)
            }
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .syntax(file: file, line: mark.line, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(file: file, line: context.mark.line, problem: "key '\(duplicates.joined(separator: "', '"))' appears twice in one section")
        case .reader(let problem, _, _, _):
            return .syntax(file: file, line: nil, problem: problem)
        default:
            return .syntax(file: file, line: nil, problem: String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable")
        }
    }
}
