/// The process exit codes of product.md ("Exit status (sysexits)").
public enum ExitStatus: Int32, Sendable, CustomStringConvertible {
    case ok = 0
    case failure = 1
    case usage = 64
    case unavailable = 69
    case tempFail = 75
    case config = 78

    public var description: String { "exit \(rawValue)" }
}

/// An error that knows which exit code and which one-line message it deserves.
public protocol OperatorFacingError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}
