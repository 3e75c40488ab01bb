#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How chatty a command is, from `-q` / `-v`.
public enum Verbosity: Sendable {
    case quiet, normal, verbose
}

/// Where stages talk to the operator. Progress and the summary go to stdout
/// only on a terminal (cron mail stays quiet on success); warnings and errors
/// always go to stderr, one line each.
public struct Console: Sendable {
    public let verbosity: Verbosity
    public let isTerminal: Bool
    private let sink: @Sendable (Stream, String) -> Void

    public enum Stream: Sendable { case stdout, stderr }

    public init(
        verbosity: Verbosity,
        isTerminal: Bool = isatty(STDOUT_FILENO) == 1,
        sink: @escaping @Sendable (Stream, String) -> Void = Console.writeLine
    ) {
        self.verbosity = verbosity
        self.isTerminal = isTerminal
        self.sink = sink
    }

    /// A short line per step: terminal only (or `-v`), never with `-q`.
    public func progress(_ line: String) {
        if verbosity == .verbose || (verbosity == .normal && isTerminal) { sink(.stdout, line) }
    }

    /// What a command exists to print (`status`, `init`, `demo`): always, except errors-only.
    public func output(_ line: String) {
        if verbosity != .quiet { sink(.stdout, line) }
    }

    /// Extra detail, only with `-v`.
    public func info(_ line: String) {
        if verbosity == .verbose { sink(.stderr, line) }
    }

    public func warning(_ line: String) {
        if verbosity != .quiet { sink(.stderr, "warning: " + line) }
    }

    public func error(_ line: String) {
        sink(.stderr, "error: " + line)
    }

    public static let silent = Console(verbosity: .quiet, isTerminal: false, sink: { _, _ in })

    @Sendable public static func writeLine(_ stream: Stream, _ line: String) {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }
}
