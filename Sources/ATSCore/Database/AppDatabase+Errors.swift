import Foundation
import GRDB

extension AppDatabase {
    /// SQLite's failures in words an operator can act on; nil for any other error.
    public static func explain(_ error: any Error, busyTimeout: TimeInterval) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        let sqlite = (error.message ?? "\(error.resultCode)").singleLine(limit: 120)
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the database is busy: another process held its write lock longer than the busy timeout "
                + "(\(Format.shortest(busyTimeout))s); the write was not made, try again later"
        case .SQLITE_READONLY:
            return "the database is read-only for this user (check the owner and permissions of the file and its folder); the write was not made"
        case .SQLITE_FULL:
            return "the disk holding the database is full; the write was not made"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "the database file is damaged (SQLite: \(sqlite)); restore it from a backup or move it away"
        case .SQLITE_IOERR, .SQLITE_CANTOPEN:
            return "the database file could not be read or written (SQLite: \(sqlite)); check the disk and the file's permissions"
        default:
            return nil
        }
    }
}
