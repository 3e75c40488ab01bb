import ATSCore
import Foundation

/// Deterministic randomness for the simulated market: every value is a pure function
/// of its inputs (seed, token key, time), so any instant can be computed in O(1)
/// without replaying history, and two runs with one seed serve the same bytes.
enum SimulationNoise {
    /// SplitMix64's finaliser: a well-mixed 64-bit value for any input.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(mix(a) ^ (b &* 0xD6E8_FEB8_6659_FD93))
    }

    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        hash(hash(a, b), c)
    }

    /// A stable key for a name (FNV-1a), independent of `Hasher`'s per-process seed.
    static func key(_ text: String) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(value)
    }

    /// Uniform in [0, 1).
    static func unit(_ hash: UInt64) -> Double {
        Double(hash >> 11) / Double(UInt64(1) << 53)
    }

    /// Uniform in [-1, 1).
    static func signed(_ hash: UInt64) -> Double {
        unit(hash) * 2 - 1
    }

    /// Smooth value noise in [-1, 1]: random values on the integer lattice, blended
    /// with smoothstep, so nearby times give nearby values.
    static func smooth(_ key: UInt64, _ x: Double) -> Double {
        let cell = x.rounded(.down)
        let fraction = x - cell
        let index = UInt64(bitPattern: Int64(cell))
        let left = signed(hash(key, index))
        let right = signed(hash(key, index &+ 1))
        let blend = fraction * fraction * (3 - 2 * fraction)
        return left + (right - left) * blend
    }

    /// A value in [low, high] that wanders smoothly over `period` seconds.
    static func wander(_ key: UInt64, second: Int64, period: Double, low: Double, high: Double) -> Double {
        let noise = smooth(key, Double(second) / period)
        return low + (high - low) * (noise + 1) / 2
    }
}

/// Contract and pool addresses in each chain's own format, derived from a key.
enum SimulatedAddress {
    private static let base58 = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    private static let hex = Array("0123456789abcdef")

    /// A Solana-style base58 address (44 characters, case-sensitive).
    static func solana(_ key: UInt64, suffix: String = "") -> String {
        var characters: [Character] = []
        var state = key
        while characters.count < 44 - suffix.count {
            state = SimulationNoise.mix(state)
            characters.append(base58[Int(state % UInt64(base58.count))])
        }
        return String(characters) + suffix
    }

    /// An EVM address as explorers and DexScreener print it: mixed case. (A stand-in
    /// for EIP-55: the case pattern comes from a hash, so it looks checksummed and
    /// only lowercased comparison matches it.)
    static func evm(_ key: UInt64) -> String {
        var digits: [Character] = []
        var state = key
        for index in 0..<40 {
            if index % 16 == 0 { state = SimulationNoise.mix(state &+ UInt64(index)) }
            let nibble = Int((state >> UInt64((index % 16) * 4)) & 0xF)
            var digit = hex[nibble]
            if digit.isLetter, SimulationNoise.hash(key, UInt64(index)) & 1 == 1 { digit = Character(digit.uppercased()) }
            digits.append(digit)
        }
        return "0x" + String(digits)
    }

    static func make(chain: String, key: UInt64, suffix: String = "") -> String {
        chain == "solana" ? solana(key, suffix: suffix) : evm(key)
    }
}
