import Foundation

/// Stage health, judged by `ats notify` at the start of each run from the `runs` table:
/// a watched stage whose last `ok`/`partial` run ended more than `health_after_minutes`
/// ago is down (one alert per outage); once it succeeds again, one recovery. A stage that
/// never succeeded is judged from the first run of any stage (a new install is not an outage).
enum HealthWatch {
    static func changes(_ database: AppDatabase, now: Date, afterMinutes: Double) throws -> [StageHealthChange] {
        let successes = Dictionary(try database.lastSuccessfulRuns().map { ($0.stage, $0.finishedAt) }, uniquingKeysWith: { max($0, $1) })
        let announced = try database.stagesAnnouncedDown()
        guard let firstRun = try database.firstRunStarted() else { return [] }
        var changes: [StageHealthChange] = []
        for stage in Stage.watched {
            let lastSuccess = successes[stage]
            let isDown = now.timeIntervalSince(lastSuccess ?? firstRun) > afterMinutes * 60
            guard isDown != (announced[stage] != nil) else { continue }
            let lastRun = try database.lastRuns(stage: stage, limit: 1).first
            let told = lastRun.map { "\($0.status.rawValue) at \($0.startedAt.iso8601): \($0.summary.singleLine(limit: 200))" } ?? "never ran"
            changes.append(StageHealthChange(stage: stage, isDown: isDown, lastSuccess: lastSuccess, lastRun: told, at: now))
        }
        return changes
    }
}
