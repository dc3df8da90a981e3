// The layers of each architecture, built from a configuration and a fitted tokenizer.
import Foundation
import NLPCore
import NLPNeural
import NLPText

/// Builds the networks of ``SentimentArchitecture``.
enum SentimentModelFactory {
    /// The layers for `classes` classes (one sigmoid output for 2, softmax otherwise).
    static func layers(
        configuration: SentimentConfiguration, tokenizer: SentimentTokenizer, classes: Int, featureWeights: [Float]?,
        embeddings: PretrainedEmbeddings?, using rng: inout SplitMix64
    ) throws -> (layers: [any Layer], alignment: EmbeddingAlignment?) {
        var layers: [any Layer] = []
        var alignment: EmbeddingAlignment?
        let dropoutSeed = configuration.seed &+ 0x44_524F_50
        switch configuration.architecture {
        case .mlp:
            let value: BagOfWordsDense.Value =
                switch configuration.bagOfWordsMode {
                case .binary, .nbBinary: .presence
                case .count: .count
                case .tfidf: .logCount
                }
            layers.append(
                BagOfWordsDense(
                    vocabularySize: tokenizer.tableSize, units: configuration.hiddenUnits[0], activation: .relu,
                    value: value, featureWeights: featureWeights,
                    kernelRegularizer: configuration.l2 > 0 ? .l2(configuration.l2) : nil,
                    inputDropout: configuration.inputDropout, seed: dropoutSeed &+ 200))
            for (index, units) in configuration.hiddenUnits.dropFirst().enumerated() {
                if configuration.dropout > 0 {
                    layers.append(Dropout(rate: configuration.dropout, seed: dropoutSeed &+ UInt64(index)))
                }
                layers.append(Dense(units: units, activation: .relu))
            }
        case .lstm, .gru, .bilstm, .bigru:
            if var embeddings {
                embeddings.freeze = embeddings.freeze || configuration.freezeEmbeddings
                let (matrix, aligned) = try embeddings.alignedMatrix(for: tokenizer, using: &rng)
                alignment = aligned
                layers.append(Embedding(weights: matrix, maskZero: true, isTrainable: !embeddings.freeze))
            } else {
                layers.append(
                    Embedding(
                        inputDimension: tokenizer.tableSize, outputDimension: configuration.embeddingDimension,
                        maskZero: true))
            }
            for index in 0 ..< configuration.recurrentLayers {
                let returnSequences = index < configuration.recurrentLayers - 1
                let units = configuration.recurrentUnits
                let dropout = configuration.recurrentInputDropout
                let recurrent: any RecurrentLayer =
                    switch configuration.architecture {
                    case .lstm, .bilstm: LSTM(units: units, returnSequences: returnSequences, dropout: dropout)
                    default: GRU(units: units, returnSequences: returnSequences, dropout: dropout)
                    }
                if configuration.architecture == .bilstm || configuration.architecture == .bigru {
                    layers.append(Bidirectional(recurrent))
                } else {
                    layers.append(recurrent)
                }
            }
        }
        if configuration.dropout > 0 {
            layers.append(Dropout(rate: configuration.dropout, seed: dropoutSeed &+ 100))
        }
        layers.append(
            classes == 2 ? Dense(units: 1, activation: .sigmoid) : Dense(units: classes, activation: .softmax))
        return (layers, alignment)
    }

    /// Each token's naive-Bayes log-count ratio (NBSVM): `ln((p/|p|₁) / (q/|q|₁))` from binary
    /// counts in positive (label 1) and negative texts, smoothed by 1; index 0 (padding) gets 0.
    static func naiveBayesRatios(tokenIDs: [[Int]], labels: [Int], tableSize: Int) -> [Float] {
        var positive = [Double](repeating: 1, count: tableSize)
        var negative = [Double](repeating: 1, count: tableSize)
        for (ids, label) in zip(tokenIDs, labels) {
            for id in Set(ids) {
                if label == 1 { positive[id] += 1 } else { negative[id] += 1 }
            }
        }
        let positiveTotal = positive.reduce(0, +)
        let negativeTotal = negative.reduce(0, +)
        var ratios = (0 ..< tableSize).map {
            Float(log((positive[$0] / positiveTotal) / (negative[$0] / negativeTotal)))
        }
        ratios[0] = 0
        return ratios
    }

    /// Keras's tf-idf inverse document frequency `ln(1 + documents / (1 + df))` per id.
    static func inverseDocumentFrequencies(tokenizer: SentimentTokenizer) -> [Float] {
        let documents = Double(tokenizer.documentCount)
        return [0] + tokenizer.documentFrequencies.map { Float(log(1 + documents / Double(1 + $0))) }
    }

    /// A layer from its saved configuration (the toolkit's layers and ``BagOfWordsDense``).
    static func makeLayer(_ configuration: LayerConfiguration) throws -> any Layer {
        if configuration.type == BagOfWordsDense.typeName { return try BagOfWordsDense(configuration: configuration) }
        return try LayerRegistry.makeLayer(configuration)
    }

    /// The sequence length covering 95% of `lengths`, clamped to 8…400.
    static func automaticMaxLength(_ lengths: [Int]) -> Int {
        guard !lengths.isEmpty else { return 8 }
        let sorted = lengths.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)
        return min(max(sorted[max(index, 0)], 8), 400)
    }
}
