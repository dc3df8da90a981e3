// The seeded random generator used everywhere in the toolkit.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fast, seedable 64-bit generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// The same seed gives the same sequence on every machine and run, which is what makes training
/// deterministic when asked. Every component that draws random numbers takes an
/// `inout SplitMix64` (or a seed) rather than using the system generator.
///
/// [1]: Steele, Lea, Flood, 2014, "Fast splittable pseudorandom number generators".
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator's whole state.
    @usableFromInline var state: UInt64

    /// Creates a generator from a seed.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The position in the sequence: `SplitMix64(seed: g.currentState)` continues exactly where
    /// `g` is (used to save a generator in a checkpoint).
    @inlinable
    public var currentState: UInt64 { state }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for stream `index` (for example one per thread), derived from the
    /// seed so that results do not depend on how work is scheduled.
    @inlinable
    public func split(stream index: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: state ^ (index &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "upper bound \(bound) must be positive")
        return Int(truncatingIfNeeded: next(upperBound: UInt64(bound)))
    }

    /// A standard normal sample (Box–Muller in Double precision).
    @inlinable
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnitDouble()
        while u1 <= Double.leastNormalMagnitude { u1 = nextUnitDouble() }
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
