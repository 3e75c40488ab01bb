import Foundation
@testable import ATSCore

/// A captured console: every line with its stream.
final class ConsoleCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [(Console.Stream, String)] = []

    func console(terminal: Bool = true) -> Console {
        Console(verbosity: .normal, isTerminal: terminal) { [self] stream, line in lock.withLock { _lines.append((stream, line)) } }
    }

    var stdout: [String] { lock.withLock { _lines.filter { $0.0 == .stdout }.map(\.1) } }
    var stderr: [String] { lock.withLock { _lines.filter { $0.0 == .stderr }.map(\.1) } }
}
