// NLPNeural: lower the learning rate on a plateau (Keras `ReduceLROnPlateau`).

/// Lowers the learning rate when a monitored value stops improving (Keras `ReduceLROnPlateau`).
///
/// ```swift
/// improvement (min): current < best − minDelta         (max): current > best + minDelta
/// in cooldown: cooldownCounter −= 1, wait = 0
/// on improvement: best = current, wait = 0
/// otherwise (not in cooldown): wait += 1; when wait ≥ patience and lr > minLR:
///     lr = max(lr · factor, minLR); cooldownCounter = cooldown; wait = 0
/// ```
///
/// Adds the learning rate in effect during the epoch as `"learning_rate"` to the epoch logs (Keras 3).
public final class ReduceLROnPlateau: Callback {
    /// The log key watched, e.g. `"val_loss"`.
    public let monitor: String
    /// The multiplier applied to the learning rate, in `(0, 1)`.
    public let factor: Float
    /// Epochs without improvement before a reduction.
    public let patience: Int
    /// Whether smaller or larger is better.
    public let mode: MonitorMode
    /// The smallest change that counts as an improvement.
    public let minDelta: Float
    /// Epochs to wait after a reduction before counting again.
    public let cooldown: Int
    /// The learning rate is never lowered below this.
    public let minLR: Float

    /// The best value seen so far.
    public private(set) var best: Float = .infinity
    /// The epochs (0-based) at which the rate was lowered.
    public private(set) var reductionEpochs: [Int] = []
    private var wait = 0
    private var cooldownCounter = 0
    private var direction: MonitorMode = .min

    /// Creates the callback (Keras defaults).
    /// - Precondition: `0 < factor < 1`, `patience ≥ 0`, `cooldown ≥ 0`, `minLR ≥ 0`.
    public init(
        monitor: String = "val_loss", factor: Float = 0.1, patience: Int = 10, mode: MonitorMode = .auto,
        minDelta: Float = 1e-4, cooldown: Int = 0, minLR: Float = 0
    ) {
        precondition(factor > 0 && factor < 1, "ReduceLROnPlateau: factor \(factor) must lie in (0, 1)")
        precondition(
            patience >= 0 && cooldown >= 0, "ReduceLROnPlateau: patience \(patience), cooldown \(cooldown) must be ≥ 0")
        precondition(minLR >= 0, "ReduceLROnPlateau: minLR \(minLR) must be ≥ 0")
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.mode = mode
        self.minDelta = minDelta
        self.cooldown = cooldown
        self.minLR = minLR
    }

    public func onTrainBegin(_ model: Sequential) throws {
        direction = mode.resolved(for: monitor)
        best = direction == .min ? .infinity : -.infinity
        wait = 0
        cooldownCounter = 0
        reductionEpochs = []
    }

    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        guard let optimizer = model.optimizer else { throw TrainingError.notCompiled }
        logs["learning_rate"] = optimizer.learningRate
        guard let current = logs[monitor] else {
            throw TrainingError.missingMonitor(
                callback: "ReduceLROnPlateau", key: monitor, available: logs.keys.sorted())
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        let improved = direction == .min ? current < best - minDelta : current > best + minDelta
        if improved {
            best = current
            wait = 0
        } else if cooldownCounter == 0 {
            wait += 1
            if wait >= patience {
                let old = optimizer.learningRate
                if old > minLR {
                    optimizer.learningRate = max(old * factor, minLR)
                    reductionEpochs.append(epoch)
                    cooldownCounter = cooldown
                    wait = 0
                }
            }
        }
    }
}
