// The trainer's settings, named after word2vec.c's command-line flags.

import Foundation

/// Everything that decides how word2vec trains. Every default is word2vec.c's (`-size 100
/// -window 5 -negative 5 -hs 0 -sample 1e-3 -min-count 5 -iter 5 -cbow 1`, `-alpha` 0.05 for
/// CBOW and 0.025 for skip-gram), so `Word2VecOptions()` trains what `./word2vec -train …` does.
///
/// `Codable`, so a model's ``TrainingState/optionsJSON`` records the settings that made it.
public struct Word2VecOptions: Sendable, Equatable, Codable {
    /// Which prediction task is trained.
    public enum Architecture: String, Sendable, Codable, CaseIterable {
        /// Continuous bag of words: the context predicts the word (`-cbow 1`, gensim `sg=0`).
        case cbow
        /// Skip-gram: the word predicts each context word (`-cbow 0`, gensim `sg=1`).
        case skipGram
    }

    /// CBOW or skip-gram (`-cbow`; default CBOW, like word2vec.c).
    public var architecture: Architecture = .cbow
    /// Vector dimension (`-size`, gensim `vector_size`).
    public var dimension = 100
    /// The largest distance between a word and a context word (`-window`).
    public var window = 5
    /// Draw the effective window uniformly from `1…window` for each word, as word2vec.c always
    /// does (gensim `shrink_windows=True`).
    public var shrinkWindow = true
    /// Negative samples per prediction (`-negative`); 0 turns negative sampling off.
    public var negative = 5
    /// The exponent of the noise distribution `count^exponent` (gensim `ns_exponent`; word2vec.c
    /// hard-codes 0.75).
    public var negativeExponent = 0.75
    /// Train with hierarchical softmax over a Huffman tree (`-hs 1`); can be combined with
    /// negative sampling.
    public var hierarchicalSoftmax = false
    /// Skip-gram draws one set of negatives per center word, shared by all its context words, and
    /// trains the window as one small matrix product (Ji et al. 2016; faster, same accuracy in
    /// their tests and in Benchmarks/README.md). `false` draws negatives per context word, as
    /// word2vec.c and gensim do. CBOW ignores it.
    public var sharedNegatives = true
    /// The subsampling threshold for frequent words (`-sample`); 0 keeps every word.
    public var sample = 1e-3
    /// Words seen fewer times are left out of the vocabulary (`-min-count`).
    public var minCount = 5
    /// Keep at most this many of the most frequent words (gensim `max_final_vocab`), `</s>` included.
    public var maxVocabularySize: Int?
    /// Distinct words held while counting before the rarest are pruned (word2vec.c's
    /// `ReduceVocab` at 0.7 × its 30M hash size; gensim `max_vocab_size`).
    public var maxCountedTypes = 21_000_000
    /// The starting learning rate (`-alpha`); `nil` means word2vec.c's default for the
    /// architecture: 0.05 for CBOW, 0.025 for skip-gram.
    public var alpha: Double?
    /// The learning rate decays linearly from `alpha` to `alpha × minAlphaFraction` over the run
    /// (word2vec.c: 1e-4; gensim `min_alpha / alpha`). For CBOW on the benchmark corpus a floor
    /// of 0.1 scored 0.33 points higher on analogies than 1e-4 over 10 seeds (Benchmarks/README.md).
    public var minAlphaFraction = 1e-4
    /// How progress through the run is measured for the learning-rate decay.
    public var alphaSchedule = AlphaSchedule.linear
    /// The range of the random initial word vectors (the output weights start at zero).
    public var initialization = VectorInitialization.word2vecC
    /// Passes over the corpus (`-iter`, gensim `epochs`).
    public var epochs = 5
    /// Worker threads (`-threads`); `nil` means all active processors. With 1 thread and a
    /// fixed ``seed`` training is bit-for-bit reproducible.
    public var threads: Int?
    /// The seed of every random choice (initial vectors, windows, subsampling, negatives).
    public var seed: UInt64 = 1
    /// CBOW averages the context vectors (word2vec.c; gensim `cbow_mean=1`); `false` sums them.
    public var cbowMean = true
    /// Sentences (lines) longer than this many words are split (word2vec.c `MAX_SENTENCE_LENGTH`
    /// 1000; gensim uses 10000).
    public var maxSentenceLength = 1000
    /// Phrase passes (word2phrase) run over the corpus before training: 1 joins bigrams such as
    /// `new_york`, 2 also longer phrases. 0 (the default) trains on the words as they are.
    public var phrasePasses = 0
    /// word2phrase's `-min-count` for the phrase passes.
    public var phraseMinCount = 5
    /// word2phrase's `-threshold` for the phrase passes (a bigram is joined above it).
    public var phraseThreshold = 100.0

