// Several classifiers trained on the same texts, answering with their mean class probabilities.
import NLPCore
import NLPNeural
import NLPText

/// An ensemble of ``SentimentClassifier``s whose class probabilities are averaged (soft voting).
///
/// ```swift
/// let vectors = try PretrainedEmbeddings(contentsOf: "vectors.bin")
/// let ensemble = try SentimentEnsemble.train(dataset: data, embeddings: vectors)   // MLP + GRU
/// print(ensemble.predict("a gorgeous, witty film"))
/// ```
///
/// The default members (``defaultMembers``) are the bag-of-words model (words + bigrams,
/// naive-Bayes weights) and a GRU over word vectors: one sees which words occur, the other their
/// order and meaning, so their errors differ and the mean of their probabilities is usually more
/// accurate than either: with skip-gram vectors, 80.8 % against 80.2 % (bag of words) and 78.1 %
/// (GRU) in 10-fold CV on movie-snippets.tsv; on clothing-reviews.tsv it gained in validation but
/// not on the held-out split (Benchmarks/README.md, sentiment section). Every member is trained
/// independently on the same texts with its own configuration, tokenizer and early stopping;
/// pretrained embeddings go to the sequence members.
public final class SentimentEnsemble {
    /// The trained members, in the order of their configurations.
    public let members: [SentimentClassifier]
    /// Class names, shared by every member.
    public var labelNames: [String] { members[0].labelNames }

    /// The bag-of-words model and a GRU, both with their defaults.
    public static let defaultMembers: [SentimentConfiguration] = [
        SentimentConfiguration(architecture: .mlp), SentimentConfiguration(architecture: .gru),
    ]

    /// Wraps trained classifiers.
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` for no members or members with
    ///   different labels.
    public init(members: [SentimentClassifier]) throws {
        guard let first = members.first else {
            throw SentimentError.invalidConfiguration("an ensemble needs at least one member")
        }
        for (index, member) in members.enumerated() where member.labelNames != first.labelNames {
            throw SentimentError.invalidConfiguration(
                "ensemble member \(index) has labels \(member.labelNames), member 0 has \(first.labelNames)")
        }
        self.members = members
    }

    /// Trains one classifier per configuration on `dataset` and combines them.
    /// - Parameters:
    ///   - configurations: the members (at least one); ``defaultMembers`` by default.
    ///   - embeddings: pretrained word vectors for the sequence members (the bag-of-words member
    ///     does not use them).
    ///   - progress: receives every member's training progress, one member after the other.
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` for an empty list; whatever
    ///   ``SentimentClassifier/train(dataset:configuration:embeddings:progress:)`` throws.
    public static func train(
        dataset: LabeledTextDataset, configurations: [SentimentConfiguration] = SentimentEnsemble.defaultMembers,
        embeddings: PretrainedEmbeddings? = nil, progress: (any TrainingProgressReporter)? = nil
    ) throws -> SentimentEnsemble {
        guard !configurations.isEmpty else {
            throw SentimentError.invalidConfiguration("an ensemble needs at least one member configuration")
        }
        for configuration in configurations { try configuration.validate() }
        let members = try configurations.map { configuration in
            try SentimentClassifier.train(
                dataset: dataset, configuration: configuration,
                embeddings: configuration.architecture.isSequenceModel ? embeddings : nil, progress: progress)
        }
        return try SentimentEnsemble(members: members)
    }

    /// The mean of the members' class probabilities for each text (`[texts][classes]`).
    public func classProbabilities(_ texts: [String]) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        var sum = members[0].classProbabilities(texts)
        for member in members.dropFirst() {
            for (row, probabilities) in member.classProbabilities(texts).enumerated() {
                for (column, p) in probabilities.enumerated() { sum[row][column] += p }
            }
        }
        let scale = 1 / Float(members.count)
        return sum.map { row in row.map { $0 * scale } }
    }

    /// The label and mean probabilities of one text.
    public func predict(_ text: String) -> SentimentPrediction {
        predict([text])[0]
    }

    /// The labels and mean probabilities of many texts.
    public func predict(_ texts: [String]) -> [SentimentPrediction] {
        classProbabilities(texts).map { SentimentPrediction(probabilities: $0, labelNames: labelNames) }
    }

    /// Accuracy, precision, recall, F1 and the confusion matrix of the ensemble on labelled texts.
    /// - Throws: ``SentimentError/invalidTrainingData(_:)`` for an empty dataset or labels the
    ///   members do not know.
    public func evaluate(_ dataset: LabeledTextDataset) throws -> ClassificationReport {
        try ClassificationReport(scoring: dataset, labelNames: labelNames) { predict($0).map(\.labelID) }
    }
}

extension SentimentPrediction {
    /// The most probable of `probabilities` (the first on ties).
    init(probabilities: [Float], labelNames: [String]) {
        var best = 0
        for (index, p) in probabilities.enumerated() where p > probabilities[best] { best = index }
        self.init(
            label: labelNames[best], labelID: best, probability: probabilities[best], probabilities: probabilities)
    }
}

extension ClassificationReport {
    /// Scores `predictLabels` (label ids in `labelNames`) on `dataset`, whose label names are
    /// mapped onto `labelNames` by name.
    init(scoring dataset: LabeledTextDataset, labelNames: [String], predictLabels: ([String]) -> [Int]) throws {
        guard !dataset.isEmpty else { throw SentimentError.invalidTrainingData("nothing to evaluate: no texts") }
        var mapping: [Int] = []
        for name in dataset.labelNames {
            guard let id = labelNames.firstIndex(of: name) else {
                throw SentimentError.invalidTrainingData(
                    "label '\(name)' is not one of the model's labels \(labelNames)")
            }
            mapping.append(id)
        }
        self.init(
            labelNames: labelNames, trueLabels: dataset.labels.map { mapping[$0] },
            predictedLabels: predictLabels(dataset.texts))
    }
}

extension SentimentEnsemble {
    /// One training summary for the whole ensemble: the members' epochs and seconds added up (so
    /// ``SentimentClassifier/TrainingSummary/samplesSeen`` counts every member's samples), the
    /// first member's best epoch and split.
    public var trainingSummary: SentimentClassifier.TrainingSummary {
        var summary = members[0].trainingSummary
        summary.epochsRun = members.reduce(0) { $0 + $1.trainingSummary.epochsRun }
        summary.fitSeconds = members.reduce(0) { $0 + $1.trainingSummary.fitSeconds }
        return summary
    }

    /// Stratified k-fold cross-validation of an ensemble: as
    /// ``SentimentClassifier/crossValidate(dataset:folds:seed:configuration:embeddings:progress:foldDidEnd:)``
    /// with every fold's ensemble trained from `configurations` (fold results carry
    /// ``trainingSummary``).
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` for k < 2 or no members; NLPText's
    ///   `DatasetError` for fewer texts than folds; training errors.
    public static func crossValidate(
        dataset: LabeledTextDataset, folds k: Int = 10, seed: UInt64 = 1,
        configurations: [SentimentConfiguration] = SentimentEnsemble.defaultMembers,
        embeddings: PretrainedEmbeddings? = nil, progress: (any TrainingProgressReporter)? = nil,
        foldDidEnd: ((CrossValidationReport.FoldResult) -> Void)? = nil
    ) throws -> CrossValidationReport {
        try CrossValidationReport.stratified(dataset: dataset, folds: k, seed: seed, foldDidEnd: foldDidEnd) {
            training, test in
            let ensemble = try train(
                dataset: training, configurations: configurations, embeddings: embeddings, progress: progress)
            return (try ensemble.evaluate(test), ensemble.trainingSummary)
        }
    }
}
