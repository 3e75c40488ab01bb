import ATSCore
import Foundation

/// The large databases the report is timed on, filled with `scripts/report-fill.sql`
/// (the same SQL `scripts/report-scale.sh` runs) and cached under `.bench/`: 10^6
/// signals take about a minute to fill. A cached database is reused only if the fill
/// SQL, the schema and the sizes are unchanged.
struct ReportFill {
    let sqlFile: URL
    let signals: Int
    let observations: Int

    /// What `ensure` found or built: when it was filled (the report's clock, so a cached
    /// database gives the same page as a fresh one) and how long filling took, if it had to.
    struct Database {
        var workspace: Workspace
        var filledAt: Date
        var fillSeconds: Double?
        var bytes: Int
    }

    private struct Marker: Codable {
        var fingerprint: String
        var filledAt: Date
    }

    func ensure(in folder: URL) throws -> Database {
        let workspace = try Workspace.prepare(folder) { _ in }
        let database = workspace.config.databaseURL
        let markerURL = database.appendingPathExtension("bench.json")
        let fingerprint = try self.fingerprint()
        if let data = try? Data(contentsOf: markerURL), let marker = try? JSONDecoder().decode(Marker.self, from: data),
           marker.fingerprint == fingerprint, FileManager.default.fileExists(atPath: database.path) {
            return Database(workspace: workspace, filledAt: marker.filledAt, fillSeconds: nil, bytes: Self.size(database))
        }
        try? FileManager.default.removeItem(at: markerURL)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        let start = ContinuousClock.now
        try fill(workspace.database())
        let seconds = start.duration(to: .now).seconds
        let marker = Marker(fingerprint: fingerprint, filledAt: Date())
        try JSONEncoder().encode(marker).write(to: markerURL)
        return Database(workspace: workspace, filledAt: marker.filledAt, fillSeconds: seconds, bytes: Self.size(database))
    }

    /// As report-scale.sh does it: drop the indexes, insert, rebuild them.
    private func fill(_ database: AppDatabase) throws {
        let sql = try String(contentsOf: sqlFile, encoding: .utf8)
            .replacingOccurrences(of: "{{signals}}", with: String(signals))
            .replacingOccurrences(of: "{{observations}}", with: String(observations))
        try database.bulkFill(script: sql)
    }

    /// FNV-1a over the fill SQL, the schema the migrations create, and the sizes.
    private func fingerprint() throws -> String {
        let schema = try AppDatabase.schemaText()
        let text = try String(contentsOf: sqlFile, encoding: .utf8) + schema + "\(signals)/\(observations)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    private static func size(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
