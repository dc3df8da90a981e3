// `sentiment train`: train a classifier and save it as one model file.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPNeural
import NLPText
import Sentiment

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classifier on labelled text and save it.",
        discussion: """
            Every 10th training text is held out for early stopping (the weights of the epoch \
            with the lowest validation loss are kept). Prints the per-epoch history; --plot \
            writes the loss curve as SVG (and the accuracy curve next to it).
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .shortAndLong, help: "The model file to write.")
    var output = "sentiment.safetensors"

    @Option(help: "Write the training history plot (loss) to this SVG file; accuracy goes to <name>-accuracy.svg.")
    var plot: String?

    func run() throws {
        let dataset = try data.load()
        let embeddings = try training.loadEmbeddings()
        if !training.quiet { noteBLASKernelOverride() }
        if training.ensemble {
            try trainEnsemble(dataset: dataset, embeddings: embeddings)
            return
        }
        let classifier = try SentimentClassifier.train(
            dataset: dataset, configuration: training.configuration, embeddings: embeddings,
            progress: makeProgressBar(quiet: training.quiet))
        if let alignment = classifier.embeddingAlignment { printDiagnostic("embeddings: \(alignment)") }
        try classifier.save(to: output)
        print(historyTable(classifier))
        let summary = classifier.trainingSummary
        print(
            "\(summary.epochsRun) epochs in \(formatted(summary.fitSeconds, 1)) s, kept epoch \(summary.bestEpoch + 1); "
                + "\(classifier.tokenizer.words.count) tokens; model written to \(output)")
        if let plot {
            try classifier.historyPlot("loss")?.write(to: plot)
            let stem = plot.hasSuffix(".svg") ? String(plot.dropLast(4)) : plot
            try classifier.historyPlot("accuracy")?.write(to: stem + "-accuracy.svg")
            print("plots written to \(plot) and \(stem)-accuracy.svg")
        }
    }

    /// Trains, saves and summarises an ensemble (`--ensemble`).
    func trainEnsemble(dataset: LabeledTextDataset, embeddings: PretrainedEmbeddings?) throws {
        let ensemble = try SentimentEnsemble.train(
            dataset: dataset, configurations: training.memberConfigurations, embeddings: embeddings,
            progress: makeProgressBar(quiet: training.quiet))
        try ensemble.save(to: output)
        for member in ensemble.members {
            if let alignment = member.embeddingAlignment { printDiagnostic("embeddings: \(alignment)") }
            let summary = member.trainingSummary
            print("\(member.configuration.architecture):")
            print(historyTable(member))
            print(
                "\(summary.epochsRun) epochs in \(formatted(summary.fitSeconds, 1)) s, kept epoch "
                    + "\(summary.bestEpoch + 1); \(member.tokenizer.words.count) tokens")
        }
        print("ensemble of \(ensemble.members.count) models written to \(output)")
        if plot != nil { printDiagnostic("--plot is ignored for --ensemble") }
    }

    /// epoch, loss, accuracy, val_loss, val_accuracy per epoch.
    func historyTable(_ classifier: SentimentClassifier) -> String {
        let keys = ["loss", "accuracy", "val_loss", "val_accuracy"].filter { classifier.history[$0] != nil }
        var lines = (["epoch"] + keys).map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined()
        for (row, epoch) in classifier.history.epochs.enumerated() {
            var line = String(epoch + 1).padding(toLength: 14, withPad: " ", startingAt: 0)
            for key in keys {
                let values = classifier.history[key] ?? []
                line += (row < values.count ? formatted(Double(values[row])) : "").padding(
                    toLength: 14, withPad: " ", startingAt: 0)
            }
            lines += "\n" + line
        }
        return lines.split(separator: "\n").map {
            $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        .joined(separator: "\n")
    }
}
