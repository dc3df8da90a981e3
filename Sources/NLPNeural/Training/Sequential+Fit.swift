// NLPNeural: the training loop (Keras `fit`).
import NLPCore

extension Sequential {
    /// Trains the model for `epochs` passes over `x`/`y` (Keras `fit`).
    ///
    /// Per epoch: shuffle the training samples with a generator seeded from `seed` (if `shuffle`),
    /// then for each batch of `batchSize` rows (gathered from `x`/`y`): one `trainOnBatch`-style step
    /// (zero gradients, forward, loss, backward, regularizer gradients, optimizer update); then
    /// evaluate the validation data, call the callbacks, record the `History`.
    ///
    /// - Parameters:
    ///   - x: inputs `[N, …]`; `y`: targets `[N, …]`.
    ///   - validationSplit: the **last** fraction of the samples (before shuffling) held out for
    ///     validation, as in Keras: training keeps the first ⌊N·(1 − split)⌋ samples (a `Double`, so
    ///     `0.3` of 10 keeps 7 as in Python). Ignored when `validationData` is given.
    ///   - seed: seeds the shuffling, and the initial weights if the model is not built yet (`build(seed:)`,
    ///     `summary()`, `predict` and `evaluate` build an unbuilt model earlier, with their own seed).
    ///   - classWeight: `[class id: weight]`; each training sample's loss is multiplied by the weight of
    ///     its class (targets `[N]`/`[N, 1]` hold class ids or 0/1, rounded; one-hot `[N, C]` uses the
    ///     argmax). Classes not listed weigh 1. Multiplies `sampleWeight` when both are given.
    ///   - sampleWeight: `[N]` per-sample loss weights.
    ///   - progress: receives progress (e.g. a `ProgressBar`); nothing is printed otherwise.
    /// - Returns: the loss, metrics and `val_` values of every epoch.
    /// - Throws: `TrainingError` for bad arguments or shapes, layer build errors, callback errors.
    @discardableResult
    public func fit(
        x: Tensor, y: Tensor, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Tensor, y: Tensor)? = nil, shuffle: Bool = true, seed: UInt64 = 0,
        classWeight: [Int: Float]? = nil, sampleWeight: Tensor? = nil, callbacks: [any Callback] = [],
        progress: (any TrainingProgressReporter)? = nil
    ) throws -> History {
        guard optimizer != nil, loss != nil else { throw TrainingError.notCompiled }
        guard epochs >= 0 else {
            throw TrainingError.invalidArgument(name: "epochs", value: "\(epochs)", reason: "must be ≥ 0")
        }
        try Sequential.checkBatchSize(batchSize)
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw TrainingError.invalidArgument(
                name: "validationSplit", value: "\(validationSplit)", reason: "must lie in [0, 1)")
        }
        try Sequential.checkSamples(x: x, y: y, sampleWeight: sampleWeight, what: "training")
        try ensureBuilt(sampleShape: Array(x.shape.dropFirst()), seed: seed)

        // Validation: explicit data, or the last fraction of the samples (Keras: floor(N·(1 − split))).
        let total = x.shape[0]
        var trainX = x
        var trainY = y
        var trainWeights = sampleWeight
        var validation: (x: Tensor, y: Tensor, weights: Tensor?)?
        if let validationData {
            try Sequential.checkSamples(x: validationData.x, y: validationData.y, sampleWeight: nil, what: "validation")
            validation = (validationData.x, validationData.y, nil)
        } else if validationSplit > 0 {
            let splitAt = Int((Double(total) * (1 - validationSplit)).rounded(.down))
            guard splitAt > 0 && splitAt < total else {
                throw TrainingError.invalidArgument(
                    name: "validationSplit", value: "\(validationSplit)",
                    reason: "leaves \(splitAt) of \(total) samples for training")
            }
            trainX = x.slice(0 ..< splitAt)
            trainY = y.slice(0 ..< splitAt)
            trainWeights = sampleWeight?.slice(0 ..< splitAt)
            validation = (
                x.slice(splitAt ..< total), y.slice(splitAt ..< total), sampleWeight?.slice(splitAt ..< total)
            )
        }
        if let classWeight {
            let classWeights = try ClassLabels.sampleWeights(for: trainY, classWeight: classWeight)
            trainWeights = trainWeights.map { $0 * classWeights } ?? classWeights
        }

        let count = trainX.shape[0]
        let steps = (count + batchSize - 1) / batchSize
        var history = History()
        var rng = SplitMix64(seed: seed).split(stream: 0x5348_5546)
        var order = Array(0 ..< count)
        var lastLogs: [String: Float] = [:]
        stopTraining = false
        progress?.trainingWillBegin(epochs: epochs, stepsPerEpoch: steps, metricNames: metrics.map(\.name))
        for callback in callbacks { try callback.onTrainBegin(self) }

        for epoch in 0 ..< epochs {
            for metric in metrics { metric.reset() }
            for callback in callbacks { try callback.onEpochBegin(self, epoch: epoch) }
            progress?.epochWillBegin(epoch, of: epochs, steps: steps)
            if shuffle { Sequential.shuffle(&order, using: &rng) }
            var lossSum: Double = 0
            var seen = 0
            var logs: [String: Float] = [:]
            for step in 0 ..< steps {
                let range = step * batchSize ..< min((step + 1) * batchSize, count)
                let xBatch: Tensor
                let yBatch: Tensor
                let weightBatch: Tensor?
                if shuffle {
                    let indices = Array(order[range])
                    xBatch = Sequential.rows(trainX, indices)
                    yBatch = Sequential.rows(trainY, indices)
                    weightBatch = trainWeights.map { Sequential.rows($0, indices) }
                } else {
                    xBatch = Sequential.rows(trainX, range)
                    yBatch = Sequential.rows(trainY, range)
                    weightBatch = trainWeights.map { Sequential.rows($0, range) }
                }
                for callback in callbacks { try callback.onBatchBegin(self, batch: step) }
                let (value, predictions) = trainStep(x: xBatch, y: yBatch, sampleWeight: weightBatch)
                lossSum += Double(value) * Double(range.count)
                seen += range.count
                logs = ["loss": Float(lossSum / Double(seen))]
                for metric in metrics {
                    metric.update(predictions: predictions, targets: yBatch)
                    logs[metric.name] = metric.result
                }
                for callback in callbacks { try callback.onBatchEnd(self, batch: step, logs: logs) }
                progress?.batchDidEnd(step: step + 1, of: steps, logs: logs)
                if stopTraining { break }
            }
            if let validation {
                let results = try evaluate(
                    x: validation.x, y: validation.y, batchSize: batchSize, sampleWeight: validation.weights)
                for (key, value) in results { logs["val_" + key] = value }
            }
            for callback in callbacks { try callback.onEpochEnd(self, epoch: epoch, logs: &logs) }
            history.append(epoch: epoch, logs: logs)
            progress?.epochDidEnd(epoch, logs: logs)
            lastLogs = logs
            if stopTraining { break }
        }
        for callback in callbacks { try callback.onTrainEnd(self, logs: lastLogs) }
        return history
    }

    /// Fisher–Yates with the caller's generator.
    static func shuffle(_ order: inout [Int], using rng: inout SplitMix64) {
        guard order.count > 1 else { return }
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, rng.nextInt(below: i + 1))
        }
    }
}

/// Class ids from targets, for class weights and stratified folds.
enum ClassLabels {
    /// `[N]` or `[N, 1]`: the rounded values; `[N, C]` with `C > 1`: the argmax of each row.
    static func labels(of y: Tensor) throws -> [Int] {
        let count = y.shape.first ?? 0
        if y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) {
            return try y.scalars.map { value in
                guard value.isFinite, abs(value) < 1e9 else { throw TrainingError.needsClassTargets(shape: y.shape) }
                return Int(value.rounded())
            }
        }
        guard y.rank == 2, count > 0 else { throw TrainingError.needsClassTargets(shape: y.shape) }
        let classes = y.shape[1]
        return y.withUnsafeBufferPointer { p in
            (0 ..< count).map { row in
                var best = 0
                for c in 1 ..< classes where p[row * classes + c] > p[row * classes + best] { best = c }
                return best
            }
        }
    }

    /// `[N]` weights: `classWeight[label] ?? 1` per sample.
    static func sampleWeights(for y: Tensor, classWeight: [Int: Float]) throws -> Tensor {
        Tensor(try labels(of: y).map { classWeight[$0] ?? 1 })
    }
}
