// Vectorized transcendental functions for the activation kernels.

/// Elementary functions on 16 lanes at once.
///
/// `exp` uses the Cephes `expf` scheme: `x = n·ln2 + r` with `|r| ≤ ln2/2`, a degree-6 polynomial
/// for `e^r` and `2^n` built in the exponent bits. Inputs are clamped to `[-87.3, 88.7]`, so results
/// saturate to the float range instead of overflowing to infinity or flushing below the smallest
/// normal; NaN stays NaN.
///
/// [1]: Moshier, 1992, "Methods and Programs for Mathematical Functions" (Cephes).
public enum SIMDMath {
    /// The IEEE bit patterns of 16 floats.
    @inlinable @inline(__always)
    public static func bits(_ x: FloatVector) -> SIMD16<UInt32> { unsafeBitCast(x, to: SIMD16<UInt32>.self) }

    /// 16 floats from their IEEE bit patterns.
    @inlinable @inline(__always)
    public static func floats(_ bits: SIMD16<UInt32>) -> FloatVector { unsafeBitCast(bits, to: FloatVector.self) }

    /// `e^x` on 16 lanes (relative error ≈ 2e-7 on normal results).
    @inlinable @inline(__always)
    public static func exp(_ x: FloatVector) -> FloatVector {
        let nan = x .!= x
        var x = x.clamped(
            lowerBound: FloatVector(repeating: -87.33654), upperBound: FloatVector(repeating: 88.72283))
        // n = round(x / ln 2)
        let n = (x * FloatVector(repeating: 1.442_695_04)).rounded(.toNearestOrEven)
        // r = x − n·ln2, with ln2 split in two parts for precision.
        x = x - n * FloatVector(repeating: 0.693_359_375)
        x = x + n * FloatVector(repeating: 2.121_944_4e-4)
        let x2 = x * x
        var p = FloatVector(repeating: 1.987_569_15e-4)
        p = p * x + FloatVector(repeating: 1.398_199_95e-3)
        p = p * x + FloatVector(repeating: 8.333_451_9e-3)
        p = p * x + FloatVector(repeating: 4.166_579_6e-2)
        p = p * x + FloatVector(repeating: 1.666_666_55e-1)
        p = p * x + FloatVector(repeating: 5.000_000_1e-1)
        p = p * x2 + x + FloatVector(repeating: 1)
        // 2^n through the exponent field; n ∈ [-126, 128], so split 2^n = 2^(n/2)·2^(n−n/2).
        let ni = SIMD16<Int32>(n)
        let half = ni &>> 1
        let scale1 = floats(SIMD16<UInt32>(truncatingIfNeeded: (half &+ 127) &<< 23))
        let scale2 = floats(SIMD16<UInt32>(truncatingIfNeeded: (ni &- half &+ 127) &<< 23))
        let result = p * scale1 * scale2
        return result.replacing(with: FloatVector(repeating: .nan), where: nan)
    }

    /// `e^x` for one scalar with the same polynomial, so vector bodies and scalar tails agree.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        exp(FloatVector(repeating: x))[0]
    }

    /// The logistic sigmoid `1 / (1 + e^−x)` on 16 lanes, without overflow for large `|x|`.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: FloatVector) -> FloatVector {
        FloatVector(repeating: 1) / (FloatVector(repeating: 1) + exp(-x))
    }

    /// `tanh(x)` on 16 lanes: `sign(x)·(1 − e^−2|x|)/(1 + e^−2|x|)`, with the odd Taylor series
    /// `x − x³/3 + 2x⁵/15` near zero where the quotient would cancel.
    @inlinable @inline(__always)
    public static func tanh(_ x: FloatVector) -> FloatVector {
        let magnitude = floats(bits(x) & SIMD16(repeating: 0x7FFF_FFFF))
        let e = exp(FloatVector(repeating: -2) * magnitude)
        let large = (FloatVector(repeating: 1) - e) / (FloatVector(repeating: 1) + e)
        let x2 = magnitude * magnitude
        let small = magnitude * (FloatVector(repeating: 1) + x2 * (FloatVector(repeating: -1.0 / 3) + x2 * FloatVector(repeating: 2.0 / 15)))
        let value = large.replacing(with: small, where: magnitude .< FloatVector(repeating: 0.004))
        // Put the sign of x back.
        return floats(bits(value) | (bits(x) & SIMD16(repeating: 0x8000_0000)))
    }
}
