// Train a text classifier on labelled texts in one call; predict, evaluate, save and load it.
import NLPCore
import NLPNeural
import NLPText

/// A text classifier (sentiment or any other labels): a tokenizer, a network and the label names.
///
/// ```swift
/// let data = try SentimentData.load("movie-snippets.tsv", textColumn: "text", labelColumn: "label")
/// let classifier = try SentimentClassifier.train(dataset: data)
/// print(classifier.predict("a gorgeous, witty film"))     // 1 (0.93)
/// try classifier.save(to: "sentiment.safetensors")
/// let again = try SentimentClassifier.load(from: "sentiment.safetensors")
/// ```
///
/// Two labels make a binary classifier (one sigmoid output, the probability of the second label);
/// more make a softmax classifier. Training holds out every 10th training text for early stopping
/// (``SentimentConfiguration/validationFraction``) and restores the weights of the best epoch.
public final class SentimentClassifier {
    /// The settings it was built with.
    public let configuration: SentimentConfiguration
    /// Class names; a label id indexes this array.
    public let labelNames: [String]
    /// The fitted tokenizer (settings and vocabulary).
    public let tokenizer: SentimentTokenizer
    /// The sequence length of recurrent models (0 for the bag-of-words model, which reads any length).
    public let maxLength: Int
    /// The network.
    public let model: Sequential
    /// Loss and accuracy per epoch (with `val_` values when early stopping was used).
    public internal(set) var history: History
    /// Coverage of pretrained vectors, when they were used.
    public let embeddingAlignment: EmbeddingAlignment?
    /// How the training went (epochs run, time, samples).
    public internal(set) var trainingSummary: TrainingSummary

    /// Counts and timings of a training run.
    public struct TrainingSummary: Codable, Sendable, Equatable {
        /// Epochs run (early stopping may end training before ``SentimentConfiguration/epochs``).
        public var epochsRun: Int
        /// The epoch (0-based) whose weights were kept.
        public var bestEpoch: Int
        /// Texts trained on (validation texts excluded).
        public var trainingTexts: Int
        /// Texts held out for early stopping.
        public var validationTexts: Int
        /// Seconds spent in the training loop (vocabulary and encoding excluded).
        public var fitSeconds: Double
        /// Samples seen by the training loop: `trainingTexts × epochsRun`.
        public var samplesSeen: Int { trainingTexts * epochsRun }
    }

    init(
        configuration: SentimentConfiguration, labelNames: [String], tokenizer: SentimentTokenizer, maxLength: Int,
        model: Sequential, history: History, embeddingAlignment: EmbeddingAlignment?, trainingSummary: TrainingSummary
    ) {
        self.configuration = configuration
        self.labelNames = labelNames
        self.tokenizer = tokenizer
        self.maxLength = maxLength
        self.model = model
        self.history = history
        self.embeddingAlignment = embeddingAlignment
        self.trainingSummary = trainingSummary
    }

    /// Trains on parallel texts and label names (the distinct labels, sorted, are the classes).
    /// - Throws: as ``train(dataset:configuration:embeddings:progress:)``.
    public static func train(
        texts: [String], labels: [String], configuration: SentimentConfiguration = SentimentConfiguration(),
        embeddings: PretrainedEmbeddings? = nil, progress: (any TrainingProgressReporter)? = nil
    ) throws -> SentimentClassifier {
        guard texts.count == labels.count else {
            throw SentimentError.invalidTrainingData("\(texts.count) texts but \(labels.count) labels")
        }
        return try train(
            dataset: LabeledTextDataset(texts: texts, labels: labels), configuration: configuration,
            embeddings: embeddings, progress: progress)
    }

