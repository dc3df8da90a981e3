// Predicting labels and probabilities for new texts, and scoring labelled ones.
import NLPCore
import NLPNeural
import NLPText

/// The classifier's answer for one text.
public struct SentimentPrediction: Sendable, Equatable, CustomStringConvertible {
    /// The most probable label.
    public var label: String
    /// Its id (index into the classifier's `labelNames`).
    public var labelID: Int
    /// Its probability.
    public var probability: Float
    /// Every class's probability, by label id.
    public var probabilities: [Float]

    /// `positive (0.9312)`.
    public var description: String { "\(label) (\(String(probability, places: 4)))" }
}

extension SentimentClassifier {
    /// The label and probabilities of one text. Empty text and unknown words are fine: the model
    /// then sees no known token and answers from its biases.
    public func predict(_ text: String) -> SentimentPrediction {
        predict([text])[0]
    }

    /// The labels and probabilities of many texts, computed in batches.
    public func predict(_ texts: [String]) -> [SentimentPrediction] {
        guard !texts.isEmpty else { return [] }
        return classProbabilities(texts).map { SentimentPrediction(probabilities: $0, labelNames: labelNames) }
    }

    /// Every class's probability for each text (`[texts][classes]`).
    public func classProbabilities(_ texts: [String]) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        var result: [[Float]] = []
        result.reserveCapacity(texts.count)
        let chunk = 1024
        var start = 0
        while start < texts.count {
            let slice = Array(texts[start ..< min(start + chunk, texts.count)])
            let x = Self.encode(ids: tokenizer.ids(of: slice), maxLength: maxLength)
            // The input shape always fits the model (built for [maxLength] or [-1]), so this cannot fail.
            guard let output = try? model.predict(x, batchSize: 256) else {
                preconditionFailure("SentimentClassifier: prediction failed for input \(x.shape)")
            }
            let width = output.count / slice.count
            output.withUnsafeBufferPointer { values in
                for row in 0 ..< slice.count {
                    if width == 1 {
                        let p = values[row]
                        result.append([1 - p, p])
                    } else {
                        result.append(Array(values[row * width ..< (row + 1) * width]))
                    }
                }
            }
            start += chunk
        }
        return result
    }

    /// Accuracy, precision, recall, F1 and the confusion matrix on labelled texts.
    /// - Throws: ``SentimentError/invalidTrainingData(_:)`` when the dataset's labels are not this
    ///   classifier's labels, or it is empty.
    public func evaluate(_ dataset: LabeledTextDataset) throws -> ClassificationReport {
        try ClassificationReport(scoring: dataset, labelNames: labelNames) { predict($0).map(\.labelID) }
    }

    /// Accuracy, precision, recall, F1 and the confusion matrix on texts and label names.
    /// - Throws: as ``evaluate(_:)``.
    public func evaluate(texts: [String], labels: [String]) throws -> ClassificationReport {
        guard texts.count == labels.count else {
            throw SentimentError.invalidTrainingData("\(texts.count) texts but \(labels.count) labels")
        }
        for label in labels where !labelNames.contains(label) {
            throw SentimentError.invalidTrainingData("label '\(label)' is not one of the model's labels \(labelNames)")
        }
        return try evaluate(LabeledTextDataset(texts: texts, labels: labels, labelNames: labelNames))
    }

    /// The training curve of `metric` (`"loss"` or `"accuracy"`): training values as dots,
    /// validation values as a line; `nil` when the history has no such series.
    public func historyPlot(_ metric: String = "loss") -> TrainingPlot? {
        history.plot(metric)
    }
}

extension String {
    /// `value` with `places` decimals.
    init(_ value: Float, places: Int) {
        self.init(Double(value), places: places)
    }

    /// `value` with `places` decimals (no Foundation formatting).
    init(_ value: Double, places: Int) {
        guard value.isFinite else {
            self = "\(value)"
            return
        }
        var scale = 1.0
        for _ in 0 ..< places { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        let whole = Int(rounded / scale)
        var fraction = String(Int(rounded - Double(whole) * scale))
        while fraction.count < places { fraction = "0" + fraction }
        self = (value < 0 && rounded > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + fraction : "")
    }
}
