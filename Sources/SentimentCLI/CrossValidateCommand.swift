// `sentiment cross-validate`: k-fold cross-validation of a configuration.
import ArgumentParser
import CommandLineSupport
import Sentiment

struct CrossValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cross-validate",
        abstract: "Estimate accuracy by stratified k-fold cross-validation.",
        discussion: """
            Each fold in turn is held out while a classifier is trained on the others (its \
            vocabulary too); prints each fold's accuracy, precision, recall and F1 and the mean ± \
            standard deviation.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .shortAndLong, help: "The number of folds (default 10).")
    var folds = 10

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2, not \(folds)") }
    }

    func run() throws {
        let dataset = try data.load()
        let embeddings = try training.loadEmbeddings()
        let quiet = training.quiet
        if !quiet { noteBLASKernelOverride() }
        let folds = self.folds
        let foldDidEnd = { (result: CrossValidationReport.FoldResult) in
            printDiagnostic(
                "fold \(result.fold + 1)/\(folds): accuracy \(formatted(result.report.accuracy)), "
                    + "f1 \(formatted(result.report.f1))")
        }
        let report =
            training.ensemble
            ? try SentimentEnsemble.crossValidate(
                dataset: dataset, folds: folds, seed: training.seed, configurations: training.memberConfigurations,
                embeddings: embeddings, progress: makeProgressBar(quiet: quiet), foldDidEnd: foldDidEnd)
            : try SentimentClassifier.crossValidate(
                dataset: dataset, folds: folds, seed: training.seed, configuration: training.configuration,
                embeddings: embeddings, progress: makeProgressBar(quiet: quiet), foldDidEnd: foldDidEnd)
        print(report)
    }
}
