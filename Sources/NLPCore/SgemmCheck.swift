// A self-check of the BLAS backend: correctness against the naive loop and a timing.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A quick correctness and speed check of `Tensor.matmul`, used by `w2v info` and the tests.
public enum SgemmCheck {
    /// The outcome of comparing BLAS with the naive loop.
    public struct Result: Sendable {
        /// The largest absolute difference between BLAS and the reference loop.
        public var maxDifference: Float
        /// Whether `maxDifference` is within the tolerance for the product's size.
        public var passed: Bool
    }

    /// Multiplies seeded random 64×80 and 80×48 matrices (and transposed variants) with BLAS and
    /// with `ReferenceKernels.matmul`, and reports the largest difference.
    public static func run(seed: UInt64) -> Result {
        var rng = SplitMix64(seed: seed)
        let a = Tensor.uniform(shape: [64, 80], lower: -1, upper: 1, using: &rng)
        let b = Tensor.uniform(shape: [80, 48], lower: -1, upper: 1, using: &rng)
        var worst: Float = 0
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let left = ta ? a.transposed() : a
            let right = tb ? b.transposed() : b
            let fast = Tensor.matmul(left, right, transposeA: ta, transposeB: tb)
            let slow = ReferenceKernels.matmul(left, right, transposeA: ta, transposeB: tb)
            for i in 0 ..< fast.count { worst = max(worst, abs(fast.scalars[i] - slow.scalars[i])) }
        }
        return Result(maxDifference: worst, passed: worst < 1e-4)
    }

    /// Times an `size`×`size` product (best of several runs) and returns GFLOP/s.
    public static func time(size: Int, seed: UInt64, minimumSeconds: Double = 0.3) -> (gflops: Double, repeats: Int) {
        var rng = SplitMix64(seed: seed)
        let a = Tensor.uniform(shape: [size, size], lower: -1, upper: 1, using: &rng)
        let b = Tensor.uniform(shape: [size, size], lower: -1, upper: 1, using: &rng)
        var c = Tensor(zeros: [size, size])
        Tensor.gemm(a, b, into: &c)  // warm-up: thread pool and caches
        var best = Double.infinity
        var repeats = 0
        var total = 0.0
        while repeats < 3 || (total < minimumSeconds && repeats < 100) {
            let start = monotonicSeconds()
            Tensor.gemm(a, b, into: &c)
            let elapsed = monotonicSeconds() - start
            best = min(best, elapsed)
            total += elapsed
            repeats += 1
        }
        return (2 * Double(size) * Double(size) * Double(size) / best / 1e9, repeats)
    }
}

/// Seconds on the monotonic clock, for timing.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
