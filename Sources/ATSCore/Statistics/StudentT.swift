import Foundation

/// Student's t distribution: its CDF through the regularized incomplete beta
/// function, its quantiles by bisection on the CDF.
public enum StudentT {
    /// P(T ≤ t) with `degrees` degrees of freedom (> 0).
    public static func cdf(_ t: Double, degrees: Double) -> Double {
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(x: degrees / (degrees + t * t), a: degrees / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// Two-sided tail probability P(|T| ≥ |t|), computed without the cancellation of 1 − cdf.
    public static func twoSidedTail(_ t: Double, degrees: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        return min(1, IncompleteBeta.regularized(x: degrees / (degrees + t * t), a: degrees / 2, b: 0.5))
    }

    /// The t with cdf(t) = p, for 0 < p < 1.
    public static func quantile(_ p: Double, degrees: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degrees: degrees) }
        var low = 0.0
        var high = 1.0
        while cdf(high, degrees: degrees) < p, high < 1e300 { high *= 2 }
        // 200 halvings reach the spacing of doubles for any bracket found above.
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if cdf(middle, degrees: degrees) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// I_x(a, b), the regularized incomplete beta function, by the continued fraction of
/// Numerical Recipes (§6.4, modified Lentz), on the side of x where it converges fast.
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        // Converges in O(√max(a, b)) steps: a few thousand for a million degrees of freedom.
        for m in 1...200_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < epsilon { break }
        }
        return result
    }
}
