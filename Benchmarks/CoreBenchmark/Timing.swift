// Timing helpers: warm-up, repeat until a minimum time, keep the best and the median.
import NLPCore

/// The timings of one measured operation.
struct Timing {
    /// The fastest run, in seconds.
    var best: Double
    /// The median run, in seconds.
    var median: Double
    /// How many timed runs there were (warm-up excluded).
    var repeats: Int
}

/// Runs `body` `warmup` times untimed, then at least `minRepeats` times and until `minSeconds`
/// of timed work have passed (at most `maxRepeats` runs).
func measure(
    warmup: Int = 2, minRepeats: Int = 5, minSeconds: Double = 0.4, maxRepeats: Int = 2000,
    _ body: () -> Void
) -> Timing {
    for _ in 0 ..< warmup { body() }
    var times: [Double] = []
    var total = 0.0
    while times.count < minRepeats || (total < minSeconds && times.count < maxRepeats) {
        let start = monotonicSeconds()
        body()
        let elapsed = monotonicSeconds() - start
        times.append(elapsed)
        total += elapsed
    }
    times.sort()
    return Timing(best: times[0], median: times[times.count / 2], repeats: times.count)
}

/// Where results go so the optimizer cannot drop the work that produced them.
nonisolated(unsafe) var blackHole: Float = 0

/// Reads one scalar of `t` into `blackHole` (opaque to the optimizer).
@inline(never)
func consume(_ t: Tensor) {
    t.withUnsafeBufferPointer { p in if let first = p.first { blackHole += first } }
}
