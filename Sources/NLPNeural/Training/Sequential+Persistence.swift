// NLPNeural: saving and loading a whole model (architecture, weights, compile settings, optimizer
// state) as one .safetensors file.
import NLPCore

extension Sequential {
    /// Writes the model to one `.safetensors` file, atomically (temporary file, fsync, rename).
    ///
    /// The file holds the architecture (layer configurations and input shape) and the compile
    /// settings as JSON metadata, every parameter (trainable or not), and, when
    /// `includeOptimizerState` is true, the optimizer's moments and step count, so
    /// `Sequential.load(from:)` followed by `fit` continues training where it stopped. Python's
    /// `safetensors` reads the file.
    /// - Throws: `TrainingError.notBuilt` for an unbuilt model; `SafeTensorsError` when writing fails
    ///   (the previous file, if any, is left as it was).
    public func save(to path: String, includeOptimizerState: Bool = true) throws {
        guard isBuilt, let inputShape else {
            throw TrainingError.notBuilt(reason: "build or fit the model before saving it")
        }
        let architecture = ModelArchitecture(name: name, inputShape: inputShape, layers: layers)
        let training =
            optimizer == nil && loss == nil
            ? nil : TrainingConfiguration(loss: loss, metrics: metrics, optimizer: optimizer)
        let state = includeOptimizerState ? optimizer?.stateTensors(for: parameters) ?? [:] : [:]
        try ModelArchive(architecture: architecture, layers: layers, training: training, optimizerState: state)
            .write(to: path)
    }

    /// Loads a model written by `save(to:)`: the layers with their weights and, when the file has
    /// them, the loss, metrics and optimizer (with its state), so the model is compiled again.
    /// - Throws: `SafeTensorsError` for an unreadable or corrupt file, `ModelArchiveError` for a file
    ///   that is not a model or does not fit its architecture, and the registries' errors for an
    ///   unknown loss, metric or optimizer.
    public static func load(from path: String) throws -> Sequential {
        let archive = try ModelArchive.read(from: path)
        let layers = try archive.makeLayers()
        let model = Sequential(layers, inputShape: archive.architecture.inputShape, name: archive.architecture.name)
        try model.build()
        guard let training = archive.training, let lossComponent = training.loss,
            let optimizerComponent = training.optimizer
        else { return model }
        let loss = try LossRegistry.makeLoss(name: lossComponent.name, configuration: lossComponent.configuration)
        let metrics = try training.metrics.map {
            try MetricRegistry.makeMetric(name: $0.name, configuration: $0.configuration, loss: loss)
        }
        let optimizer = try OptimizerRegistry.makeOptimizer(
            type: optimizerComponent.name, configuration: optimizerComponent.configuration)
        if !archive.optimizerState.isEmpty {
            try archive.loadOptimizerState(into: optimizer, parameters: model.parameters)
        }
        model.compile(optimizer: optimizer, loss: loss, metrics: metrics)
        return model
    }
}

extension ModelCheckpoint {
    /// Saves the model with `Sequential.save(to:)` (weights, architecture and optimizer state).
    public convenience init(
        pathTemplate: String, monitor: String = "val_loss", saveBestOnly: Bool = false, mode: MonitorMode = .auto
    ) {
        self.init(pathTemplate: pathTemplate, monitor: monitor, saveBestOnly: saveBestOnly, mode: mode) {
            model, path in try model.save(to: path)
        }
    }
}

extension History {
    /// The classic Keras figure for `metric` ("loss", "accuracy", …): training values as dots and
    /// `val_<metric>` as a line, per epoch; `nil` when the history has no such series.
    ///
    /// ```swift
    /// try history.plot("loss")?.write(to: "loss.svg")
    /// ```
    public func plot(_ metric: String) -> TrainingPlot? {
        TrainingPlot.trainingAndValidation(series.mapValues { $0.map(Double.init) }, metric: metric)
    }
}
