// BenchmarkSupport: repeating a piece of work and keeping the best and the median wall time.
import NLPCore

/// The timings of one measured operation.
public struct Timing: Sendable {
    /// The fastest run, in seconds.
    public var best: Double
    /// The median run, in seconds.
    public var median: Double
    /// How many timed runs there were (warm-up excluded).
    public var repeats: Int

    /// Timings from their values.
    public init(best: Double, median: Double, repeats: Int) {
        self.best = best
        self.median = median
        self.repeats = repeats
    }
}

/// Runs `body` `warmup` times untimed, then at least `minRepeats` times (at least once) and until
/// `minSeconds` of timed work have passed, at most `maxRepeats` times unless `minRepeats` asks for
/// more.
///
/// Inlined into the benchmark, so the timed call is the same as a hand-written loop's.
@inlinable
public func measure(
    warmup: Int = 0, minRepeats: Int, minSeconds: Double = 0, maxRepeats: Int = .max, _ body: () throws -> Void
) rethrows -> Timing {
    for _ in 0 ..< warmup { try body() }
    var times: [Double] = []
    var total = 0.0
    while times.count < max(1, minRepeats) || (total < minSeconds && times.count < maxRepeats) {
        let start = monotonicSeconds()
        try body()
        let elapsed = monotonicSeconds() - start
        times.append(elapsed)
        total += elapsed
    }
    times.sort()
    return Timing(best: times[0], median: times[times.count / 2], repeats: times.count)
}

/// Runs `body` `repeats` times (at least once) without a warm-up — for passes that read their input
/// anew each time — and keeps the best and the median.
@inlinable
public func measure(repeats: Int, _ body: () throws -> Void) rethrows -> Timing {
    try measure(minRepeats: repeats, body)
}

/// The best wall time of `repeats` runs of `body`, in seconds (`.infinity` when `repeats` is 0).
@inlinable
public func bestTime(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0 ..< repeats {
        let start = monotonicSeconds()
        try body()
        best = min(best, monotonicSeconds() - start)
    }
    return best
}
