// The BLAS backend: OpenBLAS with the CPU's optimized kernel, loaded at run time.
import CNativeBLAS

/// Information about, and control of, the BLAS library behind matrix products.
///
/// OpenBLAS is loaded before `main` with the kernel that fits this CPU (see `CNativeBLAS`), so
/// the optimized sgemm is used without the user setting `OPENBLAS_CORETYPE`.
public enum BLAS {
    /// Whether OpenBLAS was loaded and its CBLAS functions found.
    public static var isAvailable: Bool { nlp_blas_load() != 0 }

    /// Why OpenBLAS could not be loaded, or `nil` when it was.
    public static var loadError: String? { nlp_blas_load_error().map { String(cString: $0) } }

    /// OpenBLAS's name for the kernel in use, e.g. `"SkylakeX"` or `"Haswell"`.
    public static var coreName: String { String(cString: nlp_blas_corename()) }

    /// The core type requested before loading (`""` when OpenBLAS's own detection was kept).
    public static var requestedCoreType: String { String(cString: nlp_blas_requested_coretype()) }

    /// The core type chosen for this CPU from its features (`""` when OpenBLAS's own detection is
    /// kept), whatever `OPENBLAS_CORETYPE` says.
    public static var coreTypeForThisCPU: String { String(cString: nlp_blas_cpu_coretype()) }

    /// A warning when `OPENBLAS_CORETYPE` in the environment overrides the kernel chosen for this
    /// CPU (the variable is respected, but it may select a slower kernel), else `nil`.
    public static var environmentOverrideWarning: String? {
        let best = coreTypeForThisCPU
        guard coreTypeSource == "environment", !best.isEmpty,
            requestedCoreType.lowercased() != best.lowercased()
        else { return nil }
        return
            "OPENBLAS_CORETYPE=\(requestedCoreType) is set in the environment and selects the \(coreName) kernel; this CPU supports \(best), which the toolkit would choose. Unset OPENBLAS_CORETYPE to use it."
    }

    /// Where the core type came from: `"cpu"`, `"environment"` or `"openblas"`.
    public static var coreTypeSource: String { String(cString: nlp_blas_coretype_source()) }

    /// Who chose how long OpenBLAS's worker threads poll for work after a call: `"toolkit"`
    /// (2¹⁶ cycles instead of OpenBLAS's 2²⁸, so they do not take CPU time from the recurrent
    /// layers' own threads) or `"environment"` (`OPENBLAS_THREAD_TIMEOUT` set by the user).
    public static var threadTimeoutSource: String { String(cString: nlp_blas_thread_timeout_source()) }

    /// OpenBLAS's build configuration, e.g. `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY ..."`.
    public static var configuration: String { String(cString: nlp_blas_config()) }

    /// The library file name that was loaded, e.g. `"libopenblas.so.0"`.
    public static var libraryName: String? { nlp_blas_library().map { String(cString: $0) } }

    /// The number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        get { Int(nlp_blas_num_threads()) }
        set {
            precondition(newValue > 0, "BLAS thread count must be positive, got \(newValue)")
            nlp_blas_set_num_threads(Int32(newValue))
        }
    }

    /// Whether the kernel in use is the one requested for this CPU.
    public static var usesRequestedKernel: Bool {
        requestedCoreType.isEmpty || coreName.lowercased() == requestedCoreType.lowercased()
    }

    /// A one-line summary for diagnostics (`w2v info`, `--version`).
    public static var summary: String {
        guard isAvailable else { return "BLAS: unavailable (\(loadError ?? "unknown error"))" }
        let source = coreTypeSource == "cpu" ? "chosen from CPU features" : "from \(coreTypeSource)"
        return "BLAS: OpenBLAS, kernel \(coreName) (\(source)), \(threads) thread(s)"
    }

    /// Stops with a clear message when BLAS is missing; every BLAS-backed op calls it.
    @inlinable
    static func require() {
        if !isAvailable { preconditionFailure(loadError ?? "OpenBLAS is unavailable") }
    }
}

// MARK: - Pointer-level kernels

extension BLAS {
    /// Row-major `C = alpha · op(A) · op(B) + beta · C` where `op(A)` is `m×k` and `op(B)` is `k×n`.
    ///
    /// `lda`, `ldb`, `ldc` are the row lengths of the stored (untransposed) matrices.
    @inlinable
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        require()
        nlp_sgemm(
            transposeA ? Int32(NLP_BLAS_TRANS) : Int32(NLP_BLAS_NO_TRANS),
            transposeB ? Int32(NLP_BLAS_TRANS) : Int32(NLP_BLAS_NO_TRANS),
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Row-major `y = alpha · op(A) · x + beta · y` where `A` is stored `m×n`.
    @inlinable
    public static func sgemv(
        transpose: Bool, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>
    ) {
        require()
        nlp_sgemv(
            transpose ? Int32(NLP_BLAS_TRANS) : Int32(NLP_BLAS_NO_TRANS), Int32(m), Int32(n), alpha, a,
            Int32(lda), x, 1, beta, y, 1)
    }
}
