import Foundation
import Testing
@testable import ATSCore

/// Every rendering `Format` owns, to the byte: the report, the summaries and the poll
/// reasons compare these strings, and scripts grep them.
@Suite struct FormatTests {
    /// (what `Format` rendered, what it must render).
    typealias Case = (String, String)

    static let counts: [Case] = [
        (Format.count(0), "0"),
        (Format.count(12), "12"),
        (Format.count(1234), "1,234"),
        (Format.count(1_234_567), "1,234,567"),
        (Format.count(-4321), "−4,321"),
        (Format.form(1, "signal"), "signal"),
        (Format.form(2, "signal"), "signals"),
        (Format.form(1, "stays", "stay"), "stays"),
        (Format.form(3, "stays", "stay"), "stay"),
        (Format.plural(1, "signal"), "1 signal"),
        (Format.plural(12, "signal"), "12 signals"),
        (Format.plural(0, "signal"), "0 signals"),
        (Format.plural(2, "glitch", "glitches"), "2 glitches"),
        (Format.plural(1234, "signal"), "1234 signals"),
        (Format.plural(1234, "signal", grouped: true), "1,234 signals"),
        (Format.plural(1, "signal", grouped: true), "1 signal"),
    ]

    static let numbers: [Case] = [
        (Format.fixed(2.5, decimals: 2), "2.50"),
        (Format.fixed(12.34, decimals: 1), "12.3"),
        (Format.fixed(-2.12345, decimals: 4), "-2.1234"),
        (Format.printf(-2.12345, decimals: 4), "-2.1235"),
        (Format.printf(321.54, decimals: 1), "321.5"),
        (Format.printf(61.5, decimals: 0), "62"),
        (Format.number(-12345.678, decimals: 1), "−12,345.7"),
        (Format.number(321.5, decimals: 1), "321.5"),
        (Format.number(1e20, decimals: 0), "100000000000000000000"),
        (Format.number(nil), "—"),
        (Format.number(.nan), "—"),
        (Format.trimmed(15), "15"),
        (Format.trimmed(2.50), "2.5"),
        (Format.trimmed(-2.12345), "-2.12"),
        (Format.trimmed(-0.001), "0"),
        (Format.shortest(5), "5"),
        (Format.shortest(-3), "-3"),
        (Format.shortest(0.1), "0.1"),
        (Format.shortest(2.5), "2.5"),
        (Format.shortest(0.00001), "1e-05"),
        (Format.significant(1.2345e-9), "1.2345e-09"),
        (Format.significant(1_234_567), "1.23457e+06"),
        (Format.significant(0.1 + 0.2), "0.3"),
        (Format.milliseconds(240), "240 ms"),
        (Format.milliseconds(12_500), "12.5 s"),
        (Format.milliseconds(nil), "—"),
    ]

    static let percents: [Case] = [
        (Format.percent(fraction: 0.012), "+1.20 %"),
        (Format.percent(fraction: -0.0034), "−0.34 %"),
        (Format.percent(fraction: -0.00001), "0.00 %"),
        (Format.percent(fraction: 0), "0.00 %"),
        (Format.percent(fraction: 1.5), "+150.00 %"),
        (Format.percent(fraction: -900.0278), "−90,002.78 %"),
        (Format.percent(fraction: -1e18), "−100000000000000000000.00 %"),
        (Format.percent(fraction: 0.002, signed: false), "0.20 %"),
        (Format.percent(fraction: nil), "—"),
        (Format.percent(2.5), "+2.50 %"),
        (Format.percent(2.0, signed: false), "2.00 %"),
        (Format.percent(.infinity), "—"),
        (Format.share(0.5), "50.0 %"),
        (Format.share(0.25), "25.0 %"),
        (Format.share(nil), "—"),
        (Format.shortPercent(0.5), "0.5%"),
        (Format.shortPercent(-2.12345), "-2.1235%"),
        (Format.shortPercent(0), "0%"),
    ]

    static let money: [Case] = [
        (Format.usd(250_000), "$250,000"),
        (Format.usd(nil), "—"),
        (Format.compactUSD(2_410_000), "$2.41M"),
        (Format.compactUSD(50_000), "$50k"),
        (Format.compactUSD(3.2e9), "$3.2B"),
        (Format.compactUSD(999.5), "$999.5"),
        (Format.compactUSD(12), "$12"),
        (Format.price(0.0000123456), "0.00001235"),
        (Format.price(1.5), "1.500"),
        (Format.price(0.5), "0.5000"),
        (Format.price(12345.678), "12345.68"),
        (Format.price(0.123456), "0.1235"),
        (Format.price(0), "0"),
        // Below 1e-8, four significant digits in scientific notation, never "0.000000000000".
        (Format.price(3.2e-13), "3.2e-13"),
        (Format.price(1.23456e-10, like: 1.3e-10), "1.235e-10"),
        (Format.price(0.5, like: 4.1e-11), "0.5"),
        (Format.pValue(0.321), "p = 0.32"),
        (Format.pValue(0.0031), "p = 0.0031"),
        (Format.pValue(1e-9), "p < 0.0001"),
        (Format.price(.nan), "—"),
        (Format.price(1.04, like: 0.9642), "1.0400"),
        (Format.price(0.9642, like: 1.04), "0.9642"),
    ]

    @Test(arguments: counts + numbers + percents + money)
    func rendersExactly(rendered: String, expected: String) {
        #expect(rendered == expected)
    }

    @Test(arguments: [(1234.0, "1,234"), (0.0, "0"), (-12.0, "−12"), (2.6, "3"), (1e19, "—"), (Double.nan, "—"), (-Double.infinity, "—")])
    func aWholeDoubleIsACountOrMissing(_ value: Double, _ text: String) {
        #expect(Format.count(whole: value) == text)
    }
}
