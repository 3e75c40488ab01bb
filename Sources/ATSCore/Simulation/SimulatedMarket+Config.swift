import Foundation

extension SimulatedMarket {
    /// The config keys that point `ats` at this market, as YAML to paste into ats.yaml.
    public func configSnippet() -> String {
        var values = ATSConfig()
        configure(&values)
        let list = { (items: [String]) in "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
        scanners:
          dexscreener:
            base_url: \(values.scanners.dexscreener.baseURL)
            queries: \(list(values.scanners.dexscreener.queries))
          geckoterminal:
            base_url: \(values.scanners.geckoterminal.baseURL)
            networks: \(list(values.scanners.geckoterminal.networks))
        exchange:
          mexc:
            base_url: \(values.exchange.mexc.baseURL)
        verifiers:
          coingecko:
            base_url: \(values.verifiers.coingecko.baseURL)
          binance:
            enabled: true
            base_url: \(values.verifiers.binance.baseURL)
        """
    }

    /// A complete commented config (as `ats init` writes it) pointed at this market,
    /// with the Binance verifier on. Refuses to overwrite without `force`.
    public func writeConfig(to file: URL, force: Bool) throws {
        if FileManager.default.fileExists(atPath: file.path) && !force {
            throw ConfigError.alreadyExists(file: file.path)
        }
        var values = ATSConfig()
        configure(&values)
        values.verifiers.binance.enabled = true
        do {
            try AtomicFile.write(Data(DefaultConfigFile.render(values).utf8), to: file)
        } catch let error as AtomicFileError {
            throw ConfigError.unreadable(file: file.path, reason: "cannot write: \(error.reason)")
        }
    }
}

/// Waits for SIGINT or SIGTERM (for `ats simulate`, which serves until stopped).
public enum TerminationSignals {
    /// Returns the signal that arrived. The default action of both is suspended
    /// from the first call on, so the caller can shut down cleanly.
    public static func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let waiter = Waiter(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { waiter.resume(number) }
                waiter.keep(source)
                source.resume()
            }
        }
    }

    private final class Waiter: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Int32, Never>?
        private var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Int32, Never>) {
            self.continuation = continuation
        }

        func keep(_ source: any DispatchSourceSignal) {
            lock.withLock { sources.append(source) }
        }

        func resume(_ number: Int32) {
            let pending = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            pending?.resume(returning: number)
            lock.withLock { sources.forEach { $0.cancel() } }
        }
    }
}
