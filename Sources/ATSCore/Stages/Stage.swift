/// Every stage `ats` runs, by the name its subcommand, lock file, `runs.stage`
/// and metrics label share. A new stage is one case here and one folder under `Stages/`.
public enum Stage: String, CaseIterable, Sendable, Codable {
    case scan, poll, reward, report, prune, notify

    /// The scheduled stages `ats status` lists (prune is maintenance run by hand or weekly).
    public static let scheduled: [Stage] = [.scan, .poll, .notify, .reward, .report]

    /// The stages whose silence `ats notify` reports (`notify.health_after_minutes`); not
    /// notify itself, which could only report its own outage by running.
    public static let watched: [Stage] = [.scan, .poll, .reward, .report]
}
