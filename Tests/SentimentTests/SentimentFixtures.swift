// Shared test data: corpora/movie-snippets.tsv (committed) and temporary files.
import Foundation
import NLPText
import Sentiment

enum SentimentFixtures {
    /// The repository's `corpora/` folder.
    static let corporaDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora")

    static let movieSnippetsPath = corporaDirectory.appendingPathComponent("movie-snippets.tsv").path

    static let gloveBinaryPath = corporaDirectory.appendingPathComponent("glove.6B.50d.top3k.w2v.bin").path

    /// movie-snippets.tsv, shuffled with a fixed seed (the file is loaded once per process).
    static let movieSnippets: LabeledTextDataset = {
        guard let dataset = try? SentimentData.load(movieSnippetsPath, textColumn: "text", labelColumn: "label") else {
            preconditionFailure("cannot load \(movieSnippetsPath)")
        }
        return dataset.shuffled(seed: 7)
    }()

    /// The first `train` shuffled snippets for training and the next `test` for testing.
    static func movieSplit(train: Int, test: Int) -> (train: LabeledTextDataset, test: LabeledTextDataset) {
        (movieSnippets.subset(0 ..< train), movieSnippets.subset(train ..< train + test))
    }

    /// A fresh temporary directory.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in a fresh temporary directory and returns the path.
    static func write(_ text: String, name: String) throws -> String {
        let url = try makeDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A small 3-class dataset whose classes are told apart by their words.
    static func threeClassDataset(perClass: Int = 60) -> LabeledTextDataset {
        let words = [
            "negative": ["awful", "terrible", "boring", "bad", "worst", "dull"],
            "neutral": ["table", "monday", "paper", "street", "number", "window"],
            "positive": ["great", "wonderful", "superb", "lovely", "best", "brilliant"],
        ]
        var texts: [String] = []
        var labels: [String] = []
        for i in 0 ..< perClass {
            for label in ["negative", "neutral", "positive"] {
                let pool = words[label]!
                texts.append("the \(pool[i % 6]) and \(pool[(i / 6 + i) % 6]) thing")
                labels.append(label)
            }
        }
        return LabeledTextDataset(texts: texts, labels: labels)
    }
}
