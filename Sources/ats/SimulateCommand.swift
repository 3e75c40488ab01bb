import ArgumentParser
import ATSCore
import ATSSimulation
import Foundation

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve the simulated market on 127.0.0.1 (for trying configs offline).",
        discussion: """
        Serves DexScreener, GeckoTerminal, MEXC, CoinGecko and Binance look-alikes under one base URL \
        until Ctrl-C (SIGINT) or SIGTERM. Faults can be switched on over HTTP: \
        POST <base>/_sim/faults with {"endpoint": "mexc_ticker_24hr", "fault": "rate_limited", "retry_after": 2, "times": 1}. \
        See docs/simulated-market.md.
        """)

    @Option(help: "Port on 127.0.0.1 (0 = any free port).")
    var port: Int = 8765

    @Option(help: "Seed of the simulated market (same seed, same market).")
    var seed: UInt64 = 1

    @Option(help: "Also add this many well-behaved filler pairs.")
    var extraPairs: Int = 0

    @Option(name: .customLong("write-config"), help: "Write a complete config pointed at the market to this path.")
    var writeConfig: String?

    @Flag(help: "Overwrite the file given to --write-config.")
    var force = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard extraPairs >= 0 else { throw ValidationError("--extra-pairs must not be negative") }
    }

    func run() async throws {
        let console = options.console
        let market: SimulatedMarket
        do {
            market = try await SimulatedMarket.start(seed: seed, extraPairs: extraPairs, port: UInt16(port))
        } catch let error as SimulatedMarketError {
            console.error(error.description)
            throw ExitCode(.unavailable)
        }
        console.output("simulated market (seed \(seed)) serving on \(market.baseURL)")
        if let writeConfig {
            let file = URL(fileURLWithPath: (writeConfig as NSString).expandingTildeInPath).standardizedFileURL
            do {
                try market.writeConfig(to: file, force: force)
                console.output("wrote \(file.path)")
            } catch let error as ConfigError {
                console.error(error.description)
                await market.stop()
                throw ExitCode(error.exitStatus)
            }
        }
        console.output("config keys for ats.yaml:")
        console.output(market.configSnippet())
        console.output("faults: POST \(market.baseURL)/_sim/faults {\"endpoint\":\"mexc_ticker_24hr\",\"fault\":\"rate_limited\",\"retry_after\":2,\"times\":1}; requests: GET \(market.baseURL)/_sim/requests")
        console.output("press Ctrl-C to stop")
        let stop = StopRequest()
        stop.trapSignals()
        await stop.wait()
        await market.stop()
        console.output("stopped")
    }
}
