import Foundation

/// A config problem, always one line naming the file, and where it can, the key and line.
public enum ConfigError: OperatorFacingError, Equatable {
    case missing(file: String)
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int?, problem: String)
    case unknownKey(file: String, key: String, line: Int)
    case wrongType(file: String, key: String, line: Int, expected: String)
    case invalidValue(file: String, key: String, line: Int?, problem: String)
    case alreadyExists(file: String)

    public var exitStatus: ExitStatus { .config }

    public var description: String {
        switch self {
        case .missing(let file):
            return "\(file): no config file here; write one with `ats init \(file)` or pass --config PATH"
        case .unreadable(let file, let reason):
            return "\(file): cannot read the config file (\(reason))"
        case .syntax(let file, let line, let problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): not valid YAML: \(problem)"
        case .unknownKey(let file, let key, let line):
            return "\(file):\(line): unknown key '\(key)' (check the spelling against `ats init`)"
        case .wrongType(let file, let key, let line, let expected):
            return "\(file):\(line): \(key) must be \(expected)"
        case .invalidValue(let file, let key, let line, let problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(key) \(problem)"
        case .alreadyExists(let file):
            return "\(file) already exists; pass --force to overwrite it"
        }
    }
}
