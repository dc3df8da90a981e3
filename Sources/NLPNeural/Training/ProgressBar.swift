// NLPNeural: progress reporting for fit, and a Keras-style text progress bar.
import Foundation
import NLPCore

/// Receives `fit`'s progress. The library never prints: pass a reporter (e.g. `ProgressBar`) to
/// `fit(progress:)`. Every method defaults to doing nothing.
public protocol TrainingProgressReporter: AnyObject {
    /// Before the first epoch; `metricNames` are the compiled metrics in order.
    func trainingWillBegin(epochs: Int, stepsPerEpoch: Int, metricNames: [String])
    /// Before epoch `epoch` (0-based) of `epochs`.
    func epochWillBegin(_ epoch: Int, of epochs: Int, steps: Int)
    /// After `step` (1-based) of `steps` batches, with running-mean logs.
    func batchDidEnd(step: Int, of steps: Int, logs: [String: Float])
    /// After an epoch and its validation, with the epoch's logs (`val_` keys included).
    func epochDidEnd(_ epoch: Int, logs: [String: Float])
}

extension TrainingProgressReporter {
    public func trainingWillBegin(epochs: Int, stepsPerEpoch: Int, metricNames: [String]) {}
    public func epochWillBegin(_ epoch: Int, of epochs: Int, steps: Int) {}
    public func batchDidEnd(step: Int, of steps: Int, logs: [String: Float]) {}
    public func epochDidEnd(_ epoch: Int, logs: [String: Float]) {}
}

/// Keras's text progress bar (`verbose=1`), written to a `FileHandle` such as standard error:
///
/// ```
/// Epoch 3/10
///  37/157 [=======>......................] - ETA: 4s - loss: 0.4123 - accuracy: 0.8125
/// 157/157 [==============================] - 5s 30ms/step - loss: 0.4001 - accuracy: 0.8200 - val_loss: 0.4310 - val_accuracy: 0.8050
/// ```
///
/// In `.bar` style the running line is redrawn in place with `\r` (at most every `updateInterval`
/// seconds) and ends with the epoch summary; `.epochSummary` writes only the epoch and summary lines
/// (for logs written to files). Values print as `%.4f`, or `%.4e` when `|v| ≤ 1e-3` (Keras).
public final class ProgressBar: TrainingProgressReporter {
    /// How the bar is drawn.
    public enum Style: Sendable {
        /// A line redrawn in place after each batch (terminals).
        case bar
        /// Only "Epoch i/n" and the summary line (files, CI logs).
        case epochSummary
    }

    private let output: FileHandle
    private let width: Int
    private let style: Style
    private let updateInterval: Double
    private let clock: () -> Double
    private var metricNames: [String] = []
    private var epochStart: Double = 0
    private var lastUpdate: Double = -Double.infinity
    private var steps = 0
    private var stepsDone = 0
    private var previousWidth = 0

    /// Creates a bar that writes to `output`.
    /// - Parameters:
    ///   - width: the number of characters between the brackets (Keras 30).
    ///   - updateInterval: the least time between redraws, in seconds (Keras 0.05).
    ///   - clock: the time source in seconds (tests pass a fake one).
    public init(
        output: FileHandle = .standardError, width: Int = 30, style: Style = .bar, updateInterval: Double = 0.05,
        clock: @escaping () -> Double = monotonicSeconds
    ) {
        precondition(width > 0, "ProgressBar: width \(width) must be positive")
        self.output = output
        self.width = width
        self.style = style
        self.updateInterval = updateInterval
        self.clock = clock
    }

    public func trainingWillBegin(epochs: Int, stepsPerEpoch: Int, metricNames: [String]) {
        self.metricNames = metricNames
    }

    public func epochWillBegin(_ epoch: Int, of epochs: Int, steps: Int) {
        self.steps = steps
        stepsDone = 0
        previousWidth = 0
        epochStart = clock()
        lastUpdate = -Double.infinity
        write("Epoch \(epoch + 1)/\(epochs)\n")
    }

    public func batchDidEnd(step: Int, of steps: Int, logs: [String: Float]) {
        stepsDone = step
        guard style == .bar, step < steps else { return }
        let now = clock()
        guard now - lastUpdate >= updateInterval else { return }
        lastUpdate = now
        let elapsed = now - epochStart
        let eta = elapsed / Double(step) * Double(steps - step)
        var line = counter(step) + " " + bar(step) + " - ETA: " + ProgressBar.formatETA(eta) + values(logs)
        let lineWidth = line.count
        if previousWidth > lineWidth { line += String(repeating: " ", count: previousWidth - lineWidth) }
        previousWidth = lineWidth
        write("\r" + line)
    }

    public func epochDidEnd(_ epoch: Int, logs: [String: Float]) {
        let elapsed = clock() - epochStart
        let done = max(stepsDone, 1)
        var line = counter(stepsDone) + " " + bar(stepsDone) + " - " + String(format: "%.0fs", elapsed)
        line += ProgressBar.formatStepTime(elapsed / Double(done)) + values(logs)
        if previousWidth > line.count { line += String(repeating: " ", count: previousWidth - line.count) }
        write((style == .bar && previousWidth > 0 ? "\r" : "") + line + "\n")
        previousWidth = 0
    }

    // MARK: - Formatting (Keras 2 Progbar)

    private func counter(_ current: Int) -> String {
        let digits = String(max(steps, 1)).count
        let number = String(current)
        return String(repeating: " ", count: max(digits - number.count, 0)) + number + "/\(steps)"
    }

    /// `[=====>....]`: `width · current / steps` cells, the last one `>` while unfinished.
    private func bar(_ current: Int) -> String {
        let filled = steps > 0 ? width * current / steps : width
        var bar = "["
        if filled > 0 {
            bar += String(repeating: "=", count: filled - 1)
            bar += current < steps ? ">" : "="
        }
        bar += String(repeating: ".", count: width - filled) + "]"
        return bar
    }

    private func values(_ logs: [String: Float]) -> String {
        LogKeyOrder.ordered(logs.keys, metricNames: metricNames).map { key in
            " - \(key): " + ProgressBar.formatValue(logs[key]!)
        }.joined()
    }

    /// `%.4f`, or `%.4e` for magnitudes ≤ 1e-3 (Keras).
    static func formatValue(_ value: Float) -> String {
        abs(value) > 1e-3 || !value.isFinite
            ? String(format: "%.4f", Double(value)) : String(format: "%.4e", Double(value))
    }

    /// `4s`, `2:05`, `1:02:05` (Keras's ETA format).
    static func formatETA(_ seconds: Double) -> String {
        let total = Int(seconds)
        if seconds > 3600 { return String(format: "%ld:%02ld:%02ld", total / 3600, (total % 3600) / 60, total % 60) }
        if seconds > 60 { return String(format: "%ld:%02ld", total / 60, total % 60) }
        return "\(total)s"
    }

    /// ` 30ms/step`, ` 2s/step` or ` 250us/step` (Keras).
    static func formatStepTime(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return String(format: " %.0fs/step", seconds) }
        if seconds >= 1e-3 { return String(format: " %.0fms/step", seconds * 1e3) }
        return String(format: " %.0fus/step", seconds * 1e6)
    }

    private func write(_ text: String) {
        output.write(Data(text.utf8))
    }
}
