import Foundation

/// The commented config `ats init` writes, rendered from the schema so that
/// every key, default and comment has exactly one source.
public enum DefaultConfigFile {
    public static func render(_ config: ATSConfig = ATSConfig()) -> String {
        var out = """
        # ats configuration. Every key is listed with its default value.
        # Relative paths resolve against this file's folder. Secrets never go here:
        # a key such as api_key_env names an environment variable instead.


        """
        var openSections: [String] = []
        for entry in ConfigSchema.entries {
            let parts = entry.path.split(separator: ".").map(String.init)
            let sections = Array(parts.dropLast())
            var common = 0
            while common < min(sections.count, openSections.count), sections[common] == openSections[common] { common += 1 }
            for depth in common..<sections.count {
                let indent = String(repeating: "  ", count: depth)
                let path = sections[0...depth].joined(separator: ".")
                if depth == 0 { out += "\n" }
                if let comment = ConfigSchema.sectionComments[path] { out += "\(indent)# \(comment)\n" }
                out += "\(indent)\(sections[depth]):\n"
            }
            openSections = sections
            let indent = String(repeating: "  ", count: sections.count)
            if !entry.comment.isEmpty { out += "\(indent)# \(entry.comment)\n" }
            out += "\(indent)\(parts.last!): \(entry.render(config))\n"
        }
        return out
    }

    /// Writes the default config; refuses to overwrite without `force`.
    public static func write(to file: URL, force: Bool) throws {
        if FileManager.default.fileExists(atPath: file.path) && !force {
            throw ConfigError.alreadyExists(file: file.path)
        }
        do {
            try AtomicFile.write(Data(render().utf8), to: file)
        } catch let error as AtomicFileError {
            throw ConfigError.unreadable(file: file.path, reason: "cannot write: \(error.reason)")
        }
    }
}
