// Diagnostics on standard error (results go to standard output) and the CLI's own errors.
import Foundation
import NLPNeural

/// Writes a diagnostic line to standard error.
func printDiagnostic(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A progress bar on standard error: redrawn in place on a terminal, one line per epoch otherwise.
func makeProgressBar(quiet: Bool) -> ProgressBar? {
    guard !quiet else { return nil }
    return ProgressBar(output: .standardError, style: isatty(STDERR_FILENO) == 1 ? .bar : .epochSummary)
}

/// An error whose description is the whole message, for the CLI's own failures.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `value` with `places` decimals.
func formatted(_ value: Double, _ places: Int = 4) -> String { String(format: "%.\(places)f", value) }
