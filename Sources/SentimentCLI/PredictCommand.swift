// `sentiment predict`: label new texts with a saved classifier.
import ArgumentParser
import Sentiment

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label texts given as arguments, or each line of standard input.",
        discussion: """
            Prints one line per text: the label, its probability and the text, separated by tabs. \
            Empty texts and unknown words are fine (the model answers from what it knows).
            """)

    @Argument(help: "Texts to label; without any, each line of standard input is a text.")
    var texts: [String] = []

    @Option(name: .shortAndLong, help: "The model file.")
    var model = "sentiment.safetensors"

    func run() throws {
        let classifier = try SavedModel(path: model)
        if !texts.isEmpty {
            for (text, prediction) in zip(texts, classifier.predict(texts)) { printLine(prediction, text) }
            return
        }
        var batch: [String] = []
        func flush() {
            for (text, prediction) in zip(batch, classifier.predict(batch)) { printLine(prediction, text) }
            batch.removeAll()
        }
        while let line = readLine() {
            batch.append(line)
            if batch.count == 256 { flush() }
        }
        flush()
    }

    func printLine(_ prediction: SentimentPrediction, _ text: String) {
        print("\(prediction.label)\t\(formatted(Double(prediction.probability)))\t\(text)")
    }
}
