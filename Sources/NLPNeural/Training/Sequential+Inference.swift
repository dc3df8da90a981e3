// NLPNeural: evaluate and predict in batches, and batch gathering.
import NLPCore

extension Sequential {
    /// The loss and metrics on `x`/`y`, computed in batches without training (Keras `evaluate`).
    ///
    /// The loss is the mean of the batch losses weighted by batch size, plus the regularization
    /// penalties (as Keras reports it). Keys: `"loss"` and each metric's name.
    /// - Throws: `TrainingError` when the model is not compiled or the shapes disagree.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32, sampleWeight: Tensor? = nil) throws -> [String:
        Float]
    {
        guard let loss else { throw TrainingError.notCompiled }
        try Sequential.checkBatchSize(batchSize)
        try Sequential.checkSamples(x: x, y: y, sampleWeight: sampleWeight, what: "evaluation")
        try ensureBuilt(sampleShape: Array(x.shape.dropFirst()), seed: 0)
        for metric in metrics { metric.reset() }
        let count = x.shape[0]
        var lossSum: Double = 0
        var start = 0
        while start < count {
            let range = start ..< min(start + batchSize, count)
            let xBatch = Sequential.rows(x, range)
            let yBatch = Sequential.rows(y, range)
            let (predictions, activityPenalty, mask) = forwardPass(xBatch, training: false)
            let weights = Sequential.lossWeights(
                sampleWeight: sampleWeight.map { Sequential.rows($0, range) }, outputMask: mask,
                predictions: predictions)
            let value = loss.compute(predictions: predictions, targets: yBatch, sampleWeights: weights).value
            lossSum += Double(value + activityPenalty) * Double(range.count)
            for metric in metrics { metric.update(predictions: predictions, targets: yBatch) }
            start = range.upperBound
        }
        var logs: [String: Float] = ["loss": Float(lossSum / Double(count)) + weightPenalty]
        for metric in metrics { logs[metric.name] = metric.result }
        return logs
    }

    /// The model's outputs for `x`, computed in batches in inference mode (Keras `predict`).
    ///
    /// An unbuilt model is built first (from the shape given at creation or `x`'s sample shape, seed 0).
    /// - Returns: `[N] + outputShape`.
    /// - Throws: `TrainingError` for empty input, a bad batch size or an incompatible shape.
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        try Sequential.checkBatchSize(batchSize)
        guard x.rank >= 1, x.shape[0] > 0 else { throw TrainingError.emptyData(what: "predict x") }
        try ensureBuilt(sampleShape: Array(x.shape.dropFirst()), seed: 0)
        let count = x.shape[0]
        var result: Tensor?
        var start = 0
        while start < count {
            let range = start ..< min(start + batchSize, count)
            let output = forwardPass(Sequential.rows(x, range), training: false).output
            // One batch holds every sample: its output is the result (no copy).
            if range.count == count { return output }
            if result == nil { result = Tensor(zeros: [count] + Array(output.shape.dropFirst())) }
            let rowSize = output.count / max(range.count, 1)
            output.withUnsafeBufferPointer { source in
                result!.withUnsafeMutableBufferPointer { destination in
                    (destination.baseAddress! + range.lowerBound * rowSize).update(
                        from: source.baseAddress!, count: source.count)
                }
            }
            start = range.upperBound
        }
        return result!
    }

    // MARK: - Batches

    /// Samples `range` of `t` (a contiguous slice of axis 0).
    static func rows(_ t: Tensor, _ range: Range<Int>) -> Tensor {
        if range.lowerBound == 0 && range.upperBound == t.shape[0] { return t }
        return t.slice(range)
    }

    /// Samples `indices` of `t` along axis 0, through one row gather.
    static func rows(_ t: Tensor, _ indices: [Int]) -> Tensor {
        let rowSize = t.count / max(t.shape[0], 1)
        let gathered = t.reshaped([t.shape[0], rowSize]).gatherRows(indices)
        return gathered.reshaped([indices.count] + Array(t.shape.dropFirst()))
    }

    static func checkBatchSize(_ batchSize: Int) throws {
        guard batchSize > 0 else {
            throw TrainingError.invalidArgument(name: "batchSize", value: "\(batchSize)", reason: "must be positive")
        }
    }
}
