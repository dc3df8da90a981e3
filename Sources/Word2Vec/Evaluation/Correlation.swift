// Pearson and Spearman correlation with two-sided p-values (scipy.stats pearsonr / spearmanr).
import Foundation

/// Correlation coefficients between two samples, as `scipy.stats` computes them.
public enum Correlation {
    /// Pearson's product-moment correlation of `x` and `y`, clipped to [−1, 1]; NaN when either
    /// sample is constant.
    /// - Precondition: `x.count == y.count`, at least 2 values.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "samples of \(x.count) and \(y.count) values")
        precondition(x.count >= 2, "correlation needs at least 2 values, got \(x.count)")
        let meanX = x.reduce(0, +) / Double(x.count)
        let meanY = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in 0 ..< x.count {
            let dx = x[i] - meanX
            let dy = y[i] - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// Spearman's rank correlation: Pearson's correlation of the ranks, tied values getting the
    /// average of their ranks (scipy `rankdata(method="average")`).
    /// - Precondition: `x.count == y.count`, at least 2 values.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(ranks(x), ranks(y))
    }

    /// The 1-based ranks of `values`, ties sharing the mean of their ranks: `[10, 20, 20, 5]` →
    /// `[2, 3.5, 3.5, 1]`.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end (0-based) hold ranks start+1 ... end; their mean:
            let rank = Double(start + 1 + end) / 2
            for position in start ..< end { ranks[order[position]] = rank }
            start = end
        }
        return ranks
    }

    /// The two-sided p-value of a correlation `r` over `n` pairs under the null hypothesis of no
    /// correlation: `P(|t| ≥ |t(r)|)` for Student's t with `n − 2` degrees of freedom, i.e.
    /// ```swift
    /// p = I(1 − r², (n − 2) / 2, 1 / 2)    // regularized incomplete beta
    /// ```
    /// which is what scipy's `pearsonr` (exact beta distribution) and `spearmanr` (t test) return.
    /// NaN when `n < 3` or `r` is NaN.
    public static func pValue(correlation r: Double, count n: Int) -> Double {
        guard n >= 3, !r.isNaN else { return .nan }
        let x = max(0, min(1, 1 - r * r))
        return regularizedIncompleteBeta(x, a: Double(n - 2) / 2, b: 0.5)
    }

    /// `I_x(a, b)`, by the continued fraction of Numerical Recipes (`betai`/`betacf`, modified
    /// Lentz), accurate to about 1e-14 relative.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logFront: Double = a * log(x) + b * log(1 - x) - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1 ... 10_000 {
            let m = Double(m)
            let evenStep = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + evenStep * d
            if abs(d) < tiny { d = tiny }
            c = 1 + evenStep / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let oddStep = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + oddStep * d
            if abs(d) < tiny { d = tiny }
            c = 1 + oddStep / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
