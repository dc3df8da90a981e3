// The sink that keeps measured work alive (timing itself: BenchmarkSupport's `measure`).
import NLPCore

/// Where results go so the optimizer cannot drop the work that produced them.
nonisolated(unsafe) var blackHole: Float = 0

/// Reads one scalar of `t` into `blackHole` (opaque to the optimizer).
@inline(never)
func consume(_ t: Tensor) {
    t.withUnsafeBufferPointer { p in if let first = p.first { blackHole += first } }
}