    /// word2vec.c's defaults.
    public init() {}

    /// word2vec.c's defaults for `architecture`.
    public init(architecture: Architecture) { self.architecture = architecture }

    /// The starting learning rate in effect: ``alpha`` or the architecture's default.
    public var effectiveAlpha: Double { alpha ?? (architecture == .cbow ? 0.05 : 0.025) }

    /// The thread count in effect: ``threads`` or the number of active processors.
    public var effectiveThreads: Int { threads ?? ActiveProcessors.count }

    /// Checks every setting.
    /// - Throws: ``Word2VecError/invalidOption(_:value:reason:)`` naming the first bad setting.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: CustomStringConvertible, _ reason: String) throws {
            if !ok { throw Word2VecError.invalidOption(name, value: value.description, reason: reason) }
        }
        try check(dimension >= 1 && dimension <= 10_000, "dimension", dimension, "it must be in 1…10000")
        try check(window >= 1, "window", window, "it must be at least 1")
        try check(negative >= 0 && negative <= 1000, "negative", negative, "it must be in 0…1000")
        try check(
            negative > 0 || hierarchicalSoftmax, "negative", negative,
            "with hierarchical softmax off, negative sampling needs at least 1 sample")
        try check(negativeExponent.isFinite, "negativeExponent", negativeExponent, "it must be finite")
        try check(sample >= 0 && sample.isFinite, "sample", sample, "it must be 0 or positive")
        try check(minCount >= 1, "minCount", minCount, "it must be at least 1")
        try check(
            (maxVocabularySize ?? 2) >= 2, "maxVocabularySize", maxVocabularySize ?? 0,
            "it must be at least 2 (</s> and one word)")
        try check(maxCountedTypes >= 1, "maxCountedTypes", maxCountedTypes, "it must be at least 1")
        try check(effectiveAlpha > 0 && effectiveAlpha.isFinite, "alpha", effectiveAlpha, "it must be positive")
        try check(
            minAlphaFraction >= 0 && minAlphaFraction <= 1, "minAlphaFraction", minAlphaFraction,
            "it must be in 0…1")
        try check(epochs >= 1, "epochs", epochs, "it must be at least 1")
        try check(
            effectiveThreads >= 1 && effectiveThreads <= 1024, "threads", effectiveThreads,
            "it must be in 1…1024")
        try check(maxSentenceLength >= 1, "maxSentenceLength", maxSentenceLength, "it must be at least 1")
        try check(phrasePasses >= 0 && phrasePasses <= 8, "phrasePasses", phrasePasses, "it must be in 0…8")
        try check(phraseMinCount >= 1, "phraseMinCount", phraseMinCount, "it must be at least 1")
        try check(phraseThreshold.isFinite, "phraseThreshold", phraseThreshold, "it must be finite")
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, dimension, window, shrinkWindow, negative, negativeExponent, hierarchicalSoftmax,
            sharedNegatives, sample, minCount, maxVocabularySize, maxCountedTypes, alpha, minAlphaFraction,
            alphaSchedule, initialization,
            epochs, threads, seed, cbowMean, maxSentenceLength, phrasePasses, phraseMinCount, phraseThreshold
    }

    /// Decodes options; settings missing from the JSON (from an older version) keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try container.decodeIfPresent(type(of: architecture).self, forKey: .architecture) {
            architecture = value
        }
        if let value = try container.decodeIfPresent(type(of: dimension).self, forKey: .dimension) { dimension = value }
        if let value = try container.decodeIfPresent(type(of: window).self, forKey: .window) { window = value }
        if let value = try container.decodeIfPresent(type(of: shrinkWindow).self, forKey: .shrinkWindow) {
            shrinkWindow = value
        }
        if let value = try container.decodeIfPresent(type(of: negative).self, forKey: .negative) { negative = value }
        if let value = try container.decodeIfPresent(type(of: negativeExponent).self, forKey: .negativeExponent) {
            negativeExponent = value
        }
        if let value = try container.decodeIfPresent(type(of: hierarchicalSoftmax).self, forKey: .hierarchicalSoftmax) {
            hierarchicalSoftmax = value
        }
        if let value = try container.decodeIfPresent(type(of: sharedNegatives).self, forKey: .sharedNegatives) {
            sharedNegatives = value
        }
        if let value = try container.decodeIfPresent(type(of: sample).self, forKey: .sample) { sample = value }
        if let value = try container.decodeIfPresent(type(of: minCount).self, forKey: .minCount) { minCount = value }
        maxVocabularySize =
            try container.decodeIfPresent(type(of: maxVocabularySize).self, forKey: .maxVocabularySize) ?? nil
        if let value = try container.decodeIfPresent(type(of: maxCountedTypes).self, forKey: .maxCountedTypes) {
            maxCountedTypes = value
        }
        alpha = try container.decodeIfPresent(type(of: alpha).self, forKey: .alpha) ?? nil
        if let value = try container.decodeIfPresent(type(of: minAlphaFraction).self, forKey: .minAlphaFraction) {
            minAlphaFraction = value
        }
        if let value = try container.decodeIfPresent(type(of: alphaSchedule).self, forKey: .alphaSchedule) {
            alphaSchedule = value
        }
        if let value = try container.decodeIfPresent(type(of: initialization).self, forKey: .initialization) {
            initialization = value
        }
        if let value = try container.decodeIfPresent(type(of: epochs).self, forKey: .epochs) { epochs = value }
        threads = try container.decodeIfPresent(type(of: threads).self, forKey: .threads) ?? nil
        if let value = try container.decodeIfPresent(type(of: seed).self, forKey: .seed) { seed = value }
        if let value = try container.decodeIfPresent(type(of: cbowMean).self, forKey: .cbowMean) { cbowMean = value }
        if let value = try container.decodeIfPresent(type(of: maxSentenceLength).self, forKey: .maxSentenceLength) {
            maxSentenceLength = value
        }
        if let value = try container.decodeIfPresent(type(of: phrasePasses).self, forKey: .phrasePasses) {
            phrasePasses = value
        }
        if let value = try container.decodeIfPresent(type(of: phraseMinCount).self, forKey: .phraseMinCount) {
            phraseMinCount = value
        }
        if let value = try container.decodeIfPresent(type(of: phraseThreshold).self, forKey: .phraseThreshold) {
            phraseThreshold = value
        }
    }
}

