// CoreBenchmark: sgemm and elementwise throughput of NLPCore.
//
// Run through `bash Benchmarks/core.sh` to compare with numpy in the same run, or directly:
//
//     swift build -c release --product CoreBenchmark && .build/release/CoreBenchmark
//
// Options:
//   --sgemm-sizes 256,1024,2048    square sgemm sizes (`none` skips sgemm)
//   --threads 1,2                  BLAS thread counts for sgemm
//   --elementwise-sizes 1048576,16777216   array lengths (`none` skips elementwise)
//   --min-seconds 0.4              timed work per measurement (after warm-up)
//   --json PATH                    also write the results as JSON (`-`: JSON to stdout, no table)
import BenchmarkSupport
import Foundation
import NLPCore

struct Options {
    var sgemmSizes = [256, 1024, 2048]
    var threads = [1, 2]
    var elementwiseSizes = [1 << 20, 1 << 24]
    var minSeconds = 0.4
    var jsonPath: String? = nil
}

let tool = BenchmarkTool(name: "CoreBenchmark")

func parseList(_ text: String, _ flag: String) -> [Int] {
    if text == "none" { return [] }
    return text.split(separator: ",").map { part in
        guard let value = Int(part), value > 0 else { tool.fail("\(flag): '\(part)' is not a positive integer") }
        return value
    }
}

func parseOptions() -> Options {
    var options = Options()
    var args = BenchmarkArguments(tool)
    while let flag = args.nextFlag() {
        switch flag {
        case "--sgemm-sizes": options.sgemmSizes = parseList(args.value(flag), flag)
        case "--threads": options.threads = parseList(args.value(flag), flag)
        case "--elementwise-sizes": options.elementwiseSizes = parseList(args.value(flag), flag)
        case "--min-seconds":
            guard let s = Double(args.value(flag)), s >= 0 else { tool.fail("--min-seconds needs a number") }
            options.minSeconds = s
        case "--json": options.jsonPath = args.value(flag)
        case "-h", "--help":
            print(
                """
                usage: CoreBenchmark [--sgemm-sizes 256,1024,2048|none] [--threads 1,2]
                                     [--elementwise-sizes 1048576,16777216|none] [--min-seconds 0.4]
                                     [--json PATH|-]
                """)
            exit(0)
        default: tool.fail("unknown option \(flag) (see --help)")
        }
    }
    return options
}

func cpuModel() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
        if let colon = line.firstIndex(of: ":") {
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
    return "unknown"
}

// MARK: - Run

let options = parseOptions()
let toStdout = options.jsonPath == "-"

// The kernel check comes first: numbers measured with the wrong kernel are meaningless.
guard BLAS.isAvailable else { tool.fail(BLAS.loadError ?? "OpenBLAS is unavailable") }
let blasInfo: [String: Any] = [
    "core": BLAS.coreName, "requested": BLAS.requestedCoreType, "source": BLAS.coreTypeSource,
    "config": BLAS.configuration, "library": BLAS.libraryName ?? "", "uses_requested_kernel": BLAS.usesRequestedKernel,
    "default_threads": BLAS.threads,
]
if !toStdout {
    print("NLPCore benchmark — \(cpuModel()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print(
        "BLAS kernel: \(BLAS.coreName) (requested \(BLAS.requestedCoreType.isEmpty ? "-" : BLAS.requestedCoreType), "
            + "from \(BLAS.coreTypeSource)); \(BLAS.libraryName ?? "?"): \(BLAS.configuration)")
}
guard BLAS.usesRequestedKernel else {
    tool.fail(
        "OpenBLAS runs kernel '\(BLAS.coreName)' but '\(BLAS.requestedCoreType)' was requested "
            + "(source: \(BLAS.coreTypeSource)); refusing to benchmark the wrong kernel")
}

let sgemm = benchmarkSgemm(sizes: options.sgemmSizes, threadCounts: options.threads, minSeconds: options.minSeconds)
let elementwise = benchmarkElementwise(counts: options.elementwiseSizes, minSeconds: options.minSeconds)

// MARK: - Table

if !toStdout {
    if !sgemm.isEmpty {
        print("\nsgemm  C = A·B, square float32, Tensor.gemm(into:), best of N after 3 warm-up calls")
        print("     n  threads    GFLOP/s  median GFLOP/s    best ms     N")
        for r in sgemm {
            print(
                pad("\(r.n)", 6) + pad("\(r.threads)", 9) + pad(fmt(r.gflops, 1), 11) + pad(fmt(r.medianGflops, 1), 16)
                    + pad(fmt(r.timing.best * 1e3, 3), 11) + pad("\(r.timing.repeats)", 6))
        }
    }
    if !elementwise.isEmpty {
        print(
            "\nelementwise  float32, 1 thread, a new tensor per call except *_inplace, best of N (GB/s counts inputs + output)"
        )
        print("op               elements      GB/s   Gelem/s    best ms     N")
        for r in elementwise {
            print(
                padRight(r.op, 12) + pad("\(r.count)", 13) + pad(fmt(r.gigabytesPerSecond, 1), 10)
                    + pad(fmt(r.gigaElementsPerSecond, 3), 10) + pad(fmt(r.timing.best * 1e3, 3), 11)
                    + pad("\(r.timing.repeats)", 6))
        }
    }
}

// MARK: - JSON

if let path = options.jsonPath {
    let json: [String: Any] = [
        "implementation": "NLPCore \(Toolkit.version)",
        "cpu": cpuModel(),
        "blas": blasInfo,
        "sgemm": sgemm.map {
            [
                "n": $0.n, "threads": $0.threads, "best_s": $0.timing.best, "median_s": $0.timing.median,
                "repeats": $0.timing.repeats, "gflops": $0.gflops, "median_gflops": $0.medianGflops,
            ] as [String: Any]
        },
        "elementwise": elementwise.map {
            [
                "op": $0.op, "expression": $0.numpyExpression, "api": $0.api, "count": $0.count,
                "bytes_per_element": $0.bytesPerElement,
                "best_s": $0.timing.best, "median_s": $0.timing.median, "repeats": $0.timing.repeats,
                "gbps": $0.gigabytesPerSecond, "gelems": $0.gigaElementsPerSecond,
            ] as [String: Any]
        },
    ]
    try tool.writeJSON(json, to: path)
}
