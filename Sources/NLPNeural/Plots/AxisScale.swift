// NLPNeural: linear axes with "nice" tick values (1, 2, 2.5, 5 × 10ᵏ) for the SVG charts.
import Foundation

/// A linear map from a data interval to a pixel interval, with round tick values.
struct AxisScale {
    /// The data interval shown (already padded).
    let lower: Double
    let upper: Double
    /// The pixel interval it maps to (`pixelStart` is where `lower` lands).
    let pixelStart: Double
    let pixelEnd: Double
    /// The tick values inside `lower...upper`.
    let ticks: [Double]
    /// The distance between ticks.
    let step: Double

    /// A scale over the finite `values`, padded by `margin` of the span on each side (matplotlib's
    /// 5 %). An empty set shows `0...1`; a single value gets a span of its own size (or 1).
    init(
        covering values: [Double], margin: Double = 0.05, pixelStart: Double, pixelEnd: Double,
        targetTickCount: Int = 8, integerTicks: Bool = false
    ) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low <= 0 || !(high - low).isFinite {
            let half = low == 0 ? 0.5 : Swift.max(abs(low) * 0.1, 1e-9)
            low -= half
            high += half
        } else {
            let pad = (high - low) * margin
            low -= pad
            high += pad
        }
        var step = Self.niceStep((high - low) / Double(Swift.max(targetTickCount - 1, 1)))
        // Integer axes (epochs) skip fractional steps: 0.5 → 1, 2.5 → 5.
        if integerTicks && step.rounded() != step { step = Swift.max(1, step * 2) }
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 && ticks.count < 100 {
            // Snap values such as 0.30000000000000004 to the step's grid.
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        self.lower = low
        self.upper = high
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
        self.ticks = ticks
        self.step = step
    }

    /// The pixel position of `value` (values outside the interval map outside the pixel range).
    func pixel(_ value: Double) -> Double {
        pixelStart + (value - lower) / (upper - lower) * (pixelEnd - pixelStart)
    }

    /// A tick label with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let decimals = Swift.max(0, Int((-log10(step)).rounded(.up)) + (Self.isHalfStep(step) ? 1 : 0))
        return String(format: "%.\(Swift.min(decimals, 12))f", value)
    }

    /// The smallest of 1, 2, 2.5, 5, 10 × 10ᵏ that is at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        for factor in [1, 2, 2.5, 5, 10] where factor * magnitude >= rough * (1 - 1e-12) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Whether the step has a 2.5 mantissa (it needs one more decimal).
    private static func isHalfStep(_ step: Double) -> Bool {
        let mantissa = step / pow(10, log10(step).rounded(.down))
        return abs(mantissa - 2.5) < 1e-9
    }
}
