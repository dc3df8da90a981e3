// `sentiment evaluate`: score a saved classifier on labelled text.
import ArgumentParser
import Sentiment

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a saved classifier on labelled text.",
        discussion: """
            Prints accuracy, precision, recall and F1 (of the positive class — the second label \
            in sorted order — for two classes, macro averages otherwise), the per-class table and \
            the confusion matrix.
            """)

    @OptionGroup var data: DataOptions

    @Option(name: .shortAndLong, help: "The model file.")
    var model = "sentiment.safetensors"

    func run() throws {
        let classifier = try SavedModel(path: model)
        let dataset = try data.load()
        print(try classifier.evaluate(dataset))
    }
}
