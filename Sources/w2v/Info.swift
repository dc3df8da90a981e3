// `w2v info`: what numeric backend runs, and a quick check that it computes correctly and fast.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPCore

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the BLAS kernel in use and run a small sgemm check.",
        discussion: """
            Prints the OpenBLAS kernel the toolkit selected for this CPU (no OPENBLAS_CORETYPE \
            needed), then multiplies two random matrices with BLAS, compares the product with a \
            naive loop, and times a larger product in GFLOP/s.
            """)

    @Option(help: "Size n of the n×n×n product that is timed.")
    var size: Int = 1024

    @Option(help: "BLAS threads for the timed product (default: OpenBLAS's choice).")
    var threads: Int?

    @Option(help: "Seed of the random matrices.")
    var seed: UInt64 = 1

    func validate() throws {
        guard size > 0 && size <= 8192 else { throw ValidationError("--size must be in 1...8192") }
        if let threads, threads < 1 { throw ValidationError("--threads must be positive") }
    }

    func run() throws {
        guard BLAS.isAvailable else {
            throw RuntimeError(BLAS.loadError ?? "OpenBLAS is unavailable")
        }
        if let threads { BLAS.threads = threads }
        noteBLASKernelOverride()
        print(Toolkit.versionDescription)
        print("OpenBLAS config: \(BLAS.configuration)")
        print(
            "kernel: \(BLAS.coreName) (requested \(BLAS.requestedCoreType.isEmpty ? "none" : BLAS.requestedCoreType), from \(BLAS.coreTypeSource))"
        )
        print("threads: \(BLAS.threads)")

        let check = SgemmCheck.run(seed: seed)
        print(
            String(
                format: "sgemm check 64x48x80 vs naive loop: max |difference| %.2e  %@", check.maxDifference,
                check.passed ? "ok" : "FAILED"))
        let timing = SgemmCheck.time(size: size, seed: seed)
        print(
            String(format: "sgemm %dx%dx%d: %.1f GFLOP/s (best of %d)", size, size, size, timing.gflops, timing.repeats)
        )
        if !check.passed { throw ExitCode.failure }
    }
}
