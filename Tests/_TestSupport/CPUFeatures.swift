// CPU facts that decide which BLAS kernel the tests expect.
import Foundation

/// Whether this CPU has the AVX-512 subsets (F, BW, VL, DQ) OpenBLAS's SkylakeX kernel needs,
/// read from `/proc/cpuinfo`.
public let cpuHasAVX512: Bool = {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
    let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    let set = Set(flags.split(separator: " ").map(String.init))
    return ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(set.contains)
}()
