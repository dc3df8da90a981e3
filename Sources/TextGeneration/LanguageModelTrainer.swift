// TextGeneration: stateful truncated backpropagation through time over char-rnn's stream layout.
import NLPCore
import NLPNeural

/// Trains a ``LanguageModel`` the char-rnn way: the text is cut into `B` streams, each batch is
/// the next `T` tokens of every stream, and the recurrent state is carried from one batch to the
/// next (reset at each epoch start) while gradients stop at batch boundaries. Adam with the
/// global gradient norm clipped; validation on the end of the text after each epoch; early
/// stopping, checkpoints and a time limit.
///
/// ```swift
/// var options = TrainingOptions()
/// options.epochs = 20
/// options.checkpointPath = "model.tgmodel"
/// let trainer = try LanguageModelTrainer(model: model, options: options)
/// let history = try trainer.train(text: text, observer: progress)
/// // later: try LanguageModelTrainer.resume(from: "model.tgmodel").train(text: text)
/// ```
public final class LanguageModelTrainer {
    /// The model being trained.
    public let model: LanguageModel
    /// The options; changes to epochs, limits and paths apply to the next `train` call.
    public var options: TrainingOptions
    /// Where training stands (saved in checkpoints).
    public internal(set) var state: TrainingState
    /// The optimizer (Adam, global-norm clipping).
    public let optimizer: Adam

    /// Prepares to train `model` from its current weights.
    /// - Throws: `TextGenerationError.invalidOption` for bad options.
    public init(model: LanguageModel, options: TrainingOptions) throws {
        try options.validate()
        self.model = model
        self.options = options
        self.state = TrainingState(options: options)
        optimizer = Adam(learningRate: options.learningRate, globalClipNorm: options.clipNorm)
        model.network.compile(optimizer: optimizer, loss: SparseCategoricalCrossentropy(fromLogits: true))
    }

    /// Continues a run from a checkpoint: weights, optimizer moments and step count, epoch and batch
    /// position, best validation loss and history. `options` (default: the checkpoint's) may raise
    /// the epoch count or change the time limit and paths.
    /// - Throws: what ``LanguageModel/load(from:)`` throws; `TextGenerationError.incompatibleCheckpoint`
    ///   for a model file without training state.
    public static func resume(from path: String, options: TrainingOptions? = nil) throws -> LanguageModelTrainer {
        let (model, archive, saved) = try LanguageModel.loadCheckpoint(from: path)
        guard let saved else {
            throw TextGenerationError.incompatibleCheckpoint(path: path, reason: "the file holds no training state")
        }
        let trainer = try LanguageModelTrainer(model: model, options: options ?? saved.options)
        trainer.state = saved
        trainer.state.options = trainer.options
        trainer.state.stoppedEarly = false
        let dropouts = model.network.layers.compactMap { $0 as? Dropout }
        if let saved = trainer.state.dropoutGenerators, saved.count == dropouts.count {
            for (layer, position) in zip(dropouts, saved) { layer.maskGenerator = SplitMix64(seed: position) }
        }
        do {
            try trainer.optimizer.loadState(archive.optimizerState, for: model.network.parameters)
        } catch {
            throw TextGenerationError.incompatibleCheckpoint(path: path, reason: "optimizer state: \(error)")
        }
        return trainer
    }

    /// The learning rate of the epoch after `completedEpochs` epochs under the step schedule.
    func learningRate(afterEpochs completedEpochs: Int) -> Float {
        let decays = max(0, completedEpochs - options.decayAfterEpoch + 1)
        var rate = options.learningRate
        for _ in 0 ..< decays { rate *= options.learningRateDecay }
        return rate
    }

    /// The fraction of the run done, in [0, 1]: trained tokens over `epochs` epochs of
    /// `tokensPerEpoch`, or with a time limit the elapsed wall-clock share if that is larger.
    func runProgress(trainedTokens: Int, tokensPerEpoch: Int, wallSeconds: Double) -> Double {
        var progress = Double(trainedTokens) / Double(max(1, options.epochs * tokensPerEpoch))
        if let limit = options.timeLimit { progress = max(progress, wallSeconds / limit) }
        return min(1, max(0, progress))
    }

