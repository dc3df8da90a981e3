// `textgen evaluate`: bits per character and perplexity of a model on a text file.
import ArgumentParser
import CommandLineSupport
import Foundation
import TextGeneration

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a model on a text file: bits per character and perplexity.",
        discussion: """
            Runs the model over FILE with the training layout (--batch-size streams of \
            --seq-length chunks, state carried between chunks) and prints the mean cross-entropy \
            of each next token in nats, in bits (bits per character for character models) and \
            as perplexity. Characters outside the model's vocabulary are skipped (with a note on \
            standard error).

            Example:
              textgen evaluate held-out.txt -m shakespeare.tgmodel
            """)

    @Argument(help: "The text to score (UTF-8, plain or gzip).")
    var file: String

    @Option(name: [.customShort("m"), .long], help: "The model file.")
    var model = "model.tgmodel"

    @Option(help: "Parallel streams (shrinks for short texts).")
    var batchSize = 64

    @Option(help: "Steps per chunk (shrinks for short texts).")
    var seqLength = 100

    func validate() throws {
        guard batchSize >= 1, seqLength >= 1 else {
            throw ValidationError("--batch-size and --seq-length must be positive")
        }
    }

    func run() throws {
        let languageModel = try LanguageModel.load(from: model)
        let text = try TextFile.read(file)
        let ids = languageModel.tokenizer.encodeKnown(text)
        if languageModel.tokenizer.isCharacterLevel {
            let skipped = text.unicodeScalars.count - ids.count
            if skipped > 0 { printDiagnostic("note: skipped \(skipped) characters not in the model's vocabulary") }
        }
        let evaluation = try languageModel.evaluate(ids: ids, batchSize: batchSize, sequenceLength: seqLength)
        let unit = languageModel.tokenizer.isCharacterLevel ? "character" : "word"
        print("tokens: \(evaluation.tokens)")
        print(String(format: "cross-entropy: %.4f nats per %@", evaluation.crossEntropy, unit))
        print(String(format: "bits per %@: %.4f", unit, evaluation.bitsPerToken))
        print(String(format: "perplexity: %.4f", evaluation.perplexity))
    }
}
