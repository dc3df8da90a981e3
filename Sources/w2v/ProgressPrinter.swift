// Training progress on standard error: redrawn in place on a terminal, a line per epoch otherwise.
import CommandLineSupport
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
                    Format.compact(progress.wordsPerSecond), Format.clock(progress.secondsRemaining),
                    progress.currentLoss))
        }
        while epochsPrinted < progress.epochLosses.count {
            let loss = progress.epochLosses[epochsPrinted]
            epochsPrinted += 1
            var line = String(format: "epoch %d/%d: loss %.4f", epochsPrinted, progress.epochs, loss)
            // Speed and time are known at the snapshot, i.e. for the latest finished epoch only.
            if epochsPrinted == progress.epochLosses.count {
                line +=
                    ", \(Format.compact(progress.wordsPerSecond)) words/s, \(Format.clock(progress.elapsedSeconds)) elapsed"
            }
            writeToStandardError(redraws ? "\r\u{1B}[K" + line + "\n" : line + "\n")
        }
    }
}
