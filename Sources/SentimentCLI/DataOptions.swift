// Where the labelled data is and which columns hold text and label.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPText
import Sentiment

/// The data argument and column options shared by train, evaluate and cross-validate.
struct DataOptions: ParsableArguments {
    @Argument(
        help: "A TSV/CSV file with a header (.csv is CSV, anything else TSV; .gz is fine), or a folder per class.")
    var data: String

    @Option(help: "The header name of the text column.")
    var textColumn = "text"

    @Option(help: "The header name of the label column.")
    var labelColumn = "label"

    /// Loads the data, with a one-line summary on standard error.
    func load() throws -> LabeledTextDataset {
        let dataset = try SentimentData.load(data, textColumn: textColumn, labelColumn: labelColumn)
        printDiagnostic("\(data): \(dataset.classSummary)")
        return dataset
    }
}

/// How the classifier is built and trained (train and cross-validate).
struct TrainingOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: "The network: mlp (bag of words), lstm, gru, bilstm or bigru.")
    var architecture: SentimentArchitecture = .mlp

    @Flag(
        help: """
            Train an ensemble instead of one network: the bag-of-words model (mlp) and a GRU (over \
            --embeddings when given), averaging their probabilities. --model is then ignored; the \
            other options apply to the members they concern.
            """)
    var ensemble = false

    @Option(help: "Pretrained word vectors (word2vec .bin/.txt or .w2vmodel from `w2v train`) for lstm/gru models.")
    var embeddings: String?

    @Flag(help: "Keep the pretrained vectors fixed instead of fine-tuning them.")
    var freezeEmbeddings = false

    @Option(help: "The most training passes (early stopping usually ends sooner; default 20).")
    var epochs: Int?

    @Option(help: "Keep this many of the most frequent tokens (default 100000 for mlp, 20000 otherwise).")
    var vocabularySize: Int?

    @Option(help: "1 for words, 2 to add word bigrams (default 2 for mlp, 1 otherwise).")
    var ngrams: Int?

    @Option(help: "Sequence length for lstm/gru models (default: covers 95% of the training texts).")
    var maxLength: Int?

    @Option(help: "Units per recurrent layer (default 64).")
    var units: Int?

    @Option(help: "Stacked recurrent layers (default 1).")
    var layers: Int?

    @Option(help: "Bag-of-words feature values: binary, count, tfidf or nb-binary (default nb-binary).")
    var features: BagOfWordsMode?

    @Option(help: "Units of the bag-of-words hidden layers, comma separated (default 16,16).")
    var hiddenUnits: String?

    @Option(help: "Dropout rate before the output (and between hidden layers of mlp; default 0.5).")
    var dropout: Float?

    @Option(help: "Dropout on the bag-of-words input (each token of a training text; default 0).")
    var inputDropout: Float?

    @Option(help: "L2 penalty on the bag-of-words layer's kernel (default 0).")
    var l2: Float?

    @Option(help: "Adam's learning rate (default 0.001).")
    var learningRate: Float?

    @Option(help: "Samples per step (default 32).")
    var batchSize: Int?

    @Option(help: "Epochs without a lower validation loss before stopping (default 2); 0 turns early stopping off.")
    var patience: Int?

    @Option(help: "Random seed (default 1).")
    var seed: UInt64 = 1

    @Flag(help: "No progress bars.")
    var quiet = false

    /// The configuration these options describe.
    var configuration: SentimentConfiguration {
        var configuration = SentimentConfiguration(architecture: architecture, seed: seed)
        if let epochs { configuration.epochs = epochs }
        configuration.vocabularySize = vocabularySize
        configuration.ngrams = ngrams
        configuration.maxLength = maxLength
        if let units { configuration.recurrentUnits = units }
        if let layers { configuration.recurrentLayers = layers }
        if let features { configuration.bagOfWordsMode = features }
        configuration.freezeEmbeddings = freezeEmbeddings
        if let hiddenUnits {
            configuration.hiddenUnits = hiddenUnits.split(separator: ",").map {
                Int($0.trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        if let dropout { configuration.dropout = dropout }
        if let l2 { configuration.l2 = l2 }
        if let inputDropout { configuration.inputDropout = inputDropout }
        if let learningRate { configuration.learningRate = learningRate }
        if let batchSize { configuration.batchSize = batchSize }
        if let patience { configuration.earlyStoppingPatience = patience > 0 ? patience : nil }
        return configuration
    }

    /// The ensemble members these options describe: ``configuration`` for each of
    /// `SentimentEnsemble.defaultMembers`' architectures.
    var memberConfigurations: [SentimentConfiguration] {
        SentimentEnsemble.defaultMembers.map { member in
            var configuration = self.configuration
            configuration.architecture = member.architecture
            return configuration
        }
    }

    /// The pretrained vectors, loaded, when `--embeddings` is given.
    func loadEmbeddings() throws -> PretrainedEmbeddings? {
        guard let embeddings else {
            if freezeEmbeddings { throw RuntimeError("--freeze-embeddings needs --embeddings FILE") }
            return nil
        }
        guard architecture.isSequenceModel || ensemble else {
            throw RuntimeError("--embeddings needs a sequence model (--model lstm, gru, bilstm or bigru) or --ensemble")
        }
        let vectors = try PretrainedEmbeddings(contentsOf: embeddings, freeze: freezeEmbeddings)
        printDiagnostic("\(embeddings): \(vectors.vectors.count) words × \(vectors.vectors.dimension)")
        return vectors
    }
}

extension SentimentArchitecture: ExpressibleByArgument {}
extension BagOfWordsMode: ExpressibleByArgument {}
