// Progress bars on standard error and number formatting.
import CommandLineSupport
import Foundation
import NLPNeural

/// A progress bar on standard error: redrawn in place on a terminal, one line per epoch otherwise.
func makeProgressBar(quiet: Bool) -> ProgressBar? {
    guard !quiet else { return nil }
    return ProgressBar(output: .standardError, style: standardErrorIsTerminal ? .bar : .epochSummary)
}

/// `value` with `places` decimals.
func formatted(_ value: Double, _ places: Int = 4) -> String { String(format: "%.\(places)f", value) }
