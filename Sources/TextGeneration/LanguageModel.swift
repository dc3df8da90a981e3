// TextGeneration: a recurrent language model — a tokenizer and a stateful Sequential network.
import NLPCore
import NLPNeural

/// A character- or word-level recurrent language model (char-rnn, Keras's lstm_text_generation).
///
/// ```swift
/// let text = try TextFile.read("shakespeare.txt")
/// let model = try LanguageModel(tokenizer: .characters(fitting: text), configuration: .init(units: 256))
/// let trainer = try LanguageModelTrainer(model: model, options: TrainingOptions(epochs: 5))
/// try trainer.train(text: text)
/// print(try model.generate(prompt: "ROMEO.", length: 300, strategy: .temperature(0.8), seed: 1))
/// ```
///
/// The recurrent layers are stateful: consecutive calls of ``forward(_:training:)`` continue from
/// the state the previous call ended in, until ``resetStates()``.
public final class LanguageModel {
    /// The tokenizer (its vocabulary fixes the input and output width `V`).
    public let tokenizer: LanguageModelTokenizer
    /// The network's shape.
    public let configuration: LanguageModelConfiguration
    /// The network: input → recurrent layers → Dense(V) logits at every step.
    public let network: Sequential

    /// Creates a model with fresh weights (Keras initialisation) drawn from `seed`.
    /// - Throws: `TextGenerationError.invalidOption` for a bad configuration or an empty vocabulary.
    public init(tokenizer: LanguageModelTokenizer, configuration: LanguageModelConfiguration, seed: UInt64 = 1) throws {
        try configuration.validate()
        guard tokenizer.count >= 1 else {
            throw TextGenerationError.invalidOption(name: "vocabulary", value: "0 tokens", reason: "must not be empty")
        }
        self.tokenizer = tokenizer
        self.configuration = configuration
        let V = tokenizer.count
        var layers: [any Layer] = []
        if configuration.embeddingDimension > 0 {
            layers.append(Embedding(inputDimension: V, outputDimension: configuration.embeddingDimension))
        }
        var dropoutSeeds = SplitMix64(seed: seed ^ 0x7465_7874_6765_6E00)
        for _ in 0 ..< configuration.layers {
            switch configuration.cell {
            case .lstm: layers.append(LSTM(units: configuration.units, returnSequences: true, stateful: true))
            case .gru: layers.append(GRU(units: configuration.units, returnSequences: true, stateful: true))
            }
            if configuration.dropout > 0 {
                layers.append(Dropout(rate: configuration.dropout, seed: dropoutSeeds.next()))
            }
        }
        layers.append(Dense(units: V))
        let inputShape = configuration.embeddingDimension > 0 ? [-1] : [-1, V]
        network = Sequential(layers, inputShape: inputShape, name: "language_model")
        try network.build(seed: seed)
    }

    /// Wraps a network loaded from a file.
    init(tokenizer: LanguageModelTokenizer, configuration: LanguageModelConfiguration, network: Sequential) {
        self.tokenizer = tokenizer
        self.configuration = configuration
        self.network = network
    }

    /// The vocabulary size `V`.
    public var vocabularySize: Int { tokenizer.count }

    /// The recurrent layers, bottom to top.
    public var recurrentLayers: [any RecurrentLayer] { network.layers.compactMap { $0 as? any RecurrentLayer } }

    /// Forgets the carried state of every recurrent layer (the next forward pass starts from zeros).
    public func resetStates() {
        for layer in recurrentLayers { layer.resetStates() }
    }

    /// The state each recurrent layer will start its next forward pass from (`nil` = zeros).
    public var states: [[Tensor]?] {
        get { recurrentLayers.map(\.initialState) }
        set {
            let layers = recurrentLayers
            precondition(newValue.count == layers.count, "\(newValue.count) states for \(layers.count) layers")
            for (layer, state) in zip(layers, newValue) { layer.initialState = state }
        }
    }

    /// Runs the network on inputs made by ``makeInput(batch:steps:fill:)`` and returns the logits
    /// `[B, T, V]`, carrying the recurrent state over to the next call.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        var current = input
        for layer in network.layers { current = layer.forward(current, mask: nil, training: training) }
        return current
    }

    /// The network input for a `[batch, steps]` block of token ids: one-hot `[B, T, V]`, or the ids
    /// themselves `[B, T]` for an embedding model. `fill(b, t)` gives the id at row `b`, step `t`.
    /// - Precondition: every id is in `0 ..< V`.
    public func makeInput(batch: Int, steps: Int, fill: (Int, Int) -> Int) -> Tensor {
        let V = vocabularySize
        if configuration.embeddingDimension > 0 {
            return Tensor(shape: [batch, steps]) { x in
                for b in 0 ..< batch {
                    for t in 0 ..< steps { x[b * steps + t] = Float(Self.checked(fill(b, t), V)) }
                }
            }
        }
        return Tensor(shape: [batch, steps, V]) { x in
            x.update(repeating: 0)
            for b in 0 ..< batch {
                for t in 0 ..< steps { x[(b * steps + t) * V + Self.checked(fill(b, t), V)] = 1 }
            }
        }
    }

    @inline(__always)
    private static func checked(_ id: Int, _ V: Int) -> Int {
        precondition(id >= 0 && id < V, "token id \(id) is outside the vocabulary 0..<\(V)")
        return id
    }
}
