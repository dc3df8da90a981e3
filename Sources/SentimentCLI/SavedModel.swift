// A model file written by `sentiment train`: one classifier or an ensemble (`--ensemble`).
import NLPNeural
import NLPText
import Sentiment

/// A loaded classifier or ensemble, used the same way by predict and evaluate.
enum SavedModel {
    case classifier(SentimentClassifier)
    case ensemble(SentimentEnsemble)

    /// Loads `path`, as an ensemble when the file says it holds one.
    init(path: String) throws {
        let file = try SafeTensors.read(from: path)
        if file.metadata["sentiment_ensemble"] != nil {
            self = .ensemble(try SentimentEnsemble.load(from: path))
        } else {
            self = .classifier(try SentimentClassifier.load(from: path))
        }
    }

    /// Labels and probabilities of `texts`.
    func predict(_ texts: [String]) -> [SentimentPrediction] {
        switch self {
        case .classifier(let classifier): classifier.predict(texts)
        case .ensemble(let ensemble): ensemble.predict(texts)
        }
    }

    /// Scores on labelled texts.
    func evaluate(_ dataset: LabeledTextDataset) throws -> ClassificationReport {
        switch self {
        case .classifier(let classifier): try classifier.evaluate(dataset)
        case .ensemble(let ensemble): try ensemble.evaluate(dataset)
        }
    }
}
