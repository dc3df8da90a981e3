// Vectorized transcendental functions for the activation kernels.

/// Elementary functions on 16 lanes at once.
///
/// `exp` uses the Cephes `expf` scheme: `x = n·ln2 + r` with `|r| ≤ ln2/2`, a degree-6 polynomial
/// for `e^r` and `2^n` built in the exponent bits. `log` is Cephes `logf`: `x = m·2^e` with
/// `m ∈ [√½, √2)` and a degree-9 polynomial for `log(m)`. Measured relative errors against Double
/// libm are in each function's comment; `SIMDMathTests` checks them.
///
/// Polynomials are written with `addingProduct` so each step is one fused multiply-add (Swift
/// does not contract `a * b + c` on its own), which also makes them slightly more accurate.
///
/// The scalar overloads run the same polynomial on a splatted vector, so a kernel's scalar tail gives
/// bit-identical results to its vector body.
///
/// [1]: Moshier, 1992, "Methods and Programs for Mathematical Functions" (Cephes).
public enum SIMDMath {
    /// The IEEE bit patterns of 16 floats.
    @inlinable @inline(__always)
    public static func bits(_ x: FloatVector) -> SIMD16<UInt32> { unsafeBitCast(x, to: SIMD16<UInt32>.self) }

    /// 16 floats from their IEEE bit patterns.
    @inlinable @inline(__always)
    public static func floats(_ bits: SIMD16<UInt32>) -> FloatVector { unsafeBitCast(bits, to: FloatVector.self) }

    /// `|x|` on 16 lanes, by clearing the sign bit.
    @inlinable @inline(__always)
    public static func magnitude(_ x: FloatVector) -> FloatVector {
        floats(bits(x) & SIMD16(repeating: 0x7FFF_FFFF))
    }

    // MARK: - Exponential

