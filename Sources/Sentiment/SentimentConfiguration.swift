// The hyperparameters of a sentiment classifier, with defaults chosen on movie-snippets.tsv.

/// The network that reads the text.
public enum SentimentArchitecture: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Keras's IMDB model: a multi-hot (or tf-idf) bag of words → Dense(16, relu) → Dense(16, relu) →
    /// Dense(1, sigmoid) (softmax for more than two classes).
    case mlp
    /// Embedding → LSTM → Dense.
    case lstm
    /// Embedding → GRU → Dense.
    case gru
    /// Embedding → Bidirectional(LSTM) → Dense.
    case bilstm
    /// Embedding → Bidirectional(GRU) → Dense.
    case bigru

    /// Whether the model reads the words in order (every architecture but ``mlp``).
    public var isSequenceModel: Bool { self != .mlp }

    /// The raw value (`mlp`, `lstm`, …).
    public var description: String { rawValue }
}

/// How the bag-of-words model weighs the words of a text (Keras `texts_to_matrix` modes).
public enum BagOfWordsMode: String, Codable, Sendable, CaseIterable {
    /// 1 when the word occurs (Keras's IMDB example).
    case binary
    /// The number of occurrences.
    case count
    /// `(1 + ln count) · ln(1 + documents / (1 + documentFrequency))` (Keras `tfidf`).
    case tfidf
    /// 1 when the word occurs, times the word's naive-Bayes log-count ratio
    /// `ln((p/|p|₁) / (q/|q|₁))` with `p`, `q` the smoothed (+1) binary counts of the word in
    /// the positive and negative training texts (Wang & Manning 2012, NBSVM). Binary tasks only;
    /// with more than two classes it falls back to ``binary``.
    case nbBinary = "nb-binary"
}

/// Everything that decides how a ``SentimentClassifier`` is built and trained.
///
/// The defaults work without tuning: they were chosen by 10-fold cross-validation on
/// `corpora/movie-snippets.tsv`, the bag-of-words vocabulary size later by validation on training
/// rows only (Benchmarks/README.md, sentiment section).
public struct SentimentConfiguration: Codable, Sendable, Equatable {
    /// The network.
    public var architecture: SentimentArchitecture
    /// Keep the `vocabularySize - 1` most frequent tokens (Keras `num_words`); `nil` picks 100,000
    /// for ``SentimentArchitecture/mlp`` (words and bigrams: on movie-snippets and clothing-reviews
    /// this keeps nearly every token seen twice or more, and it beat 30,000 in validation on
    /// training rows only) and 20,000 for sequence models.
    public var vocabularySize: Int?
    /// 1 for words, 2 to add word bigrams as extra tokens; `nil` picks 2 for the bag-of-words
    /// model and 1 for sequence models.
    public var ngrams: Int?
    /// Lower-case texts before splitting (Keras `lower`).
    public var lowercase: Bool
    /// Characters replaced by spaces before splitting (Keras `filters`).
    public var filters: String
    /// The bag-of-words feature values.
    public var bagOfWordsMode: BagOfWordsMode
    /// Units of the bag-of-words hidden layers (Keras IMDB: `[16, 16]`).
    public var hiddenUnits: [Int]
    /// Sequence length for recurrent models (padded and truncated at the front); `nil` uses the
    /// length that covers 95% of the training texts (8…400).
    public var maxLength: Int?
    /// Embedding width for random embeddings (pretrained vectors bring their own).
    public var embeddingDimension: Int
    /// Units of each recurrent layer.
    public var recurrentUnits: Int
    /// The number of stacked recurrent layers.
    public var recurrentLayers: Int
    /// Input dropout inside the recurrent layers.
    public var recurrentInputDropout: Float
    /// Dropout before the output layer (and between bag-of-words hidden layers).
    public var dropout: Float
    /// Dropout on the bag-of-words input: each distinct token of a training text is dropped with
    /// this probability.
    public var inputDropout: Float
    /// L2 penalty on the bag-of-words layer's kernel (Keras `kernel_regularizer=l2(...)`); 0 for none.
    public var l2: Float
    /// Keep pretrained embeddings fixed during training (also when ``PretrainedEmbeddings/freeze``
    /// is `false`).
    public var freezeEmbeddings: Bool
    /// Adam's learning rate.
    public var learningRate: Float
    /// Samples per gradient step.
    public var batchSize: Int
    /// The most passes over the training data.
    public var epochs: Int
    /// Epochs without a lower validation loss before training stops; `nil` trains all epochs
    /// without validation.
    public var earlyStoppingPatience: Int?
    /// The share of the training texts held out for early stopping: every ⌈1/fraction⌉-th text
    /// (positions where ⌊(i + 1)·f⌋ > ⌊i·f⌋; for 0.1, positions 9, 19, 29, …).
    public var validationFraction: Double
    /// Seeds weights, shuffling and dropout.
    public var seed: UInt64

