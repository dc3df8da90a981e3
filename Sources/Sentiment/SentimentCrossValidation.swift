// Stratified k-fold cross-validation of a classifier configuration.
import NLPCore
import NLPNeural
import NLPText

/// The scores of every fold and their mean and standard deviation.
public struct CrossValidationReport: Sendable, Codable, Equatable, CustomStringConvertible {
    /// One fold's scores and training run.
    public struct FoldResult: Sendable, Codable, Equatable {
        /// The 0-based fold.
        public var fold: Int
        /// Scores on the fold's held-out texts.
        public var report: ClassificationReport
        /// The training run.
        public var training: SentimentClassifier.TrainingSummary
    }

    /// The folds in order.
    public var folds: [FoldResult]

    /// Mean accuracy over the folds.
    public var meanAccuracy: Double { Self.mean(folds.map(\.report.accuracy)) }
    /// Sample standard deviation of the fold accuracies (0 for one fold).
    public var accuracyStandardDeviation: Double { Self.deviation(folds.map(\.report.accuracy)) }
    /// Mean F1 (positive class or macro) over the folds.
    public var meanF1: Double { Self.mean(folds.map(\.report.f1)) }
    /// Sample standard deviation of the fold F1s.
    public var f1StandardDeviation: Double { Self.deviation(folds.map(\.report.f1)) }
    /// Mean precision over the folds.
    public var meanPrecision: Double { Self.mean(folds.map(\.report.precision)) }
    /// Mean recall over the folds.
    public var meanRecall: Double { Self.mean(folds.map(\.report.recall)) }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    static func deviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    /// A table with one row per fold and a mean ± std row.
    public var description: String {
        var lines = ["fold  accuracy  precision  recall  f1      epochs  seconds"]
        for fold in folds {
            let r = fold.report
            lines.append(
                "\(String(fold.fold + 1).padded(6))\(String(r.accuracy, places: 4).padded(10))"
                    + "\(String(r.precision, places: 4).padded(11))\(String(r.recall, places: 4).padded(8))"
                    + "\(String(r.f1, places: 4).padded(8))\(String(fold.training.epochsRun).padded(8))"
                    + String(fold.training.fitSeconds, places: 1))
        }
        lines.append(
            "mean  \(String(meanAccuracy, places: 4)) ± \(String(accuracyStandardDeviation, places: 4)) accuracy, "
                + "f1 \(String(meanF1, places: 4)) ± \(String(f1StandardDeviation, places: 4))")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(width - count, 1)) }
}

extension CrossValidationReport {
    /// Stratified k-fold over `dataset`: `fit` trains on each fold's training texts and scores
    /// its held-out texts.
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` for k < 2, and what `fit` throws.
    static func stratified(
        dataset: LabeledTextDataset, folds k: Int, seed: UInt64, foldDidEnd: ((FoldResult) -> Void)?,
        fit: (_ training: LabeledTextDataset, _ test: LabeledTextDataset) throws -> (
            ClassificationReport, SentimentClassifier.TrainingSummary
        )
    ) throws -> CrossValidationReport {
        guard k >= 2 else {
            throw SentimentError.invalidConfiguration("cross-validation needs at least 2 folds, not \(k)")
        }
        var results: [FoldResult] = []
        for (index, fold) in try dataset.stratifiedKFold(k: k, seed: seed).enumerated() {
            let (report, training) = try fit(dataset.subset(fold.train), dataset.subset(fold.test))
            let result = FoldResult(fold: index, report: report, training: training)
            foldDidEnd?(result)
            results.append(result)
        }
        return CrossValidationReport(folds: results)
    }
}

extension SentimentClassifier {
    /// Stratified k-fold cross-validation: each fold in turn is held out, a classifier is trained
    /// on the others with `configuration` (the tokenizer is fitted on the training folds only) and
    /// scored on it.
    /// - Parameters:
    ///   - folds: k ≥ 2.
    ///   - seed: shuffles the examples before they are dealt to folds (NLPText's `stratifiedKFold`).
    ///   - foldDidEnd: called after each fold (for progress output).
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` for k < 2; NLPText's `DatasetError`
    ///   for fewer texts than folds; training errors.
    public static func crossValidate(
        dataset: LabeledTextDataset, folds k: Int = 10, seed: UInt64 = 1,
        configuration: SentimentConfiguration = SentimentConfiguration(), embeddings: PretrainedEmbeddings? = nil,
        progress: (any TrainingProgressReporter)? = nil,
        foldDidEnd: ((CrossValidationReport.FoldResult) -> Void)? = nil
    ) throws -> CrossValidationReport {
        try CrossValidationReport.stratified(dataset: dataset, folds: k, seed: seed, foldDidEnd: foldDidEnd) {
            training, test in
            let classifier = try train(
                dataset: training, configuration: configuration, embeddings: embeddings, progress: progress)
            return (try classifier.evaluate(test), classifier.trainingSummary)
        }
    }
}
