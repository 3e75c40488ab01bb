#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that a reader (a web server, node_exporter) sees the old
/// version or the new one, never half of one: a temporary file in the same folder,
/// flushed, then renamed into place.
///
/// Modes: a new file is at most 0644 and a new folder 0755, further restricted by the
/// umask (umask 077 gives 0600 and 0700): nothing ats creates is writable by group or
/// others, whatever the umask. A file that already exists keeps its mode and, where
/// the user may set it, its group: an operator who made the report 0640 for the web
/// server's group keeps it so.
public enum AtomicFile {
    public static let fileMode: mode_t = 0o644
    public static let folderMode: mode_t = 0o755

    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try createFolders(folder)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            throw AtomicFileError(path: url.path, reason: "cannot create a file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        var existing = stat()
        if stat(url.path, &existing) == 0 {
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
            _ = fchown(descriptor, uid_t.max, existing.st_gid)  // best effort: only a group the user belongs to
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
            }
            removeAbandonedTemporaries(of: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? AtomicFileError { throw error }
            throw AtomicFileError(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// A writer killed between creating its temporary file and the rename leaves it
    /// behind, beside a page a web server publishes. The next write removes every
    /// temporary of this file whose writing process no longer exists.
    static func removeAbandonedTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = pid_t(parts[0]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// `mkdir -p` with `folderMode` (masked by the umask) for each folder it creates.
    public static func createFolders(_ folder: URL) throws {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: current.path, isDirectory: &isFolder) {
            missing.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        for path in missing.reversed() where mkdir(path.path, folderMode) != 0 && errno != EEXIST {
            throw AtomicFileError(path: path.path, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
    }
}

public struct AtomicFileError: OperatorFacingError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "cannot write \(path): \(reason)" }
}
