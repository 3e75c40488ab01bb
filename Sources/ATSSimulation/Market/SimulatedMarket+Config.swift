import ATSCore
import Foundation

extension SimulatedMarket {
    /// The config keys that point `ats` at this market, as YAML to paste into ats.yaml.
    public func configSnippet() -> String {
        var values = ATSConfig()
        configure(&values)
        let list = { (items: [String]) in "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
        watchlist:
          size: \(values.watchlist.size)
          quote_symbols: \(list(values.watchlist.quoteSymbols))
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
    /// with the Binance verifier on (and whatever `edit` changes). Refuses to overwrite without `force`.
    public func writeConfig(to file: URL, force: Bool, edit: (inout ATSConfig) -> Void = { _ in }) throws {
        if FileManager.default.fileExists(atPath: file.path) && !force {
            throw ConfigError.alreadyExists(file: file.path)
        }
        var values = ATSConfig()
        configure(&values)
        values.verifiers.binance.enabled = true
        edit(&values)
        do {
            try AtomicFile.write(Data(DefaultConfigFile.render(values).utf8), to: file)
        } catch let error as AtomicFileError {
            throw ConfigError.unreadable(file: file.path, reason: "cannot write: \(error.reason)")
        }
    }
}
