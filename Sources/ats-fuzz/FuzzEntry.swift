import ATSFuzzing
import CLibFuzzer
import Foundation

// `ats-fuzz`: the fuzz targets of ATSFuzzing as one program (docs/fuzzing.md).
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`, it is a libFuzzer
// binary: its main runs libFuzzer's driver, `LLVMFuzzerTestOneInput` below gets each input,
// and `ATS_FUZZ_TARGET` names the target. In an ordinary build it replays files instead:
// `ats-fuzz TARGET FILE...` runs each file through TARGET once (a crash found by the
// fuzzer, reproduced without the sanitizers), and `ats-fuzz --list` names the targets.

#if FUZZING
/// Set once by `LLVMFuzzerInitialize`, before the first input, then only read.
nonisolated(unsafe) private var selected = FuzzTarget.config

/// Before the first input: `ATS_FUZZ_TARGET` names the target (`--list` prints them all).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["ATS_FUZZ_TARGET"] ?? ""
    if name == "--list" {
        print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
        exit(0)
    }
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("ats-fuzz: set ATS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = selected.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

/// SwiftPM links an executable with `--defsym main=ats_fuzz_main`, so this is the
/// program's main: it hands over to libFuzzer's driver with the entry point above.
@_cdecl("ats_fuzz_main")
public func atsFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--list"] {
            print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
            return
        }
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            FileHandle.standardError.write(Data("usage: ats-fuzz TARGET FILE... | ats-fuzz --list\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("ats-fuzz: cannot read \(path)\n".utf8))
                exit(66)
            }
            let reached = target.run(bytes)
            print("\(target.rawValue): \(path): no crash, \(reached) values")
        }
    }
}
#endif
