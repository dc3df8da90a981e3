// Training progress on standard error: redrawn in place on a terminal, a line per epoch otherwise.
import Foundation
import Word2Vec

/// Prints ``TrainingProgress`` snapshots: percent, words/s, ETA, alpha and the epoch's loss.
final class ProgressPrinter {
    private let redraws = standardErrorIsTerminal
    private var epochsPrinted = 0

    /// Prints one snapshot.
    func report(_ progress: TrainingProgress) {
        if redraws {
            writeToStandardError(
                String(
                    format: "\rEpoch %d/%d  %5.1f%%  alpha %.6f  %@ words/s  ETA %@  loss %.4f   ",
                    progress.epoch, progress.epochs, 100 * progress.fraction, progress.alpha,
                    Self.compact(progress.wordsPerSecond), Self.clock(progress.secondsRemaining),
                    progress.currentLoss))
        }
        while epochsPrinted < progress.epochLosses.count {
            let loss = progress.epochLosses[epochsPrinted]
            epochsPrinted += 1
            var line = String(format: "epoch %d/%d: loss %.4f", epochsPrinted, progress.epochs, loss)
            // Speed and time are known at the snapshot, i.e. for the latest finished epoch only.
            if epochsPrinted == progress.epochLosses.count {
                line +=
                    ", \(Self.compact(progress.wordsPerSecond)) words/s, \(Self.clock(progress.elapsedSeconds)) elapsed"
            }
            writeToStandardError(redraws ? "\r\u{1B}[K" + line + "\n" : line + "\n")
        }
    }

    /// `1234567` → `1.23M`.
    static func compact(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2fM", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
        return String(format: "%.0f", value)
    }

    /// Seconds as `m:ss` (or `h:mm:ss`).
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