    /// The learning rate under the cosine schedule at `progress` in [0, 1] (0 → `learningRate`, 1 → 0;
    /// `CosineDecay`'s formula with `alpha` 0, over the run's progress instead of a step count).
    func cosineLearningRate(progress: Double) -> Float {
        Float(Double(options.learningRate) * CosineDecay.cosineFactor(atFraction: progress))
    }

    /// Trains on `text` encoded with the model's tokenizer.
    /// - Throws: `TextGenerationError.unknownToken` when the text has characters outside the
    ///   vocabulary, and what ``train(ids:observer:)`` throws.
    @discardableResult
    public func train(text: String, observer: (any TrainingObserver)? = nil) throws -> [EpochRecord] {
        try train(ids: model.tokenizer.encode(text), observer: observer)
    }

    /// Trains on token ids: the first `1 − validationFraction` of them for training, the rest for
    /// validation, until `epochs` epochs are done, early stopping, the time limit or the observer
    /// stops it. Returns the records of the epochs of this call.
    /// - Throws: `TextGenerationError.textTooShort` when not one batch fits, `.diverged` for a
    ///   non-finite loss, and write errors of checkpoints.
    @discardableResult
    public func train(ids: [Int], observer: (any TrainingObserver)? = nil) throws -> [EpochRecord] {
        try options.validate()
        state.options = options
        let cut = Int((Double(ids.count) * (1 - options.validationFraction)).rounded(.down))
        let trainIDs = Array(ids[0 ..< cut])
        let validationIDs = Array(ids[cut...])
        let layout = StreamLayout(
            tokenCount: trainIDs.count, batchSize: options.batchSize, sequenceLength: options.sequenceLength)
        guard layout.batchCount >= 1 else {
            throw TextGenerationError.textTooShort(
                what: "the training split", tokens: trainIDs.count, needed: layout.tokensPerBatch + 1)
        }
        let validationLayout = StreamLayout.fitting(
            tokenCount: validationIDs.count, batchSize: options.batchSize, sequenceLength: options.sequenceLength)
        if state.trainingTokens != trainIDs.count || state.batchInEpoch >= layout.batchCount {
            state.batchInEpoch = 0
            state.carriedStates = nil
        }
        state.trainingTokens = trainIDs.count
        observer?.trainingWillStart(
            trainingTokens: trainIDs.count, validationTokens: validationIDs.count, batchesPerEpoch: layout.batchCount,
            startEpoch: state.completedEpochs + 1)
        let runStart = monotonicSeconds()
        let wallBefore = state.wallSeconds
        var records: [EpochRecord] = []
        var stopRequested = false
        while state.completedEpochs < options.epochs && !state.stoppedEarly && !stopRequested {
            let epoch = state.completedEpochs + 1
            optimizer.learningRate = learningRate(afterEpochs: state.completedEpochs)
            model.resetStates()
            if state.batchInEpoch > 0, let carried = state.carriedStates {
                // A stopped epoch continues its streams from the state it stopped with.
                let shapes = model.recurrentLayers.map { [layout.batchSize, $0.units] }
                if let states = CarriedTensor.decode(carried, expected: shapes) { model.states = states }
            }
            state.carriedStates = nil
            let epochStart = state.trainingSeconds
            var (epochLoss, epochBatches) = (0.0, 0)
            var (windowLoss, windowBatches, windowSeconds) = (0.0, 0, 0.0)
            for k in state.batchInEpoch ..< layout.batchCount {
                if options.learningRateSchedule == .cosine {
                    let progress = runProgress(
                        trainedTokens: state.trainedTokens, tokensPerEpoch: layout.batchCount * layout.tokensPerBatch,
                        wallSeconds: wallBefore + monotonicSeconds() - runStart)
                    optimizer.learningRate = cosineLearningRate(progress: progress)
                }
                let stepStart = monotonicSeconds()
                let loss = try step(batch: k, layout: layout, ids: trainIDs)
                guard loss.isFinite else { throw TextGenerationError.diverged(epoch: epoch, batch: k + 1, loss: loss) }
                let seconds = monotonicSeconds() - stepStart
                state.trainingSeconds += seconds
                state.trainedTokens += layout.tokensPerBatch
                state.batchInEpoch = k + 1
                epochLoss += loss
                epochBatches += 1
                windowLoss += loss
                windowBatches += 1
                windowSeconds += seconds
                let wall = wallBefore + monotonicSeconds() - runStart
                let timeUp = options.timeLimit.map { wall >= $0 } ?? false
                stopRequested = timeUp || (observer?.shouldStop() ?? false)
                if let observer,
                    windowBatches == options.progressInterval || k + 1 == layout.batchCount || stopRequested
                {
                    let perBatch = windowSeconds / Double(windowBatches)
                    let batchesLeft = (layout.batchCount - k - 1) + (options.epochs - epoch) * layout.batchCount
                    var remaining = perBatch * Double(batchesLeft)
                    if let limit = options.timeLimit { remaining = min(remaining, max(0, limit - wall)) }
                    observer.batchDidFinish(
                        BatchProgress(
                            epoch: epoch, batch: k + 1, batchesPerEpoch: layout.batchCount,
                            loss: windowLoss / Double(windowBatches),
                            tokensPerSecond: Double(windowBatches * layout.tokensPerBatch) / max(windowSeconds, 1e-9),
                            elapsedSeconds: state.trainingSeconds, remainingSeconds: remaining,
                            learningRate: optimizer.learningRate))
                    (windowLoss, windowBatches, windowSeconds) = (0, 0, 0)
                }
                if stopRequested { break }
            }
            let isPartial = state.batchInEpoch < layout.batchCount
            if isPartial { state.carriedStates = CarriedTensor.encode(model.states) }
            let validation = validationLayout.map { model.evaluate(ids: validationIDs, layout: $0) }
            if !isPartial {
                state.completedEpochs = epoch
                state.batchInEpoch = 0
            }
            let record = EpochRecord(
                epoch: epoch, trainingLoss: epochBatches > 0 ? epochLoss / Double(epochBatches) : .nan,
                validation: validation, seconds: state.trainingSeconds - epochStart,
                learningRate: optimizer.learningRate, isPartial: isPartial)
            records.append(record)
            state.history.append(record)
            var improved = false
            if let validation {
                if state.bestValidationLoss.map({ validation.crossEntropy < $0 }) ?? true {
                    state.bestValidationLoss = validation.crossEntropy
                    state.epochsWithoutImprovement = 0
                    improved = true
                } else if !isPartial {
                    state.epochsWithoutImprovement += 1
                    if let patience = options.patience, state.epochsWithoutImprovement >= patience {
                        state.stoppedEarly = true
                    }
                }
            }
            state.wallSeconds = wallBefore + monotonicSeconds() - runStart
            state.dropoutGenerators = model.network.layers.compactMap { ($0 as? Dropout)?.maskGenerator.currentState }
            if let path = options.checkpointPath { try model.save(to: path, optimizer: optimizer, state: state) }
            if improved, let path = options.bestModelPath {
                try model.save(to: path, optimizer: optimizer, state: state)
            }
            observer?.epochDidFinish(record)
        }
        model.resetStates()
        return records
    }

    /// One optimizer step on batch `k` of `layout`; returns its mean loss in nats per token.
    func step(batch k: Int, layout: StreamLayout, ids: [Int]) throws -> Double {
        let (B, T) = (layout.batchSize, layout.sequenceLength)
        let x = model.makeInput(batch: B, steps: T) { b, t in ids[layout.index(batch: k, row: b, step: t)] }
        let y = Tensor(shape: [B, T]) { targets in
            for b in 0 ..< B {
                for t in 0 ..< T { targets[b * T + t] = Float(ids[layout.index(batch: k, row: b, step: t) + 1]) }
            }
        }
        let logs = try model.network.trainOnBatch(x: x, y: y)
        return Double(logs["loss"] ?? .nan)
    }
}
