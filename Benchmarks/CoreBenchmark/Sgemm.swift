// sgemm throughput: C = A·B on square float32 matrices through Tensor.gemm (OpenBLAS).
import BenchmarkSupport
import NLPCore

/// One sgemm measurement.
struct SgemmResult {
    var n: Int
    var threads: Int
    var timing: Timing
    /// GFLOP/s of the best run (2n³ flops per product).
    var gflops: Double { 2 * Double(n) * Double(n) * Double(n) / timing.best / 1e9 }
    /// GFLOP/s of the median run.
    var medianGflops: Double { 2 * Double(n) * Double(n) * Double(n) / timing.median / 1e9 }
}

/// Times `Tensor.gemm(a, b, into: &c)` (no allocation per call) for each size and thread count.
func benchmarkSgemm(sizes: [Int], threadCounts: [Int], minSeconds: Double) -> [SgemmResult] {
    var results: [SgemmResult] = []
    let saved = BLAS.threads
    defer { BLAS.threads = saved }
    for threads in threadCounts {
        BLAS.threads = threads
        for n in sizes {
            var rng = SplitMix64(seed: 42 &+ UInt64(n))
            let a = Tensor.uniform(shape: [n, n], lower: -1, upper: 1, using: &rng)
            let b = Tensor.uniform(shape: [n, n], lower: -1, upper: 1, using: &rng)
            var c = Tensor(zeros: [n, n])
            // Warm-up: first calls start OpenBLAS's thread pool and fault in its buffers.
            let timing = measure(warmup: 3, minRepeats: 5, minSeconds: minSeconds, maxRepeats: 2000) {
                Tensor.gemm(a, b, into: &c)
            }
            consume(c)
            results.append(SgemmResult(n: n, threads: threads, timing: timing))
        }
    }
    return results
}
