import Foundation
import PackagePlugin

/// Stamps ATSCore with the version and commit it is built from (`ats --version`,
/// `status`, the report's footer, `ats_build_info`). A prebuild command, so it runs
/// on every build; the script rewrites its file only when the commit or tag changed.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "Stamp")
        return [.prebuildCommand(
            displayName: "Stamping version and commit",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [package.appending(path: "scripts/build-info.sh").path, package.path, output.path],
            outputFilesDirectory: output)]
    }
}
