// `w2v train`: word2vec.c's `word2vec -train`, with its flags and defaults.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPText
import Word2Vec

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train word vectors on a corpus (CBOW or skip-gram).",
        discussion: """
            Reads CORPUS (plain text, .gz, a directory of files, or - for standard input), \
            builds the vocabulary (words seen at least --min-count times; each line ends with \
            </s>, as in word2vec.c), and trains with word2vec.c's defaults: CBOW, 100 \
            dimensions, window 5, 5 negative samples, sample 1e-3, 5 iterations, on all cores.

            The model goes to --output: by default vectors.w2vmodel, this toolkit's file, which \
            the query commands read fast and which keeps what --resume needs. A .bin or .txt name \
            writes word2vec.c's binary or text format instead (readable by gensim and \
            word2vec.c's tools). The file is written under a temporary name and renamed, so \
            Ctrl-C (which stops training cleanly) never leaves a half-written model.

            Progress (percent, words/s, ETA, learning rate, loss) goes to standard error.

            Examples:
              w2v train corpus.txt
              w2v train corpus.txt.gz --cbow 0 --size 300 --window 10 --output vectors.bin
              zcat corpus.gz | w2v train - --threads 1 --seed 7
              w2v train more-text.txt --resume --iter 1
            """)

    @Argument(help: "The corpus: a text file, a .gz file, a directory, or - for standard input.")
    var corpus: String

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Where to write the model (.w2vmodel native, .bin or .txt word2vec).",
            discussion: "Default: $W2V_MODEL, else vectors.w2vmodel.", valueName: "path"))
    var output: String?

    @Option(help: "Output format: native, bin, txt or glove (default: from the extension; native otherwise).")
    var format: VectorFormatArgument?

    @Flag(help: "Continue training the native model at --output (same vocabulary; options default to the saved ones).")
    var resume = false

    @Option(help: "Also write the vocabulary (word2vec.c -save-vocab format) to this file.")
    var saveVocab: String?

    @Flag(name: [.customShort("q"), .long], help: "No progress output.")
    var quiet = false

    @OptionGroup(title: "Training options (word2vec.c names)") var training: TrainingArguments

    func run() throws {
        let path = output ?? defaultModelPath
        let format = self.format?.format ?? VectorFileFormat(extensionOf: path) ?? .native
        var resumed: (vectors: WordVectors, state: TrainingState)?
        var baseOptions = Word2VecOptions()
        if resume {
            let (vectors, state) = try NativeModelFile.load(from: path)
            guard let state else {
                throw RuntimeError("'\(path)' has no training state (it holds vectors only), so it cannot be resumed")
            }
            baseOptions = try Word2VecOptions(json: state.optionsJSON)
            baseOptions.threads = nil
            resumed = (vectors, state)
        }
        var trainer = Word2VecTrainer(options: training.applied(to: baseOptions))
        trainer.progressInterval = standardErrorIsTerminal ? 0.25 : 1
        let source = try Corpus(path: corpus)
        let printer = quiet ? nil : ProgressPrinter()
        installInterruptHandler()
        let model: Word2VecModel
        do {
            if let resumed {
                model = try trainer.train(
                    corpus: source, continuing: resumed.vectors, state: resumed.state,
                    cancellation: interruptCancellation, progress: printer?.report)
            } else {
                model = try trainer.train(
                    corpus: source, cancellation: interruptCancellation, progress: printer?.report)
            }
        } catch Word2VecError.cancelled {
            printDiagnostic("\ninterrupted: training stopped, no model written")
            throw ExitCode(130)
        }
        if !quiet { printSummary(model, options: trainer.options) }
        if format == .native {
            try NativeModelFile.write(model.vectors, trainingState: model.trainingState, to: path)
        } else {
            try model.vectors.save(to: path, format: format)
        }
        if let saveVocab { try model.vocabulary.save(to: saveVocab) }
        printDiagnostic(
            "model written to \(path) (\(format), \(model.vectors.count) words × \(model.vectors.dimension))")
    }

    private func printSummary(_ model: Word2VecModel, options: Word2VecOptions) {
        let statistics = model.statistics
        let architecture = options.architecture == .cbow ? "CBOW" : "skip-gram"
        let layers = [
            options.negative > 0 ? "negative \(options.negative)" : nil, options.hierarchicalSoftmax ? "hs" : nil,
        ]
        .compactMap { $0 }.joined(separator: " + ")
        printDiagnostic(
            "\(architecture), \(layers), \(options.dimension) dimensions, \(options.effectiveThreads) threads: "
                + "\(statistics.corpusWords) corpus words, \(model.vocabulary.count) in the vocabulary")
        printDiagnostic(
            String(
                format: "vocabulary %.1f s, training %.1f s, %@ words/s; loss per epoch: %@",
                statistics.preparationSeconds, statistics.trainingSeconds,
                Format.compact(statistics.wordsPerSecond),
                statistics.epochLosses.map { String(format: "%.4f", $0) }.joined(separator: " ")))
    }
}
