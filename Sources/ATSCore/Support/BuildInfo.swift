/// What this binary is: the release version (from a `v…` tag at the commit, else
/// `0.0.0-dev`) and the commit it was built from, stamped at build time by
/// `Plugins/BuildInfoPlugin` (`scripts/build-info.sh`).
public enum BuildInfo {
    public static var version: String { stampedVersion }
    public static var commit: String { stampedCommit }

    /// `ats 2.1.0 (commit 1a2b3c4d5e6f)`, the one way every output names the build.
    public static var description: String { "ats \(version) (commit \(commit))" }
}
