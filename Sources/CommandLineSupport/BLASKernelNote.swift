// A note on standard error when the user's OPENBLAS_CORETYPE picks a slower kernel than this CPU's.
import NLPCore

/// Prints `note: …` to standard error when `OPENBLAS_CORETYPE` in the environment overrides the
/// kernel the toolkit would choose for this CPU (the setting is respected, but matrix products
/// may run several times slower). Tools call it before work that spends its time in BLAS.
public func noteBLASKernelOverride() {
    if let warning = BLAS.environmentOverrideWarning { printDiagnostic("note: \(warning)") }
}
