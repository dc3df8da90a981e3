// NLPNeural: errors raised by Sequential's training, evaluation and callbacks.

/// Why a model cannot train, evaluate or predict on the given data, or why a callback failed.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `fit`/`evaluate`/`trainOnBatch` before `compile`.
    case notCompiled
    /// The model has no layers, or no input shape to build from.
    case notBuilt(reason: String)
    /// `x` and `y` (or sample weights) disagree on the number of samples.
    case sampleCountMismatch(what: String, expected: Int, got: Int)
    /// No samples to train or evaluate on.
    case emptyData(what: String)
    /// An argument is out of range (`epochs`, `batchSize`, `validationSplit`, `k`, …).
    case invalidArgument(name: String, value: String, reason: String)
    /// The samples' shape does not match the model's input shape.
    case incompatibleInput(expected: [Int], got: [Int])
    /// Class weights or stratified folds need class targets: `[N]`, `[N, 1]` or one-hot `[N, C]`.
    case needsClassTargets(shape: [Int])
    /// A callback monitors a key the logs do not have (e.g. `val_loss` without validation data).
    case missingMonitor(callback: String, key: String, available: [String])
    /// A checkpoint path template names a key the logs do not have.
    case unknownPathKey(template: String, key: String)
    /// A file could not be written.
    case fileWriteFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notCompiled: return "the model must be compiled (compile(optimizer:loss:metrics:)) before training"
        case .notBuilt(let reason): return "the model cannot be built: \(reason)"
        case .sampleCountMismatch(let what, let expected, let got):
            return "\(what) has \(got) samples, expected \(expected) (samples are on axis 0)"
        case .emptyData(let what): return "\(what) has no samples"
        case .invalidArgument(let name, let value, let reason): return "\(name) = \(value) is invalid: \(reason)"
        case .incompatibleInput(let expected, let got):
            return "input samples of shape \(got) do not match the model's input shape \(expected) (-1 = any length)"
        case .needsClassTargets(let shape):
            return
                "targets of shape \(shape) are not class labels: expected [N], [N, 1] (class ids or 0/1) or one-hot [N, C]"
        case .missingMonitor(let callback, let key, let available):
            return "\(callback) monitors \"\(key)\", which is not in the logs \(available)"
                + (key.hasPrefix("val_") ? " (pass validationData or validationSplit to fit)" : "")
        case .unknownPathKey(let template, let key):
            return "checkpoint path \"\(template)\" names \"\(key)\", which is neither epoch nor a log key"
        case .fileWriteFailed(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
