// NLPNeural: stop training when a monitored value stops improving (Keras `EarlyStopping`).
import NLPCore

/// Stops `fit` once `monitor` has not improved for `patience` epochs, optionally restoring the
/// weights of the best epoch when training ends (Keras 3 `EarlyStopping`).
///
/// ```swift
/// improvement (min): current + minDelta < best        (max): current − minDelta > best
/// each epoch: wait += 1; on improvement best = current, wait = 0 (if also better than baseline)
/// stop when wait ≥ patience (and epoch > 0)
/// ```
///
/// With `restoreBestWeights`, the callback keeps one copy of every parameter value (taken at the
/// first monitored epoch and at each improvement) and copies it back at the end of training, also
/// when training ran through all epochs (Keras 3).
public final class EarlyStopping: Callback {
    /// The log key watched, e.g. `"val_loss"`.
    public let monitor: String
    /// The smallest change that counts as an improvement.
    public let minDelta: Float
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// Whether smaller or larger is better.
    public let mode: MonitorMode
    /// A value the monitored quantity must beat before `wait` resets.
    public let baseline: Float?
    /// Whether to copy the best weights back at the end.
    public let restoreBestWeights: Bool
    /// Epochs before this one are not monitored (warm-up).
    public let startFromEpoch: Int

    /// The best value seen so far.
    public private(set) var best: Float = .infinity
    /// The epoch of `best`.
    public private(set) var bestEpoch = 0
    /// The epoch at which training was stopped, or `nil`.
    public private(set) var stoppedEpoch: Int?
    /// Epochs since the last improvement.
    public private(set) var wait = 0
    private var bestWeights: [Tensor]?
    private var direction: MonitorMode = .min

    /// Creates the callback.
    /// - Precondition: `patience ≥ 0`, `minDelta ≥ 0`.
    public init(
        monitor: String = "val_loss", minDelta: Float = 0, patience: Int = 0, mode: MonitorMode = .auto,
        baseline: Float? = nil, restoreBestWeights: Bool = false, startFromEpoch: Int = 0
    ) {
        precondition(patience >= 0, "EarlyStopping: patience \(patience) must be ≥ 0")
        precondition(minDelta >= 0, "EarlyStopping: minDelta \(minDelta) must be ≥ 0")
        self.monitor = monitor
        self.minDelta = minDelta
        self.patience = patience
        self.mode = mode
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
    }

    public func onTrainBegin(_ model: Sequential) throws {
        direction = mode.resolved(for: monitor)
        best = direction == .min ? .infinity : -.infinity
        bestEpoch = 0
        stoppedEpoch = nil
        wait = 0
        bestWeights = nil
    }

    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        guard let current = logs[monitor] else {
            throw TrainingError.missingMonitor(callback: "EarlyStopping", key: monitor, available: logs.keys.sorted())
        }
        guard epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil { bestWeights = model.weights() }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { snapshot(model) }
            if baseline == nil || isImprovement(current, over: baseline!) {
                wait = 0
                return
            }
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    public func onTrainEnd(_ model: Sequential, logs: [String: Float]) throws {
        if restoreBestWeights, let bestWeights { try model.setWeights(bestWeights) }
    }

    func isImprovement(_ value: Float, over reference: Float) -> Bool {
        direction == .min ? value + minDelta < reference : value - minDelta > reference
    }

    /// Copies the current weights into the kept buffers (allocated once).
    private func snapshot(_ model: Sequential) {
        let parameters = model.parameters
        guard var kept = bestWeights, kept.count == parameters.count else {
            bestWeights = model.weights()
            return
        }
        bestWeights = nil  // release the array's reference so the in-place copies do not duplicate buffers
        for (index, parameter) in parameters.enumerated() {
            parameter.value.withUnsafeBufferPointer { source in
                _ = kept[index].withUnsafeMutableBufferPointer { $0.update(fromContentsOf: source) }
            }
        }
        bestWeights = kept
    }
}
