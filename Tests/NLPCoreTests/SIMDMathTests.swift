// Accuracy and edge behaviour of the vectorized exp, expm1, log, sigmoid and tanh against Double libm.
import Foundation
import NLPCore
import Testing

@Suite("SIMDMathTests")
struct SIMDMathTests {
    /// The largest `|f(x) − reference(x)| / max(|reference(x)|, floor)` over `inputs`, 16 lanes at a time.
    static func worstRelativeError(
        _ inputs: [Float], _ f: (FloatVector) -> FloatVector, _ reference: (Double) -> Double, floor: Double = 1e-300
    ) -> (error: Double, at: Float) {
        var worst: (error: Double, at: Float) = (0, 0)
        for start in stride(from: 0, to: inputs.count, by: 16) {
            var v = FloatVector()
            for lane in 0 ..< 16 { v[lane] = inputs[Swift.min(start + lane, inputs.count - 1)] }
            let result = f(v)
            for lane in 0 ..< 16 {
                let expected = reference(Double(v[lane]))
                let error = abs(Double(result[lane]) - expected) / Swift.max(abs(expected), floor)
                if error > worst.error || error.isNaN { worst = (error, v[lane]) }
            }
        }
        return worst
    }

    static func sweep(_ lower: Float, _ upper: Float, count: Int) -> [Float] {
        (0 ... count).map { lower + (upper - lower) * Float($0) / Float(count) }
    }

    // MARK: - exp

    @Test("exp has relative error < 1e-6 over [-87, 88]")
    func expAccuracy() {
        let worst = Self.worstRelativeError(Self.sweep(-87, 88, count: 40_000), SIMDMath.exp, Foundation.exp)
        #expect(worst.error < 1e-6, "worst relative error \(worst.error) at x = \(worst.at)")
        let near0 = Self.worstRelativeError(Self.sweep(-1, 1, count: 4000), SIMDMath.exp, Foundation.exp)
        #expect(near0.error < 1e-6, "worst relative error \(near0.error) at x = \(near0.at)")
    }

    @Test("exp edges: NaN, ±∞, underflow, overflow, 0")
    func expEdges() {
        #expect(SIMDMath.exp(Float.nan).isNaN)
        #expect(SIMDMath.exp(-Float.infinity) == 0)
        #expect(SIMDMath.exp(-100) == 0)
        #expect(SIMDMath.exp(-87) > 0 && SIMDMath.exp(-87) < 2e-38)
        #expect(SIMDMath.exp(0) == 1)
        for x: Float in [88, 88.7, 89, 1000, .infinity] {
            let y = SIMDMath.exp(x)
            #expect(y.isFinite && y > 1e38, "exp(\(x)) = \(y)")
        }
        // Lanes are independent: one NaN lane does not disturb the others.
        var v = FloatVector(repeating: 1)
        v[3] = .nan
        let e = SIMDMath.exp(v)
        #expect(e[3].isNaN && e[2] == SIMDMath.exp(Float(1)))
    }

    @Test("expm1 is accurate near zero and elsewhere")
    func expm1Accuracy() {
        let tiny = Self.worstRelativeError(Self.sweep(-1e-3, 1e-3, count: 2000), SIMDMath.expm1, Foundation.expm1)
        #expect(tiny.error < 1e-6, "worst relative error \(tiny.error) at x = \(tiny.at)")
        let wide = Self.worstRelativeError(Self.sweep(-20, 20, count: 8000), SIMDMath.expm1, Foundation.expm1)
        #expect(wide.error < 1e-6, "worst relative error \(wide.error) at x = \(wide.at)")
    }

    // MARK: - log

    @Test("log has relative error < 1e-6 from 1e-38 to 3e38, and absolute < 1e-7 near 1")
    func logAccuracy() {
        let exponents = Self.sweep(-38, 38.5, count: 20_000)
        let inputs = exponents.map { Float(Foundation.pow(10, Double($0))) }
        let wide = Self.worstRelativeError(inputs, SIMDMath.log, Foundation.log, floor: 1e-30)
        #expect(wide.error < 1e-6, "worst relative error \(wide.error) at x = \(wide.at)")
        let near1 = Self.worstRelativeError(Self.sweep(0.9, 1.1, count: 4000), SIMDMath.log, Foundation.log, floor: 0.1)
        #expect(near1.error < 1e-6, "worst error \(near1.error) at x = \(near1.at)")
    }

