// BenchmarkSupport: the process's peak memory and CPU time, as benchmarks report them.
#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// What the process has used so far, from `getrusage(RUSAGE_SELF)`.
public struct ProcessResources: Sendable {
    /// The peak resident set size in MiB (`ru_maxrss` is in KiB on Linux).
    public var peakMegabytes: Double
    /// User plus system CPU seconds, all threads.
    public var cpuSeconds: Double

    /// The usage up to now.
    public static func current() -> ProcessResources {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return ProcessResources(
            peakMegabytes: Double(usage.ru_maxrss) / 1024, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime)
        )
    }
}
