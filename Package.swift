// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ats",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ats", targets: ["ats"]),
        .library(name: "ATSCore", targets: ["ATSCore"]),
        .library(name: "ATSSimulation", targets: ["ATSSimulation"]),
        .executable(name: "ats-bench", targets: ["ats-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Only the tests import NIO directly (to build byte-exact transport answers).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // HMAC-SHA256 of notification webhook bodies (X-ATS-Signature). Already in the graph
        // through async-http-client's swift-certificates, resolved at 4.5.2: no new code to build.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        .target(
            name: "ATSCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        // Stamps ATSCore with the version and commit (`ats --version`): scripts/build-info.sh.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // The simulated market and `ats demo`: only the demo, `ats simulate`, the tests and
        // the benchmarks link it, so production code cannot reach it (docs/architecture.md).
        .target(
            name: "ATSSimulation",
            dependencies: [
                "ATSCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "ats",
            dependencies: [
                "ATSCore",
                "ATSSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (docs/benchmarks.md): `scripts/bench.sh`, never part of `swift test`.
        .executableTarget(
            name: "ats-bench",
            dependencies: [
                "ATSCore",
                "ATSSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Fuzz targets (docs/fuzzing.md): every decoder and the config loader, through the
        // code the stages run. `ats-fuzz` is libFuzzer's binary when scripts/fuzz.sh builds it
        // (-sanitize=fuzzer,address -DFUZZING, in .build-fuzz), a replayer otherwise.
        .target(name: "ATSFuzzing", dependencies: ["ATSCore"]),
        .executableTarget(name: "ats-fuzz", dependencies: ["ATSFuzzing", "CLibFuzzer"]),
        .target(name: "CLibFuzzer"),
        .testTarget(
            name: "ATSCoreTests",
            dependencies: [
                "ATSCore",
                "ATSSimulation",
                "ATSFuzzing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
