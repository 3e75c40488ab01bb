import Foundation

/// Writes a file so that a reader (a web server, node_exporter) sees the old
/// version or the new one, never half of one: a temporary file in the same folder,
/// flushed, then renamed into place. Permissions follow the umask, like any file
/// the operator's folder holds.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw AtomicFileError(path: url.path, reason: "cannot create a file in \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? AtomicFileError { throw error }
            throw AtomicFileError(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

public struct AtomicFileError: OperatorFacingError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "cannot write \(path): \(reason)" }
}
