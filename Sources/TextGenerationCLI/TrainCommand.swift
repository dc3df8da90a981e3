// `textgen train`: train a character- or word-level language model on a text file.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPCore
import TextGeneration

/// The token level of a new model.
enum TokenLevel: String, ExpressibleByArgument, CaseIterable {
    case char, word
}

extension RecurrentCell: ExpressibleByArgument {}
extension TrainingOptions.Schedule: ExpressibleByArgument {}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a language model on a text file (plain or .gz).",
        discussion: """
            Cuts the text into --batch-size parallel streams and trains on consecutive \
            --seq-length chunks of them, carrying the recurrent state from chunk to chunk \
            (char-rnn's stateful truncated backpropagation). The last --validation-fraction of \
            the text is held out: after every epoch its bits per character (or perplexity for \
            word models) is printed with a sample, and the full training state is saved to \
            --output, so --resume continues an interrupted or time-limited run. Ctrl-C stops \
            after the current batch and saves.

            Examples:
              textgen train shakespeare.txt -o shakespeare.tgmodel
              textgen train shakespeare.txt.gz --units 512 --dropout 0.2 --time-limit 1800
              textgen train shakespeare.txt.gz --units 384 --schedule cosine --time-limit 1800
              textgen train shakespeare.txt -o shakespeare.tgmodel --resume --epochs 20
              textgen train novel.txt --level word --max-vocabulary 10000 --embedding 128
            """)

    @Argument(help: "The training text (UTF-8, plain or gzip).")
    var file: String

    @Option(name: [.customShort("o"), .long], help: "Where to write the model (checkpointed after every epoch).")
    var output = "model.tgmodel"

    @Flag(help: "Continue the run saved in --output (the options default to the saved ones).")
    var resume = false

    @Option(help: "Also write the model here whenever the validation loss improves.")
    var bestOutput: String?

    @Option(help: "Token level of a new model: char or word.")
    var level = TokenLevel.char

    @Option(help: "Word models: the vocabulary size, the unknown token included.")
    var maxVocabulary = 10_000

    @Option(help: "Word models: keep words seen at least this often.")
    var minCount = 1

    @Option(help: "Recurrent cell: lstm or gru.")
    var cell = RecurrentCell.lstm

    @Option(help: "Number of stacked recurrent layers.")
    var layers = 2

    @Option(help: "Units (state width) per recurrent layer.")
    var units = 256

    @Option(help: "Embedding width; 0 feeds one-hot vectors (char-rnn).")
    var embedding = 0

    @Option(help: "Dropout after each recurrent layer during training.")
    var dropout: Float = 0

    @Option(help: "Steps per truncated-backpropagation chunk.")
    var seqLength: Int?

    @Option(help: "Parallel streams per batch.")
    var batchSize: Int?

    @Option(help: "Adam's learning rate.")
    var learningRate: Float?

    @Option(
        help: """
            Learning-rate schedule: step (char-rnn: --decay after each epoch from --decay-after on) \
            or cosine (from --learning-rate down to zero by the last epoch or the --time-limit, \
            whichever comes first).
            """)
    var schedule: TrainingOptions.Schedule?

    @Option(help: "Multiply the learning rate by this after each epoch from --decay-after on (step schedule).")
    var decay: Float?

    @Option(help: "The first epoch after which --decay applies.")
    var decayAfter: Int?

    @Option(help: "Clip the global gradient norm at this value (0: no clipping).")
    var clipNorm: Float?

    @Option(help: "Number of epochs (with --resume: the total, counting the epochs already done).")
    var epochs: Int?

    @Option(help: "Fraction of the text held out at its end for validation.")
    var validationFraction: Double?

    @Option(help: "Stop after this many epochs without a better validation loss (0: never).")
    var patience: Int?

    @Option(help: "Stop after this many seconds (evaluation and saving included in the count).")
    var timeLimit: Double?

    @Option(help: "Characters (or words) of the sample printed after each epoch (0: none).")
    var sampleLength = 200

    @Option(help: "The prompt of the per-epoch sample.")
    var samplePrompt = ""

    @Option(help: "The temperature of the per-epoch sample.")
    var sampleTemperature: Float = 0.8

    @Option(help: "Seed of the weights, dropout and samples.")
    var seed: UInt64 = 1

    @Option(help: "BLAS threads (default: OpenBLAS's choice, all cores).")
    var threads: Int?

    @Flag(name: [.customShort("q"), .long], help: "No progress output.")
    var quiet = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be positive") }
        guard sampleLength >= 0 else { throw ValidationError("--sample-length must not be negative") }
        guard sampleTemperature > 0 else { throw ValidationError("--sample-temperature must be positive") }
        guard maxVocabulary >= 2 else { throw ValidationError("--max-vocabulary must be at least 2") }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    /// The options given on the command line over `base`.
    func trainingOptions(over base: TrainingOptions) -> TrainingOptions {
        var options = base
        if let seqLength { options.sequenceLength = seqLength }
        if let batchSize { options.batchSize = batchSize }
        if let learningRate { options.learningRate = learningRate }
        if let schedule { options.learningRateSchedule = schedule }
        if let decay { options.learningRateDecay = decay }
        if let decayAfter { options.decayAfterEpoch = decayAfter }
        if let clipNorm { options.clipNorm = clipNorm > 0 ? clipNorm : nil }
        if let epochs { options.epochs = epochs }
        if let validationFraction { options.validationFraction = validationFraction }
        if let patience { options.patience = patience > 0 ? patience : nil }
        options.timeLimit = timeLimit
        options.checkpointPath = output
        options.bestModelPath = bestOutput
        return options
    }

    func run() throws {
        if let threads { BLAS.threads = threads }
        if resume, !FileManager.default.fileExists(atPath: output) {
            throw ValidationError("--resume: '\(output)' does not exist (train without --resume first)")
        }
        let text = try TextFile.read(file)
        let trainer: LanguageModelTrainer
        if resume {
            trainer = try LanguageModelTrainer.resume(from: output)
            trainer.options = trainingOptions(over: trainer.state.options)
            // The time limit counts this run only.
            if let limit = trainer.options.timeLimit { trainer.options.timeLimit = trainer.state.wallSeconds + limit }
        } else {
            let tokenizer: LanguageModelTokenizer =
                level == .char
                ? .characters(fitting: text)
                : .word(WordTokenizer(fitting: text, maxVocabulary: maxVocabulary, minCount: minCount))
            let model = try LanguageModel(
                tokenizer: tokenizer,
                configuration: LanguageModelConfiguration(
                    cell: cell, layers: layers, units: units, embeddingDimension: embedding, dropout: dropout),
                seed: seed)
            var defaults = TrainingOptions()
            defaults.epochs = 10
            trainer = try LanguageModelTrainer(model: model, options: trainingOptions(over: defaults))
        }
        let ids: [Int]
        do {
            ids = try trainer.model.tokenizer.encode(text)
        } catch let error as TextGenerationError {
            throw TextGenerationError.incompatibleCheckpoint(path: output, reason: "\(file): \(error)")
        }
        let printer = ProgressPrinter(
            model: trainer.model, epochs: trainer.options.epochs, quiet: quiet, sampleLength: sampleLength,
            samplePrompt: samplePrompt, sampleTemperature: sampleTemperature, seed: seed)
        installInterruptHandler()
        let start = monotonicSeconds()
        try trainer.train(ids: ids, observer: printer)
        let state = trainer.state
        var summary = String(
            format: "%d epoch(s) done, %.0f s this run, %.0f s training in total, %@ %@/s",
            state.completedEpochs, monotonicSeconds() - start, state.trainingSeconds,
            Format.compact(Double(state.trainedTokens) / max(state.trainingSeconds, 1e-9)),
            trainer.model.tokenizer.isCharacterLevel ? "chars" : "words")
        if let best = state.bestValidationLoss {
            summary += String(
                format: "; best validation %@ %.4f", trainer.model.tokenizer.isCharacterLevel ? "bpc" : "perplexity",
                trainer.model.tokenizer.isCharacterLevel ? best / M_LN2 : exp(best))
        }
        if state.stoppedEarly { summary += "; stopped early (no improvement)" }
        if interruptRequested.load(ordering: .relaxed) { summary += "; interrupted" }
        printDiagnostic(summary)
        printDiagnostic("model written to \(output)")
    }
}
