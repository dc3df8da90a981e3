// NLPNeural: compile, the forward/backward passes and one training step.
import NLPCore

extension Sequential {
    /// Sets the optimizer, loss and metrics used by `fit`, `trainOnBatch` and `evaluate`.
    public func compile(optimizer: any Optimizer, loss: any Loss, metrics: [any Metric] = []) {
        let names = metrics.map(\.name)
        precondition(
            Set(names).count == names.count && !names.contains("loss"),
            "Sequential \(name): metric names \(names) must be unique and differ from \"loss\"")
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }

    /// Runs one gradient step on a batch and returns that batch's loss and metrics (Keras
    /// `train_on_batch`; metrics are reset first).
    /// - Throws: `TrainingError` when the model is not compiled or the shapes disagree.
    @discardableResult
    public func trainOnBatch(x: Tensor, y: Tensor, sampleWeight: Tensor? = nil) throws -> [String: Float] {
        guard optimizer != nil, loss != nil else { throw TrainingError.notCompiled }
        try Sequential.checkSamples(x: x, y: y, sampleWeight: sampleWeight, what: "batch")
        try ensureBuilt(sampleShape: Array(x.shape.dropFirst()), seed: 0)
        for metric in metrics { metric.reset() }
        let (value, predictions) = trainStep(x: x, y: y, sampleWeight: sampleWeight)
        var logs: [String: Float] = ["loss": value]
        for metric in metrics {
            metric.update(predictions: predictions, targets: y)
            logs[metric.name] = metric.result
        }
        return logs
    }

    /// One step: zero gradients, forward, loss, backward, regularizer gradients, optimizer update.
    /// Returns the total loss (data loss + penalties) and the predictions.
    func trainStep(x: Tensor, y: Tensor, sampleWeight: Tensor?) -> (loss: Float, predictions: Tensor) {
        guard let optimizer, let loss else { preconditionFailure(TrainingError.notCompiled.description) }
        let parameters = self.parameters
        for parameter in parameters { parameter.zeroGradient() }
        let (predictions, activityPenalty, mask) = forwardPass(x, training: true)
        let weights = Sequential.lossWeights(sampleWeight: sampleWeight, outputMask: mask, predictions: predictions)
        let result = loss.compute(predictions: predictions, targets: y, sampleWeights: weights)
        var total = result.value + activityPenalty
        var gradient = result.gradient
        for index in layers.indices.reversed() {
            if let regularizer = layers[index].activityRegularizer, let output = activityOutputs[index] {
                Sequential.addActivityGradient(regularizer, output: output, into: &gradient)
            }
            // The first layer's input is data: its gradient is never used, so it is not computed.
            if index > 0 {
                gradient = layers[index].backward(gradient)
            } else {
                _ = layers[index].backward(gradient, computeInputGradient: false)
            }
        }
        activityOutputs = []
        for parameter in parameters where parameter.isTrainable {
            guard let regularizer = parameter.regularizer else { continue }
            total += regularizer.penalty(parameter.value)
            regularizer.accumulateGradient(of: parameter.value, into: &parameter.gradient)
        }
        optimizer.update(parameters)
        return (total, predictions)
    }

    /// The per-sample loss weights: `sampleWeight` (`[batch]`), and for sequence outputs that still
    /// carry a mask (`[batch, time]`, e.g. `Embedding(maskZero:)` → `LSTM(returnSequences: true)`),
    /// that mask scaled so the loss is the mean over the real steps only (Keras 3's `apply_mask`:
    /// `mask · total / valid`). Padded steps then add nothing to the loss or its gradient.
    static func lossWeights(sampleWeight: Tensor?, outputMask: Tensor?, predictions: Tensor) -> Tensor? {
        guard let outputMask, predictions.rank >= 3, outputMask.rank == 2,
            Array(predictions.shape.prefix(2)) == outputMask.shape
        else { return sampleWeight }
        let (batch, steps) = (outputMask.shape[0], outputMask.shape[1])
        let valid = outputMask.sum()
        guard valid > 0 else { return Tensor(zeros: outputMask.shape) }
        let scale = Float(batch * steps) / valid
        var weights = outputMask * scale
        if let sampleWeight {
            weights = weights * sampleWeight.reshaped([batch, 1])
        }
        return weights
    }

    /// Runs every layer, passing masks along; returns the output, the activity penalty and the
    /// output's mask. In training mode the outputs of activity-regularized layers are kept for the
    /// backward pass.
    func forwardPass(_ x: Tensor, training: Bool) -> (output: Tensor, activityPenalty: Float, mask: Tensor?) {
        var current = x
        var mask: Tensor? = nil
        var penalty: Float = 0
        if training { activityOutputs = Array(repeating: nil, count: layers.count) }
        for (index, layer) in layers.enumerated() {
            let nextMask = layer.outputMask(for: current, mask: mask)
            current = layer.forward(current, mask: mask, training: training)
            mask = nextMask
            if let regularizer = layer.activityRegularizer {
                penalty += regularizer.penalty(current) / Float(max(current.shape.first ?? 1, 1))
                if training { activityOutputs[index] = current }
            }
        }
        return (current, penalty, mask)
    }

    /// Adds ∂(penalty(y) / batch)/∂y = (l1·sign(y) + 2·l2·y) / batch into `gradient`.
    static func addActivityGradient(_ regularizer: Regularizer, output: Tensor, into gradient: inout Tensor) {
        precondition(
            output.count == gradient.count, "activity regularizer: output \(output.shape) vs gradient \(gradient.shape)"
        )
        let batch = Float(max(output.shape.first ?? 1, 1))
        let l1 = regularizer.l1 / batch
        let twiceL2 = 2 * regularizer.l2 / batch
        output.withUnsafeBufferPointer { y in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in 0 ..< y.count {
                    let sign: Float = y[i] > 0 ? 1 : (y[i] < 0 ? -1 : 0)
                    g[i] += l1 * sign + twiceL2 * y[i]
                }
            }
        }
    }

    /// The sum of the trainable parameters' regularizer penalties.
    var weightPenalty: Float {
        var total: Float = 0
        for parameter in parameters where parameter.isTrainable {
            if let regularizer = parameter.regularizer { total += regularizer.penalty(parameter.value) }
        }
        return total
    }

    /// Checks that `x`, `y` and the optional weights hold the same positive number of samples.
    static func checkSamples(x: Tensor, y: Tensor, sampleWeight: Tensor?, what: String) throws {
        guard x.rank >= 1, x.shape[0] > 0 else { throw TrainingError.emptyData(what: "\(what) x") }
        guard y.rank >= 1, y.shape[0] == x.shape[0] else {
            throw TrainingError.sampleCountMismatch(what: "\(what) y", expected: x.shape[0], got: y.shape.first ?? 0)
        }
        if let sampleWeight, sampleWeight.rank != 1 || sampleWeight.shape[0] != x.shape[0] {
            throw TrainingError.sampleCountMismatch(
                what: "\(what) sampleWeight \(sampleWeight.shape) (must be [N])", expected: x.shape[0],
                got: sampleWeight.shape.first ?? 0)
        }
    }
}
