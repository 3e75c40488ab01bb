import Foundation

/// GeckoTerminal names pools and tokens `{network}_{address}`; this is the one place that
/// reads such an id. Networks may hold `_` themselves (`polygon_pos`) and so may some
/// addresses, so the split is settled by the address the answer gives beside the id when
/// there is one, else by the networks `Chain` knows, and only then at the first `_`.
public struct GeckoTerminalID: Sendable, Equatable {
    public let network: String
    public let address: String

    public init(_ id: String, address known: String? = nil) {
        if let known, !known.isEmpty, id.hasSuffix("_" + known) {
            (network, address) = (String(id.dropLast(known.count + 1)), known)
        } else if let network = Chain.all.map(\.geckoTerminalNetwork).filter({ id.hasPrefix($0 + "_") }).max(by: { $0.count < $1.count }) {
            (self.network, address) = (network, String(id.dropFirst(network.count + 1)))
        } else if let separator = id.firstIndex(of: "_") {
            (network, address) = (String(id[..<separator]), String(id[id.index(after: separator)...]))
        } else {
            // No `_`: the id names no network, and is all address.
            (network, address) = ("", id)
        }
    }
}
