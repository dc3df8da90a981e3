// TextGeneration: the size and shape of a language model's network.

/// The recurrent cell of a language model.
public enum RecurrentCell: String, Codable, CaseIterable, Sendable {
    /// Long short-term memory (Keras `LSTM`, forget-gate bias 1).
    case lstm
    /// Gated recurrent unit (Keras `GRU`, `reset_after = true`).
    case gru
}

/// The network of a language model: input → `layers` × LSTM/GRU(`units`) → Dense(V) per step.
///
/// ```text
/// ids [B, T] → one-hot [B, T, V]  (embeddingDimension = 0)   or  Embedding(V, E) [B, T, E]
///            → (LSTM|GRU)(units, return sequences, stateful) [→ Dropout(dropout)]   × layers
///            → Dense(V) logits [B, T, V]
/// ```
public struct LanguageModelConfiguration: Codable, Equatable, Sendable {
    /// The recurrent cell.
    public var cell: RecurrentCell
    /// The number of stacked recurrent layers.
    public var layers: Int
    /// The state width of each recurrent layer.
    public var units: Int
    /// The embedding width, or `0` for one-hot input (char-rnn's default).
    public var embeddingDimension: Int
    /// The dropout rate after each recurrent layer during training (char-rnn `-dropout`), `0` for none.
    public var dropout: Float

    /// Creates a configuration; the defaults are char-rnn's 2 × LSTM(256), one-hot input, no dropout.
    public init(
        cell: RecurrentCell = .lstm, layers: Int = 2, units: Int = 256, embeddingDimension: Int = 0, dropout: Float = 0
    ) {
        self.cell = cell
        self.layers = layers
        self.units = units
        self.embeddingDimension = embeddingDimension
        self.dropout = dropout
    }

    /// Checks the values.
    /// - Throws: `TextGenerationError.invalidOption` naming the bad value.
    public func validate() throws {
        guard layers >= 1 else {
            throw TextGenerationError.invalidOption(name: "layers", value: "\(layers)", reason: "must be at least 1")
        }
        guard units >= 1 else {
            throw TextGenerationError.invalidOption(name: "units", value: "\(units)", reason: "must be at least 1")
        }
        guard embeddingDimension >= 0 else {
            throw TextGenerationError.invalidOption(
                name: "embedding", value: "\(embeddingDimension)", reason: "must be 0 (one-hot) or positive")
        }
        guard dropout >= 0 && dropout < 1 else {
            throw TextGenerationError.invalidOption(name: "dropout", value: "\(dropout)", reason: "must be in [0, 1)")
        }
    }
}