    @Test("log edges: 0, negatives, ∞, NaN, 1, subnormals")
    func logEdges() {
        #expect(SIMDMath.log(Float(0)) == -.infinity)
        #expect(SIMDMath.log(Float(-1)).isNaN)
        #expect(SIMDMath.log(-Float.infinity).isNaN)
        #expect(SIMDMath.log(Float.infinity) == .infinity)
        #expect(SIMDMath.log(Float.nan).isNaN)
        #expect(SIMDMath.log(Float(1)) == 0)
        for x: Float in [
            .leastNonzeroMagnitude, .leastNormalMagnitude / 100, .leastNormalMagnitude / 10, .leastNormalMagnitude,
            .greatestFiniteMagnitude,
        ] {
            let expected = Foundation.log(Double(x))
            #expect(abs(Double(SIMDMath.log(x)) - expected) / abs(expected) < 1e-6, "log(\(x))")
        }
    }

    // MARK: - sigmoid and tanh

    @Test("tanh is accurate across [-10, 10], near 0 and saturates to ±1")
    func tanhAccuracy() {
        let wide = Self.worstRelativeError(Self.sweep(-10, 10, count: 20_000), SIMDMath.tanh, Foundation.tanh)
        #expect(wide.error < 1e-6, "worst relative error \(wide.error) at x = \(wide.at)")
        let near0 = Self.worstRelativeError(Self.sweep(-1e-3, 1e-3, count: 2000), SIMDMath.tanh, Foundation.tanh)
        #expect(near0.error < 1e-6, "worst relative error \(near0.error) at x = \(near0.at)")
        #expect(SIMDMath.tanh(Float(20)) == 1 && SIMDMath.tanh(Float(-20)) == -1)
        #expect(SIMDMath.tanh(Float(1e-30)) == 1e-30 && SIMDMath.tanh(Float(-0.0)) == 0)
        #expect(SIMDMath.tanh(Float.infinity) == 1 && SIMDMath.tanh(-Float.infinity) == -1)
        #expect(SIMDMath.tanh(Float.nan).isNaN)
    }

    @Test("sigmoid is accurate across [-80, 20], near 0 and at ±20")
    func sigmoidAccuracy() {
        let reference: (Double) -> Double = { 1 / (1 + Foundation.exp(-$0)) }
        let wide = Self.worstRelativeError(Self.sweep(-80, 20, count: 20_000), SIMDMath.sigmoid, reference)
        #expect(wide.error < 1e-6, "worst relative error \(wide.error) at x = \(wide.at)")
        let near0 = Self.worstRelativeError(Self.sweep(-1e-3, 1e-3, count: 2000), SIMDMath.sigmoid, reference)
        #expect(near0.error < 1e-6, "worst relative error \(near0.error) at x = \(near0.at)")
        #expect(SIMDMath.sigmoid(Float(20)) == 1)
        #expect(abs(Double(SIMDMath.sigmoid(Float(-20))) - reference(-20)) / reference(-20) < 1e-6)
        #expect(SIMDMath.sigmoid(Float(0)) == 0.5)
        #expect(SIMDMath.sigmoid(Float.infinity) == 1 && SIMDMath.sigmoid(-Float.infinity) < 1e-38)
        #expect(SIMDMath.sigmoid(Float.nan).isNaN)
    }

    @Test("scalar overloads equal lane 0 of the vector versions")
    func scalarOverloads() {
        for x: Float in [-50, -3.3, -0.2, 0, 0.7, 5, 60] {
            #expect(SIMDMath.exp(x) == SIMDMath.exp(FloatVector(repeating: x))[0])
            #expect(SIMDMath.tanh(x) == SIMDMath.tanh(FloatVector(repeating: x))[0])
            #expect(SIMDMath.sigmoid(x) == SIMDMath.sigmoid(FloatVector(repeating: x))[0])
            #expect(SIMDMath.log(abs(x)) == SIMDMath.log(FloatVector(repeating: abs(x)))[0])
        }
    }
}