    /// Trains a classifier on `dataset`.
    ///
    /// Steps: hold out the validation texts (every ⌈1/f⌉-th text, in dataset order); fit the
    /// tokenizer on all the training texts; build the network (with `embeddings` aligned to the
    /// vocabulary for sequence models); train with Adam, early stopping on the validation loss and
    /// the best epoch's weights restored.
    /// - Parameters:
    ///   - embeddings: pretrained word vectors for the embedding layer (sequence models only).
    ///   - progress: receives per-batch progress (e.g. NLPNeural's `ProgressBar`).
    /// - Throws: ``SentimentError`` for a bad configuration, fewer than 2 classes or too few
    ///   texts, unusable embeddings; NLPNeural's errors from training.
    public static func train(
        dataset: LabeledTextDataset, configuration: SentimentConfiguration = SentimentConfiguration(),
        embeddings: PretrainedEmbeddings? = nil, progress: (any TrainingProgressReporter)? = nil
    ) throws -> SentimentClassifier {
        try configuration.validate()
        let classes = dataset.labelNames.count
        guard classes >= 2 else {
            throw SentimentError.invalidTrainingData(
                "a classifier needs at least 2 classes, the data has \(classes) (\(dataset.labelNames))")
        }
        if embeddings != nil && !configuration.architecture.isSequenceModel {
            throw SentimentError.invalidConfiguration(
                "pretrained embeddings need a sequence model (lstm, gru, bilstm, bigru), not mlp")
        }
        let (fitRows, validationRows) = validationSplit(
            count: dataset.count,
            fraction: configuration.earlyStoppingPatience == nil ? 0 : configuration.validationFraction)
        guard fitRows.count >= 2 else {
            throw SentimentError.invalidTrainingData("\(dataset.count) texts are too few to train on")
        }
        let texts = dataset.texts
        let labels = dataset.labels
        let tokenizer = SentimentTokenizer(
            fittingOn: texts, vocabularySize: configuration.resolvedVocabularySize,
            ngrams: configuration.resolvedNgrams,
            lowercase: configuration.lowercase, filters: configuration.filters)
        let ids = tokenizer.ids(of: texts)
        var rng = SplitMix64(seed: configuration.seed)
        var featureWeights: [Float]?
        if configuration.architecture == .mlp {
            switch configuration.bagOfWordsMode {
            case .tfidf: featureWeights = SentimentModelFactory.inverseDocumentFrequencies(tokenizer: tokenizer)
            case .nbBinary where classes == 2:
                featureWeights = SentimentModelFactory.naiveBayesRatios(
                    tokenIDs: fitRows.map { ids[$0] }, labels: fitRows.map { labels[$0] },
                    tableSize: tokenizer.tableSize)
            default: featureWeights = nil
            }
        }
        let maxLength =
            configuration.architecture.isSequenceModel
            ? configuration.maxLength ?? SentimentModelFactory.automaticMaxLength(fitRows.map { ids[$0].count }) : 0
        let (layers, alignment) = try SentimentModelFactory.layers(
            configuration: configuration, tokenizer: tokenizer, classes: classes, featureWeights: featureWeights,
            embeddings: embeddings, using: &rng)
        let model = Sequential(layers, inputShape: [maxLength > 0 ? maxLength : -1], name: "sentiment")
        try model.build(seed: configuration.seed)
        model.compile(
            optimizer: Adam(learningRate: configuration.learningRate),
            loss: classes == 2 ? BinaryCrossentropy() as any Loss : SparseCategoricalCrossentropy(),
            metrics: [
                classes == 2
                    ? BinaryAccuracy(name: "accuracy") as any Metric : SparseCategoricalAccuracy(name: "accuracy")
            ])
        let x = encode(ids: ids, maxLength: maxLength)
        let y = Tensor(shape: [dataset.count, 1], scalars: labels.map(Float.init))
        var callbacks: [any Callback] = []
        var stopping: EarlyStopping?
        var validation: (x: Tensor, y: Tensor)?
        if let patience = configuration.earlyStoppingPatience, !validationRows.isEmpty {
            let early = EarlyStopping(monitor: "val_loss", patience: patience, restoreBestWeights: true)
            stopping = early
            callbacks.append(early)
            validation = (rows(x, validationRows), rows(y, validationRows))
        }
        let started = monotonicSeconds()
        let history = try model.fit(
            x: rows(x, fitRows), y: rows(y, fitRows), epochs: configuration.epochs, batchSize: configuration.batchSize,
            validationData: validation, seed: configuration.seed, callbacks: callbacks, progress: progress)
        let seconds = monotonicSeconds() - started
        let summary = TrainingSummary(
            epochsRun: history.epochs.count, bestEpoch: stopping?.bestEpoch ?? max(history.epochs.count - 1, 0),
            trainingTexts: fitRows.count, validationTexts: validationRows.count, fitSeconds: seconds)
        return SentimentClassifier(
            configuration: configuration, labelNames: dataset.labelNames, tokenizer: tokenizer, maxLength: maxLength,
            model: model, history: history, embeddingAlignment: alignment, trainingSummary: summary)
    }

    /// Training and validation positions: position `i` is held out when ⌊(i + 1)·f⌋ > ⌊i·f⌋
    /// (for f = 0.1: positions 9, 19, 29, …), so a file sorted by label still gives every class to
    /// both parts.
    public static func validationSplit(count: Int, fraction: Double) -> (train: [Int], validation: [Int]) {
        var train: [Int] = []
        var validation: [Int] = []
        for i in 0 ..< count {
            if fraction > 0 && (Double(i + 1) * fraction).rounded(.down) > (Double(i) * fraction).rounded(.down) {
                validation.append(i)
            } else {
                train.append(i)
            }
        }
        return (train, validation)
    }

    /// Token ids as model input: `[n, maxLength]` for sequence models, `[n, longest]` (at least 1)
    /// for the bag-of-words model.
    static func encode(ids: [[Int]], maxLength: Int) -> Tensor {
        let length = maxLength > 0 ? maxLength : max(ids.lazy.map(\.count).max() ?? 1, 1)
        return padSequences(ids, maxLength: length)
    }

    /// The rows `indices` of `t` (axis 0).
    static func rows(_ t: Tensor, _ indices: [Int]) -> Tensor {
        let width = t.count / max(t.shape[0], 1)
        return t.reshaped([t.shape[0], width]).gatherRows(indices).reshaped(
            [indices.count] + Array(t.shape.dropFirst()))
    }
}