    /// Creates a configuration; every argument has a default that works without tuning.
    public init(
        architecture: SentimentArchitecture = .mlp, vocabularySize: Int? = nil, ngrams: Int? = nil,
        lowercase: Bool = true, filters: String = SentimentConfiguration.kerasFilters,
        bagOfWordsMode: BagOfWordsMode = .nbBinary, hiddenUnits: [Int] = [16, 16], maxLength: Int? = nil,
        embeddingDimension: Int = 100, recurrentUnits: Int = 64, recurrentLayers: Int = 1,
        recurrentInputDropout: Float = 0, dropout: Float = 0.5, inputDropout: Float = 0, l2: Float = 0,
        freezeEmbeddings: Bool = false,
        learningRate: Float = 0.001, batchSize: Int = 32, epochs: Int = 20, earlyStoppingPatience: Int? = 2,
        validationFraction: Double = 0.1, seed: UInt64 = 1
    ) {
        self.architecture = architecture
        self.vocabularySize = vocabularySize
        self.ngrams = ngrams
        self.lowercase = lowercase
        self.filters = filters
        self.bagOfWordsMode = bagOfWordsMode
        self.hiddenUnits = hiddenUnits
        self.maxLength = maxLength
        self.embeddingDimension = embeddingDimension
        self.recurrentUnits = recurrentUnits
        self.recurrentLayers = recurrentLayers
        self.recurrentInputDropout = recurrentInputDropout
        self.dropout = dropout
        self.l2 = l2
        self.inputDropout = inputDropout
        self.freezeEmbeddings = freezeEmbeddings
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.epochs = epochs
        self.earlyStoppingPatience = earlyStoppingPatience
        self.validationFraction = validationFraction
        self.seed = seed
    }

    /// Keras's default `filters`: ASCII punctuation except `'`, plus tab and newline.
    public static let kerasFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

    /// The vocabulary size actually used.
    public var resolvedVocabularySize: Int { vocabularySize ?? (architecture == .mlp ? 100_000 : 20_000) }

    /// The n-gram order actually used.
    public var resolvedNgrams: Int { ngrams ?? (architecture == .mlp ? 2 : 1) }

    /// Checks the values.
    /// - Throws: ``SentimentError/invalidConfiguration(_:)`` naming the bad value.
    public func validate() throws {
        func fail(_ message: String) throws { throw SentimentError.invalidConfiguration(message) }
        if resolvedVocabularySize < 2 { try fail("vocabularySize \(resolvedVocabularySize) must be at least 2") }
        if !(1 ... 2).contains(resolvedNgrams) { try fail("ngrams \(resolvedNgrams) must be 1 or 2") }
        if hiddenUnits.isEmpty || hiddenUnits.contains(where: { $0 <= 0 }) {
            try fail("hiddenUnits \(hiddenUnits) must be positive")
        }
        if let maxLength, maxLength <= 0 { try fail("maxLength \(maxLength) must be positive") }
        if embeddingDimension <= 0 { try fail("embeddingDimension \(embeddingDimension) must be positive") }
        if recurrentUnits <= 0 { try fail("recurrentUnits \(recurrentUnits) must be positive") }
        if recurrentLayers <= 0 { try fail("recurrentLayers \(recurrentLayers) must be positive") }
        if !(0 ..< 1).contains(dropout) { try fail("dropout \(dropout) must lie in [0, 1)") }
        if !(0 ..< 1).contains(recurrentInputDropout) {
            try fail("recurrentInputDropout \(recurrentInputDropout) must lie in [0, 1)")
        }
        if !(0 ..< 1).contains(inputDropout) { try fail("inputDropout \(inputDropout) must lie in [0, 1)") }
        if !(l2 >= 0) { try fail("l2 \(l2) must not be negative") }
        if !(learningRate > 0) { try fail("learningRate \(learningRate) must be positive") }
        if batchSize <= 0 { try fail("batchSize \(batchSize) must be positive") }
        if epochs <= 0 { try fail("epochs \(epochs) must be positive") }
        if let earlyStoppingPatience, earlyStoppingPatience < 0 {
            try fail("earlyStoppingPatience \(earlyStoppingPatience) must not be negative")
        }
        if !(0 ..< 0.9).contains(validationFraction) {
            try fail("validationFraction \(validationFraction) must lie in [0, 0.9)")
        }
    }
}
