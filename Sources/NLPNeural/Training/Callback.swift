// NLPNeural: hooks into fit (Keras callbacks), plus TerminateOnNaN and LambdaCallback.

/// Code run at points of `Sequential.fit` (Keras `Callback`). Every method defaults to doing nothing.
///
/// Epochs and batches are 0-based. `logs` hold `"loss"`, the metric names, and at epoch end the
/// `val_` keys; batch-end logs are the running means over the epoch so far. A callback stops
/// training by setting `model.stopTraining` (checked after each batch and each epoch) and changes
/// the learning rate through `model.optimizer?.learningRate`. Errors thrown end `fit` with that error.
public protocol Callback: AnyObject {
    /// Before the first epoch.
    func onTrainBegin(_ model: Sequential) throws
    /// After the last epoch, with the last epoch's logs.
    func onTrainEnd(_ model: Sequential, logs: [String: Float]) throws
    /// Before an epoch's first batch.
    func onEpochBegin(_ model: Sequential, epoch: Int) throws
    /// After an epoch and its validation; callbacks may add keys (e.g. `learning_rate`), which later
    /// callbacks and the `History` see.
    func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws
    /// Before a batch.
    func onBatchBegin(_ model: Sequential, batch: Int) throws
    /// After a batch.
    func onBatchEnd(_ model: Sequential, batch: Int, logs: [String: Float]) throws
}

extension Callback {
    public func onTrainBegin(_ model: Sequential) throws {}
    public func onTrainEnd(_ model: Sequential, logs: [String: Float]) throws {}
    public func onEpochBegin(_ model: Sequential, epoch: Int) throws {}
    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {}
    public func onBatchBegin(_ model: Sequential, batch: Int) throws {}
    public func onBatchEnd(_ model: Sequential, batch: Int, logs: [String: Float]) throws {}
}

/// Stops training as soon as a batch's running loss is NaN or infinite (Keras `TerminateOnNaN`).
public final class TerminateOnNaN: Callback {
    /// The batch at which training was stopped, or `nil`.
    public private(set) var stoppedBatch: (epoch: Int, batch: Int)?
    private var epoch = 0

    /// Creates the callback.
    public init() {}

    public func onEpochBegin(_ model: Sequential, epoch: Int) throws { self.epoch = epoch }

    public func onBatchEnd(_ model: Sequential, batch: Int, logs: [String: Float]) throws {
        if let loss = logs["loss"], !loss.isFinite {
            stoppedBatch = (epoch, batch)
            model.stopTraining = true
        }
    }
}

/// A callback made of closures (Keras `LambdaCallback`); unset closures do nothing.
public final class LambdaCallback: Callback {
    /// Run by `onTrainBegin`.
    public var trainBegin: ((Sequential) throws -> Void)?
    /// Run by `onTrainEnd` with the last logs.
    public var trainEnd: ((Sequential, [String: Float]) throws -> Void)?
    /// Run by `onEpochBegin` with the epoch.
    public var epochBegin: ((Sequential, Int) throws -> Void)?
    /// Run by `onEpochEnd` with the epoch and its logs.
    public var epochEnd: ((Sequential, Int, [String: Float]) throws -> Void)?
    /// Run by `onBatchBegin` with the batch.
    public var batchBegin: ((Sequential, Int) throws -> Void)?
    /// Run by `onBatchEnd` with the batch and the running logs.
    public var batchEnd: ((Sequential, Int, [String: Float]) throws -> Void)?

    /// Creates the callback from optional closures `(model, epoch or batch, logs)`.
    public init(
        onTrainBegin: ((Sequential) throws -> Void)? = nil,
        onTrainEnd: ((Sequential, [String: Float]) throws -> Void)? = nil,
        onEpochBegin: ((Sequential, Int) throws -> Void)? = nil,
        onEpochEnd: ((Sequential, Int, [String: Float]) throws -> Void)? = nil,
        onBatchBegin: ((Sequential, Int) throws -> Void)? = nil,
        onBatchEnd: ((Sequential, Int, [String: Float]) throws -> Void)? = nil
    ) {
        trainBegin = onTrainBegin
        trainEnd = onTrainEnd
        epochBegin = onEpochBegin
        epochEnd = onEpochEnd
        batchBegin = onBatchBegin
        batchEnd = onBatchEnd
    }

    public func onTrainBegin(_ model: Sequential) throws { try trainBegin?(model) }
    public func onTrainEnd(_ model: Sequential, logs: [String: Float]) throws { try trainEnd?(model, logs) }
    public func onEpochBegin(_ model: Sequential, epoch: Int) throws { try epochBegin?(model, epoch) }
    public func onEpochEnd(_ model: Sequential, epoch: Int, logs: inout [String: Float]) throws {
        try epochEnd?(model, epoch, logs)
    }
    public func onBatchBegin(_ model: Sequential, batch: Int) throws { try batchBegin?(model, batch) }
    public func onBatchEnd(_ model: Sequential, batch: Int, logs: [String: Float]) throws {
        try batchEnd?(model, batch, logs)
    }
}

/// Whether a smaller or a larger monitored value is better.
public enum MonitorMode: String, Sendable, Codable {
    /// Smaller is better (losses).
    case min
    /// Larger is better (accuracy, AUC, precision, recall, F1).
    case max
    /// `max` when the key names accuracy, AUC, precision, recall or F1; otherwise `min` (Keras's guess).
    case auto

    /// The concrete direction for `key`.
    func resolved(for key: String) -> MonitorMode {
        guard self == .auto else { return self }
        let name = key.lowercased()
        let larger = ["acc", "auc", "precision", "recall", "f1"]
        return larger.contains { name.contains($0) } ? .max : .min
    }
}
