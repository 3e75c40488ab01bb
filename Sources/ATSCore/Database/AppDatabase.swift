import Foundation
import GRDB

/// The one owner of the SQLite file: opens it in WAL mode with a busy timeout,
/// runs the named migrations, and offers intent-named reads and writes.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// A write waits this long for another process's write to end (stages run side by side).
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens (creating if needed) the database at `url` and upgrades it in place.
    public static func open(at url: URL, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> AppDatabase {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DatabaseOpenError(path: url.path, reason: "cannot create its folder: \((error as NSError).localizedDescription)")
        }
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
            throw DatabaseOpenError(path: url.path, reason: error.message ?? error.description)
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

    public var reader: any DatabaseReader { writer }

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
