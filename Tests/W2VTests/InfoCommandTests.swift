import Foundation
import Testing
import _TestSupport

/// Runs the built `w2v` binary: the CLI as a user sees it.
@Suite("w2v info and --version")
struct InfoCommandTests {
    @Test("without OPENBLAS_CORETYPE the optimized kernel is chosen and the check passes")
    func infoWithoutEnvironment() throws {
        let result = try runProduct("w2v", ["info", "--size", "128"], environment: ["OPENBLAS_CORETYPE": nil])
        #expect(result.status == 0 && !result.terminatedBySignal, "\(result.standardError)")
        let kernelLine = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("kernel:") } ?? ""
        #expect(!kernelLine.lowercased().contains("prescott"), "\(result.standardOutput)")
        if cpuHasAVX512 {
            #expect(kernelLine == "kernel: SkylakeX (requested SkylakeX, from cpu)", "\(result.standardOutput)")
        }
        #expect(result.standardOutput.contains("vs naive loop"))
        #expect(result.standardOutput.contains("  ok"))
        #expect(result.standardOutput.contains("GFLOP/s"))
        #expect(!result.standardError.contains("note:"))
    }

    @Test("an OpenBLAS loaded earlier with its own kernel choice is switched to the CPU's kernel")
    func preloadedLibrary() throws {
        // LD_PRELOAD runs OpenBLAS's constructor (its own detection) before the toolkit's code.
        let result = try runProduct(
            "w2v", ["info", "--size", "64"], environment: ["OPENBLAS_CORETYPE": nil, "LD_PRELOAD": "libopenblas.so.0"])
        #expect(result.status == 0, "\(result.standardError)")
        if cpuHasAVX512 {
            #expect(
                result.standardOutput.contains("kernel: SkylakeX (requested SkylakeX, from cpu)"),
                "\(result.standardOutput)")
        }
        #expect(result.standardOutput.contains("  ok"))
    }

    @Test("a core type set by the user is respected")
    func userCoreType() throws {
        let result = try runProduct("w2v", ["info", "--size", "64"], environment: ["OPENBLAS_CORETYPE": "Haswell"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("kernel: Haswell (requested Haswell, from environment)"))
        if cpuHasAVX512 {
            #expect(result.standardError.contains("note: OPENBLAS_CORETYPE=Haswell is set in the environment"))
            #expect(result.standardError.contains("this CPU supports SkylakeX"))
        }
    }

    @Test("a missing OpenBLAS gives a clear error and a non-zero exit, not a crash")
    func missingLibrary() throws {
        let result = try runProduct(
            "w2v", ["info", "--size", "64"], environment: ["NLP_OPENBLAS_LIBRARY": "/nonexistent/libopenblas.so.0"])
        #expect(result.status != 0 && !result.terminatedBySignal)
        #expect(result.standardError.contains("Error: OpenBLAS could not be loaded (/nonexistent/libopenblas.so.0"))
        #expect(result.standardError.contains("apt-get install libopenblas0"))
        let version = try runProduct("w2v", ["--version"], environment: ["NLP_OPENBLAS_LIBRARY": "/nonexistent/x.so"])
        #expect(version.standardOutput.contains("BLAS: unavailable"))
    }

    @Test("--version names the toolkit and the BLAS kernel")
    func version() throws {
        let result = try runProduct("w2v", ["--version"], environment: ["OPENBLAS_CORETYPE": nil])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("NLPToolkit "))
        #expect(result.standardOutput.contains("BLAS: OpenBLAS, kernel "))
    }

    @Test(
        "bad options give a clear message on stderr and a non-zero exit",
        arguments: [
            ["info", "--size", "0"], ["info", "--threads", "-1"], ["info", "--size", "abc"], ["no-such-command"],
        ])
    func badOptions(arguments: [String]) throws {
        let result = try runProduct("w2v", arguments)
        #expect(result.status != 0 && !result.terminatedBySignal)
        #expect(result.standardError.contains("Error:"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test("--help lists the subcommands")
    func help() throws {
        let result = try runProduct("w2v", ["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: w2v <subcommand>"))
        #expect(result.standardOutput.contains("info"))
    }
}
