#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so a reader (a web server) sees the old complete file or the
/// new complete file, never half of one: write a temporary file in the same
/// folder, flush it to disk, then rename it over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileError(path: url.path, reason: "cannot create its folder: \((error as NSError).localizedDescription)")
        }
        // Hidden and unique, so a web server does not list it and two writers never share it.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
        var renamed = false
        defer { if !renamed { unlink(temporary.path) } }
        do {
            try writeAll(data, to: descriptor, path: url.path)
            // The umask may have narrowed the mode; the web server must be able to read the page.
            guard fchmod(descriptor, permissions) == 0, fsync(descriptor) == 0 else {
                throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary.path, url.path) == 0 else {
            throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
        }
        renamed = true
        syncFolder(folder)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileError(path: path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Makes the rename itself durable (best effort: not every file system allows it).
    private static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

public struct AtomicFileError: OperatorFacingError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "cannot write \(path): \(reason)" }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