    /// `e^x` on 16 lanes (relative error < 2.5e-7 for results in the normal range).
    ///
    /// Edges: NaN → NaN; `x < −87.336` (where `e^x` leaves the normal range) → 0, so `e^−∞ = 0`;
    /// `x > 88.722` saturates at ≈ `Float.greatestFiniteMagnitude` instead of overflowing to ∞.
    @inlinable @inline(__always)
    public static func exp(_ x: FloatVector) -> FloatVector {
        let lowest = FloatVector(repeating: -87.33654)
        let highest = FloatVector(repeating: 88.72283)
        // Compare-and-blend clamps: `clamped(lowerBound:upperBound:)` is not vectorized.
        var r = x.replacing(with: lowest, where: x .< lowest).replacing(with: highest, where: x .> highest)
        // n = round(x / ln 2): adding 1.5·2^23 rounds to an integer and leaves it in the low
        // mantissa bits, which avoids the (scalarized) Float → Int32 conversion.
        let magic = FloatVector(repeating: 12_582_912)
        let shifted = r * FloatVector(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        // r = x − n·ln2, with ln2 split in two parts so the subtraction is exact.
        r = r.addingProduct(n, FloatVector(repeating: -0.693_359_375))
        r = r.addingProduct(n, FloatVector(repeating: 2.121_944_4e-4))
        let r2 = r * r
        var p = FloatVector(repeating: 1.987_569_15e-4)
        p = FloatVector(repeating: 1.398_199_95e-3).addingProduct(p, r)
        p = FloatVector(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = FloatVector(repeating: 4.166_579_6e-2).addingProduct(p, r)
        p = FloatVector(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = FloatVector(repeating: 5.000_000_1e-1).addingProduct(p, r)
        p = r.addingProduct(p, r2) + FloatVector(repeating: 1)
        // 2^n through the exponent field; n ∈ [-126, 128], so split 2^n = 2^(n/2)·2^(n−n/2).
        let ni = unsafeBitCast(bits(shifted) &- bits(magic), to: SIMD16<Int32>.self)
        let half = ni &>> 1
        let scale1 = floats(unsafeBitCast((half &+ 127) &<< 23, to: SIMD16<UInt32>.self))
        let scale2 = floats(unsafeBitCast((ni &- half &+ 127) &<< 23, to: SIMD16<UInt32>.self))
        let result = (p * scale1 * scale2).replacing(with: 0, where: x .< lowest)
        return result.replacing(with: x, where: x .!= x)
    }

    /// `e^x` for one scalar with the same polynomial, so vector bodies and scalar tails agree.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        exp(FloatVector(repeating: x))[0]
    }

    /// `e^x − 1` on 16 lanes, accurate near zero where `exp(x) − 1` would cancel: a degree-9
    /// Taylor polynomial for `|x| < 0.5`, `exp(x) − 1` elsewhere (relative error < 5e-7).
    @inlinable @inline(__always)
    public static func expm1(_ x: FloatVector) -> FloatVector {
        var p = FloatVector(repeating: 1.0 / 362_880)
        p = FloatVector(repeating: 1.0 / 40320).addingProduct(p, x)
        p = FloatVector(repeating: 1.0 / 5040).addingProduct(p, x)
        p = FloatVector(repeating: 1.0 / 720).addingProduct(p, x)
        p = FloatVector(repeating: 1.0 / 120).addingProduct(p, x)
        p = FloatVector(repeating: 1.0 / 24).addingProduct(p, x)
        p = FloatVector(repeating: 1.0 / 6).addingProduct(p, x)
        p = FloatVector(repeating: 0.5).addingProduct(p, x)
        let small = p * (x * x) + x
        let large = exp(x) - FloatVector(repeating: 1)
        return large.replacing(with: small, where: magnitude(x) .< FloatVector(repeating: 0.5))
    }

    // MARK: - Logarithm

    /// `log(x)` (natural) on 16 lanes (relative error < 2e-7 away from `x = 1`, absolute < 1e-7 near it).
    ///
    /// Edges: `log(0) = −∞`, `log(x < 0) = NaN`, `log(∞) = ∞`, NaN → NaN; subnormal inputs are exact
    /// to the same accuracy (they are scaled by 2^23 first).
    @inlinable @inline(__always)
    public static func log(_ x: FloatVector) -> FloatVector {
        let subnormal = x .< FloatVector(repeating: Float.leastNormalMagnitude)
        let v = x.replacing(with: x * 8_388_608, where: subnormal)
        let vb = bits(v)
        // x = m·2^e with m ∈ [0.5, 1); then fold m < √½ into [√½, 1) by doubling, so |m − 1| ≤ 0.29.
        // The exponent field as a float: OR it into the mantissa of 2^23, then subtract 2^23.
        let field = floats(((vb &>> 23) & SIMD16(repeating: 0xFF)) | SIMD16(repeating: 0x4B00_0000))
        var e = field - FloatVector(repeating: 8_388_608 + 126)
        e = e.replacing(with: e - 23, where: subnormal)
        var m = floats((vb & SIMD16(repeating: 0x007F_FFFF)) | SIMD16(repeating: 0x3F00_0000))
        let fold = m .< FloatVector(repeating: 0.707_106_781_186_547_524)
        e = e.replacing(with: e - 1, where: fold)
        // (A negated mask, `.!fold`, makes LLVM scalarize the rest of the function.)
        m = m.replacing(with: m + m, where: fold) - FloatVector(repeating: 1)
        let z = m * m
        var y = FloatVector(repeating: 7.037_683_629_2e-2)
        y = FloatVector(repeating: -1.151_461_031_0e-1).addingProduct(y, m)
        y = FloatVector(repeating: 1.167_699_874_0e-1).addingProduct(y, m)
        y = FloatVector(repeating: -1.242_014_084_6e-1).addingProduct(y, m)
        y = FloatVector(repeating: 1.424_932_278_7e-1).addingProduct(y, m)
        y = FloatVector(repeating: -1.666_805_766_5e-1).addingProduct(y, m)
        y = FloatVector(repeating: 2.000_071_476_5e-1).addingProduct(y, m)
        y = FloatVector(repeating: -2.499_999_399_3e-1).addingProduct(y, m)
        y = FloatVector(repeating: 3.333_333_117_4e-1).addingProduct(y, m)
        y = y * m * z
        // log(x) = e·ln2 + log(1 + m), ln2 split in two parts as in `exp`.
        y = y - e * FloatVector(repeating: 2.121_944_40e-4)
        y = y - FloatVector(repeating: 0.5) * z
        var result = m + y + e * FloatVector(repeating: 0.693_359_375)
        result = result.replacing(with: -.infinity, where: x .== 0)
        result = result.replacing(with: .infinity, where: x .== .infinity)
        return result.replacing(with: .nan, where: (x .< 0) .| (x .!= x))
    }

    /// `log(x)` for one scalar with the same polynomial as the vector version.
    @inlinable @inline(__always)
    public static func log(_ x: Float) -> Float {
        log(FloatVector(repeating: x))[0]
    }

    // MARK: - Sigmoid and tanh

    /// The logistic sigmoid `1 / (1 + e^−x)` on 16 lanes (relative error < 5e-7), without overflow
    /// for large `|x|`: it is exactly 1 above x ≈ 16.7 and bottoms out at ≈ 3e-39 below x ≈ −88.7.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: FloatVector) -> FloatVector {
        FloatVector(repeating: 1) / (FloatVector(repeating: 1) + exp(-x))
    }

    /// `tanh(x)` on 16 lanes (relative error < 5e-7), the Cephes `tanhf` split: an odd polynomial
    /// `x + x³·P(x²)` for `|x| < 0.625`, else `sign(x)·(1 − e^−2|x|)/(1 + e^−2|x|)`, which never
    /// overflows and is exactly ±1 for `|x| ≥ 10`.
    @inlinable @inline(__always)
    public static func tanh(_ x: FloatVector) -> FloatVector {
        let a = magnitude(x)
        let e = exp(FloatVector(repeating: -2) * a)
        let large = (FloatVector(repeating: 1) - e) / (FloatVector(repeating: 1) + e)
        let z = a * a
        var p = FloatVector(repeating: -5.704_988_727_45e-3)
        p = FloatVector(repeating: 2.063_908_879_54e-2).addingProduct(p, z)
        p = FloatVector(repeating: -5.373_971_555_31e-2).addingProduct(p, z)
        p = FloatVector(repeating: 1.333_144_220_36e-1).addingProduct(p, z)
        p = FloatVector(repeating: -3.333_328_194_22e-1).addingProduct(p, z)
        let small = p * z * a + a
        let value = large.replacing(with: small, where: a .< FloatVector(repeating: 0.625))
        // Put the sign of x back (NaN stays NaN).
        return floats(bits(value) | (bits(x) & SIMD16(repeating: 0x8000_0000)))
    }

    /// `tanh(x)` for one scalar with the same polynomial as the vector version.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        tanh(FloatVector(repeating: x))[0]
    }

    /// The sigmoid of one scalar with the same formula as the vector version.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        sigmoid(FloatVector(repeating: x))[0]
    }
}
