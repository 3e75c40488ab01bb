import Foundation
import GRDB

/// The one owner of the SQLite file: opens it in WAL mode with a busy timeout,
/// runs the named migrations, and offers intent-named reads and writes.
public struct AppDatabase: Sendable {
    /// Every write goes through an intent-named method of this type (one owner).
    private let writer: any DatabaseWriter

    /// A write waits this long for another process's write to end (stages run side by side).
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens (creating if needed) the database at `url` and upgrades it in place.
    public static func open(at url: URL, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> AppDatabase {
        let folder = url.deletingLastPathComponent()
        do {
            try AtomicFile.createFolders(folder)
        } catch let error as AtomicFileError {
            throw DatabaseOpenError(path: url.path, reason: "cannot create its folder: \(error.reason)")
        }
        try requireWritable(url)
        if FileManager.default.fileExists(atPath: url.path) {
            try requireSQLiteFile(url)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "ats"
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            return try AppDatabase(pool)
        } catch let error as DatabaseError {
            throw DatabaseOpenError(path: url.path, reason: explain(error, busyTimeout: busyTimeout) ?? error.message ?? error.description)
        }
    }

    /// An in-memory database with the full schema, for unit tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue())
    }

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    var reader: any DatabaseReader { writer }

    /// Writes for the stages' methods in `Database/` extensions (the writer itself stays private).
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try writer.write(updates)
    }

    /// Writes outside a transaction, for work that commits in batches of its own (prune).
    func writeWithoutTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction(updates)
    }

    /// SQLite opens a file it cannot write read-only and fails later, leaving `-wal` and
    /// `-shm` files owned by whoever tried (in the way of the user who should run ats).
    /// Say plainly which permission is missing, before SQLite touches anything.
    private static func requireWritable(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        if access(folder.path, W_OK | X_OK) != 0 {
            throw DatabaseOpenError(path: url.path, reason: "its folder \(folder.path) is not writable by this user (SQLite keeps "
                + "\(url.lastPathComponent)-wal and \(url.lastPathComponent)-shm beside the database); give the user running ats write access to the folder")
        }
        if FileManager.default.fileExists(atPath: url.path), access(url.path, W_OK) != 0 {
            throw DatabaseOpenError(path: url.path, reason: "the file is not writable by this user; give the user running ats write access to it")
        }
    }

    /// A file that exists but is not SQLite must be refused before SQLite touches it.
    private static func requireSQLiteFile(_ url: URL) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw DatabaseOpenError(path: url.path, reason: "cannot read it (check its permissions)")
        }
        defer { try? handle.close() }
        let header = handle.readData(ofLength: 16)
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw DatabaseOpenError(path: url.path, reason: "it is not an SQLite database; move it away or point `database:` elsewhere")
        }
    }
}

public struct DatabaseOpenError: OperatorFacingError {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "cannot open the database \(path): \(reason)" }
}
