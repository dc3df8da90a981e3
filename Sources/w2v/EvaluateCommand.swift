// `w2v evaluate`: analogy accuracy (questions-words) and word-pair correlation (WordSim-353).
import ArgumentParser
import CommandLineSupport
import Foundation
import Word2Vec

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score word vectors on analogy questions and word-pair similarities.",
        discussion: """
            Analogies (questions-words.txt format, ": section" headers): each question "a b c d" \
            is answered with the word nearest to b − a + c among the --restrict most frequent \
            words, leaving out a, b and c (3CosAdd); questions with a word outside those are \
            skipped and counted. Prints per-section accuracy, then semantic, syntactic and total — \
            the numbers of word2vec.c's compute-accuracy and gensim's evaluate_word_analogies \
            (restrict_vocab=30000, case_insensitive=True).

            Word pairs (WordSim-353 format: word, word, human score, tab-separated, # comments): \
            Spearman and Pearson correlations between the human scores and the cosine \
            similarities, and the share of pairs with unknown words (gensim's \
            evaluate_word_pairs).

            Without --analogies/--pairs, corpora/questions-words.txt and corpora/wordsim353.tsv \
            are used when they exist under the current directory (the repository's copies).

            Example:
              w2v evaluate --model vectors.bin --analogies questions-words.txt --restrict 30000
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Analogy questions (questions-words.txt format).")
    var analogies: String?

    @Option(help: "Word pairs with human scores (WordSim-353 format).")
    var pairs: String?

    @Option(help: "Search and know only the N most frequent words for analogies.")
    var restrict: Int = 30_000

    @Option(help: "Analogy objective: cosadd (3CosAdd) or cosmul (3CosMul).")
    var method: AnalogyMethodArgument = .cosadd

    @Flag(help: "Match words case-sensitively (default: case-insensitive, like gensim).")
    var caseSensitive = false

    func validate() throws {
        guard restrict > 0 else { throw ValidationError("--restrict must be positive") }
    }

    func run() throws {
        let analogyPath = analogies ?? Self.bundled("corpora/questions-words.txt")
        let pairPath = pairs ?? Self.bundled("corpora/wordsim353.tsv")
        guard analogyPath != nil || pairPath != nil else {
            throw RuntimeError("nothing to evaluate: pass --analogies <file> and/or --pairs <file>")
        }
        let vectors = try modelOptions.loadVectors()
        if let analogyPath {
            let questions = try AnalogyQuestions(contentsOf: analogyPath)
            let result = vectors.evaluateAnalogies(
                questions, restrictTo: restrict, caseInsensitive: !caseSensitive, method: method.method)
            print("Analogies: \(analogyPath)")
            print(result)
            print(
                String(
                    format: "semantic %.2f%%  syntactic %.2f%%  total %.2f%%  (%d of %d questions seen)",
                    100 * result.semantic.accuracy, 100 * result.syntactic.accuracy, 100 * result.total.accuracy,
                    result.total.seen, result.total.total))
        }
        if let pairPath {
            if analogyPath != nil { print() }
            let result = try vectors.evaluateWordPairs(
                try WordPairs(contentsOf: pairPath), caseInsensitive: !caseSensitive)
            print("Word pairs: \(pairPath)")
            print(result)
        }
    }

    /// `relativePath` under the current directory, when that file exists.
    private static func bundled(_ relativePath: String) -> String? {
        FileManager.default.fileExists(atPath: relativePath) ? relativePath : nil
    }
}
