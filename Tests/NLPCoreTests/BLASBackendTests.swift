import Foundation
import NLPCore
import Testing
import _TestSupport

@Suite("The BLAS backend")
struct BLASBackendTests {
    @Test("OpenBLAS is loaded and uses the kernel requested for this CPU")
    func optimizedKernelActive() {
        #expect(BLAS.isAvailable, "\(BLAS.loadError ?? "")")
        #expect(BLAS.usesRequestedKernel, "requested \(BLAS.requestedCoreType), got \(BLAS.coreName)")
        #expect(BLAS.coreName.lowercased() != "prescott", "the slow generic kernel is active")
        if cpuHasAVX512 && ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil {
            #expect(BLAS.coreName.lowercased() == "skylakex")
            #expect(BLAS.coreTypeSource == "cpu")
        }
    }

    @Test("OpenBLAS's worker threads poll for 2^16 cycles unless the user set the time")
    func threadTimeout() {
        #expect(BLAS.isAvailable)
        let value = getenv("OPENBLAS_THREAD_TIMEOUT").map { String(cString: $0) }
        switch BLAS.threadTimeoutSource {
        case "toolkit": #expect(value == "16")
        case "environment":
            #expect(value != nil || getenv("GOTO_THREAD_TIMEOUT") != nil, "no timeout variable was set")
        case let other: Issue.record("unexpected source \(other)")
        }
    }

    @Test("thread count can be set and read back")
    func threads() {
        let original = BLAS.threads
        BLAS.threads = 1
        #expect(BLAS.threads == 1)
        BLAS.threads = original
        #expect(BLAS.threads == original)
    }

    @Test("the self-check agrees with the naive loop")
    func selfCheck() {
        let result = SgemmCheck.run(seed: 3)
        #expect(result.passed, "max difference \(result.maxDifference)")
    }

    @Test("version and summary name the kernel")
    func summary() {
        #expect(BLAS.summary.contains("kernel \(BLAS.coreName)"))
        #expect(Toolkit.versionDescription.contains(BLAS.coreName))
    }
}
