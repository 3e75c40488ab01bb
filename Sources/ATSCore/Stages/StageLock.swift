#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One `flock` lock file per stage, next to the database. The kernel frees it
/// when the process ends, however it ends, so a killed run never blocks the next.
public final class StageLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    public static func path(stage: Stage, databaseURL: URL) -> String {
        databaseURL.path + ".\(stage.rawValue).lock"
    }

    /// Takes the lock at once or throws `.held` saying who holds it.
    public static func acquire(stage: Stage, databaseURL: URL, now: Date = Date()) throws -> StageLock {
        let path = path(stage: stage, databaseURL: databaseURL)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StageLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = readHolder(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK {
                throw StageLockError.held(stage: stage, holder: holder)
            }
            throw StageLockError.cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        let note = "pid \(getpid()) since \(now.iso8601)\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return StageLock(path: path, descriptor: descriptor)
    }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func readHolder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return "another process" }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "another process" : text.singleLine(limit: 100)
    }
}

public enum StageLockError: OperatorFacingError, Equatable {
    case held(stage: Stage, holder: String)
    case cannotOpen(path: String, reason: String)

    public var exitStatus: ExitStatus {
        if case .held = self { return .tempFail }
        return .failure
    }

    public var description: String {
        switch self {
        case .held(let stage, let holder):
            return "another `ats \(stage)` is running (\(holder)); nothing done"
        case .cannotOpen(let path, let reason):
            return "cannot open the lock file \(path): \(reason)"
        }
    }
}
