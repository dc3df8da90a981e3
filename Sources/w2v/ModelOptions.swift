// The model file shared by `train` (which writes it) and the query commands (which read it).
import ArgumentParser
import CommandLineSupport
import Foundation
import Word2Vec

/// The default model path: `$W2V_MODEL` when set, else `vectors.w2vmodel` in the current directory.
///
/// `w2v train corpus.txt` writes it and `w2v similar sweden` reads it, so the two work together
/// with no flags.
var defaultModelPath: String {
    if let path = ProcessInfo.processInfo.environment["W2V_MODEL"], !path.isEmpty { return path }
    return "vectors.w2vmodel"
}

/// `--model`: which vectors a query command reads.
struct ModelOptions: ParsableArguments {
    @Option(
        name: [.customShort("m"), .long],
        help: ArgumentHelp(
            "Word vectors to read: a model written by `w2v train`, a word2vec .bin/.txt file or GloVe text.",
            discussion: "Default: $W2V_MODEL, else vectors.w2vmodel (what `w2v train` writes by default).",
            valueName: "path"))
    var model: String?

    /// The path to read.
    var path: String { model ?? defaultModelPath }

    /// Loads the vectors, with a message that says what to do when the default model is missing.
    func loadVectors() throws -> WordVectors {
        let path = self.path
        if model == nil && !FileManager.default.fileExists(atPath: path) {
            throw RuntimeError(
                "no model at '\(path)': train one first (`w2v train corpus.txt`) or pass --model <path>")
        }
        return try WordVectors.load(from: path)
    }
}

/// `--top` and `--restrict`: how many ranked words to print, and from how many of the most
/// frequent words.
struct RankingOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .long], help: "How many words to print.")
    var top: Int = 10

    @Option(help: "Only consider the N most frequent words (default: all).")
    var restrict: Int?

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be positive") }
        if let restrict, restrict <= 0 { throw ValidationError("--restrict must be positive") }
    }
}
