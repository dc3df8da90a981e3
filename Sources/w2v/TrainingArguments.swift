// word2vec.c's training flags, mapped one to one onto `Word2VecOptions`.
import ArgumentParser
import Word2Vec

extension AlphaSchedule: ExpressibleByArgument {}
extension VectorInitialization: ExpressibleByArgument {}

/// The training options with word2vec.c's names. Each is optional: unset means word2vec.c's
/// default for a new model, or the saved setting when resuming.
struct TrainingArguments: ParsableArguments {
    @Option(help: "Vector dimension (default 100).")
    var size: Int?

    @Option(help: "Largest distance between a word and its context words (default 5).")
    var window: Int?

    @Option(help: "Negative samples per prediction; 0 turns negative sampling off (default 5).")
    var negative: Int?

    @Option(help: ArgumentHelp("Hierarchical softmax: 1 on, 0 off (default 0).", valueName: "0|1"))
    var hs: Int?

    @Option(help: "Downsample words more frequent than this share of the corpus; 0 keeps all (default 1e-3).")
    var sample: Double?

    @Option(help: "Drop words seen fewer times (default 5).")
    var minCount: Int?

    @Option(help: "Keep at most this many of the most frequent words (default: no limit).")
    var maxVocab: Int?

    @Option(help: "Worker threads (default: all cores). With 1 thread and --seed, runs are bit-identical.")
    var threads: Int?

    @Option(help: "Passes over the corpus (default 5).")
    var iter: Int?

    @Option(help: "Starting learning rate (default 0.05 for CBOW, 0.025 for skip-gram).")
    var alpha: Double?

    @Option(
        help: """
            Final learning rate: alpha decays linearly to this (default alpha × 0.0001, word2vec.c's \
            floor; gensim's min_alpha).
            """)
    var minAlpha: Double?

    @Option(
        help: ArgumentHelp(
            """
            How alpha's decay measures progress: linear (all threads' words over the whole run, \
            word2vec.c's) or gensim-corpus-file (each thread's words against the whole corpus, per \
            epoch, as gensim's corpus_file mode does; for comparisons with it) (default linear).
            """, valueName: "linear|gensim-corpus-file"))
    var alphaSchedule: AlphaSchedule?

    @Option(
        help: ArgumentHelp(
            """
            Range of the random initial vectors: word2vec-c ([-0.5, 0.5) / size) or gensim ([-1, 1) / \
            size, gensim 4's) (default word2vec-c).
            """, valueName: "word2vec-c|gensim"))
    var initialization: VectorInitialization?

    @Option(help: ArgumentHelp("1 for CBOW, 0 for skip-gram (default 1).", valueName: "0|1"))
    var cbow: Int?

    @Flag(help: "CBOW sums the context vectors instead of averaging them.")
    var cbowSum = false

    @Option(
        help: ArgumentHelp(
            "Skip-gram: 1 shares each word's negative samples across its window (faster), 0 draws them per context word as word2vec.c does (default 1).",
            valueName: "0|1"))
    var sharedNegatives: Int?

    @Option(help: "Noise distribution exponent: count^x (default 0.75).")
    var negativeExponent: Double?

    @Option(help: "Split lines longer than this many words (default 1000, word2vec.c's).")
    var maxSentenceLength: Int?

    @Option(help: "Random seed (default 1).")
    var seed: UInt64?

    @Option(help: "Phrase passes before training (word2phrase; default 0).")
    var phrases: Int?

    @Option(help: "word2phrase threshold for --phrases (default 100).")
    var phraseThreshold: Double?

    func validate() throws {
        if let hs, hs != 0 && hs != 1 { throw ValidationError("--hs must be 0 or 1") }
        if let cbow, cbow != 0 && cbow != 1 { throw ValidationError("--cbow must be 0 or 1") }
        if let minAlpha, !(minAlpha >= 0 && minAlpha.isFinite) {
            throw ValidationError("--min-alpha must be zero or positive, got \(minAlpha)")
        }
        if let sharedNegatives, sharedNegatives != 0 && sharedNegatives != 1 {
            throw ValidationError("--shared-negatives must be 0 or 1")
        }
    }

    /// `base` with every option given on the command line applied.
    func applied(to base: Word2VecOptions) -> Word2VecOptions {
        var options = base
        if let cbow { options.architecture = cbow == 1 ? .cbow : .skipGram }
        if let size { options.dimension = size }
        if let window { options.window = window }
        if let negative { options.negative = negative }
        if let hs { options.hierarchicalSoftmax = hs == 1 }
        if let sample { options.sample = sample }
        if let minCount { options.minCount = minCount }
        if let maxVocab { options.maxVocabularySize = maxVocab }
        if let threads { options.threads = threads }
        if let iter { options.epochs = iter }
        if let alpha { options.alpha = alpha }
        if let alphaSchedule { options.alphaSchedule = alphaSchedule }
        if let initialization { options.initialization = initialization }
        if cbowSum { options.cbowMean = false }
        if let sharedNegatives { options.sharedNegatives = sharedNegatives == 1 }
        if let negativeExponent { options.negativeExponent = negativeExponent }
        if let maxSentenceLength { options.maxSentenceLength = maxSentenceLength }
        if let seed { options.seed = seed }
        if let phrases { options.phrasePasses = phrases }
        if let phraseThreshold { options.phraseThreshold = phraseThreshold }
        // After alpha and the architecture: the floor is stored as a fraction of the start.
        if let minAlpha { options.minAlphaFraction = minAlpha / options.effectiveAlpha }
        return options
    }
}