extension Word2VecOptions {
    /// Options decoded from ``TrainingState/optionsJSON``.
    /// - Throws: the decoder's error for malformed JSON.
    public init(json: String) throws {
        self = try JSONDecoder().decode(Word2VecOptions.self, from: Data(json.utf8))
    }
}

/// How the learning rate's linear decay measures progress.
public enum AlphaSchedule: String, Codable, Sendable, CaseIterable {
    /// All threads' words against the whole run (word2vec.c; gensim's iterable mode): one line from
    /// `alpha` to the floor.
    case linear
    /// gensim's `corpus_file` mode: each thread measures the epoch's progress by its *own* words
    /// against the *whole* corpus (`get_next_alpha` in gensim 4's `word2vec_corpusfile.pyx`). With
    /// `T` threads the rate falls only `1/T` of the way through each epoch and jumps back at the
    /// next one (2 threads, CBOW: 0.050 → 0.045, 0.040 → 0.035, …, 0.010 → 0.005). For
    /// like-for-like comparisons with that mode; with 1 thread it is ``linear``.
    case gensimCorpusFile = "gensim-corpus-file"
}

/// The random initial word vectors: uniform, with a range that differs between the reference
/// implementations.
public enum VectorInitialization: String, Codable, Sendable, CaseIterable {
    /// word2vec.c: uniform in `[−0.5, 0.5) / dimension`.
    case word2vecC = "word2vec-c"
    /// gensim 4 (`prep_vectors` in `keyedvectors.py`): uniform in `[−1, 1) / dimension`, twice
    /// word2vec.c's range.
    case gensim
}
