// Timing: best of N runs of a whole-corpus pass.
import NLPCore

/// The timings of one measured pass.
struct Timing {
    /// The fastest run, in seconds.
    var best: Double
    /// The median run, in seconds.
    var median: Double
    /// How many timed runs there were.
    var repeats: Int
}

/// Runs `body` `repeats` times (no warm-up: each run is a full pass that reads its input anew)
/// and keeps the best and the median.
func measure(repeats: Int, _ body: () throws -> Void) rethrows -> Timing {
    var times: [Double] = []
    for _ in 0 ..< max(1, repeats) {
        let start = monotonicSeconds()
        try body()
        times.append(monotonicSeconds() - start)
    }
    times.sort()
    return Timing(best: times[0], median: times[times.count / 2], repeats: times.count)
}
