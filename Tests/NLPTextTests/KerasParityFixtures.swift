// Loads the committed Keras reference outputs written by Fixtures/keras/generate_keras_fixtures.py
// (tests never run Python).
import Foundation
import NLPCore
import Testing

/// The JSON fixtures in `Tests/NLPTextTests/Fixtures/keras/`, found next to this source file
/// (`#filePath`), so no resource bundle is needed.
enum KerasFixtures {
    /// The directory holding the fixtures.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/keras")

    /// Decodes `Fixtures/keras/<name>`.
    static func load<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// `tokenizer.json`, loaded once (`nil` when it cannot be read: the fixture-presence test then fails).
    static let tokenizer: TokenizerFile? = try? load(TokenizerFile.self, from: "tokenizer.json")
    /// `padding.json`, loaded once.
    static let padding: PaddingFile? = try? load(PaddingFile.self, from: "padding.json")
    /// `text_vectorization.json`, loaded once.
    static let textVectorization: VectorizationFile? = try? load(
        VectorizationFile.self, from: "text_vectorization.json")
    /// `categorical.json`, loaded once.
    static let categorical: CategoricalFile? = try? load(CategoricalFile.self, from: "categorical.json")

    /// The package versions that produced the fixtures.
    struct Versions: Decodable {
        let keras_preprocessing: String
        let numpy: String
        let keras: String?
        let python: String
    }

    // MARK: - tokenizer.json

    /// `text_to_word_sequence` cases and `Tokenizer` cases.
    struct TokenizerFile: Decodable {
        let versions: Versions
        let text_to_word_sequence: [WordSequenceCase]
        let tokenizer: [TokenizerCase<String>]
        /// Cases whose texts are lists of tokens.
        let tokenized: [TokenizerCase<[String]>]
        /// Cases where `TextTokenizer` deliberately differs.
        let known_differences: [TokenizerCase<String>]
    }

    /// One `text_to_word_sequence(text, filters, lower, split)` call.
    struct WordSequenceCase: Decodable, CustomTestStringConvertible {
        let text: String
        let filters: String
        let lower: Bool
        let split: String
        let tokens: [String]

        var testDescription: String { "\(text.debugDescription) split \(split.debugDescription)" }
    }

    /// The `Tokenizer(**options)` arguments.
    struct TokenizerOptions: Decodable {
        let num_words: Int?
        let filters: String
        let lower: Bool
        let split: String
        let char_level: Bool
        let oov_token: String?
    }

    /// A `[word, count]` pair of `word_counts.items()`.
    struct WordCount: Decodable, Equatable {
        let word: String
        let count: Int

        init(word: String, count: Int) {
            self.word = word
            self.count = count
        }

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            word = try pair.decode(String.self)
            count = try pair.decode(Int.self)
        }
    }

    /// A matrix stored as its shape and, per row, its non-zero `[column, value]` pairs.
    struct SparseMatrix: Decodable {
        let shape: [Int]
        let rows: [[[Double]]]

        /// The dense row-major `Float` scalars.
        var dense: [Float] {
            var scalars = [Float](repeating: 0, count: shape.reduce(1, *))
            for (row, entries) in rows.enumerated() {
                for entry in entries { scalars[row * shape[1] + Int(entry[0])] = Float(entry[1]) }
            }
            return scalars
        }
    }

    /// A tokenizer fitted on `fits` (one `fit_on_texts` call per batch) and then on
    /// `fit_sequences`, with everything Keras exposes afterwards. `Text` is `String`, or
    /// `[String]` for texts given as lists of tokens.
    struct TokenizerCase<Text: Decodable & Sendable>: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let options: TokenizerOptions
        let fits: [[Text]]
        let fit_sequences: [[Int]]?
        let query_texts: [Text]
        let query_sequences: [[Int]]
        let matrix_texts: [Text]
        let document_count: Int
        let word_counts: [WordCount]
        let word_docs: [String: Int]
        let word_index: [String: Int]
        /// `nil` for large vocabularies (then the inverse of `word_index`).
        let index_word: [String: String]?
        let index_docs: [String: Int]
        let texts_to_sequences: [[Int]]
        let sequences_to_texts: [String]
        /// Mode name → the matrix of `texts_to_matrix(matrix_texts)`; absent when Keras has no width.
        let texts_to_matrix: [String: SparseMatrix]?
        /// Mode name → the matrix of `sequences_to_matrix(query_sequences)`.
        let sequences_to_matrix: [String: SparseMatrix]?

        var testDescription: String { name }
    }

    // MARK: - text_vectorization.json

    /// `TextVectorization` cases, and the cases where the toolkit deliberately differs.
    struct VectorizationFile: Decodable {
        let versions: Versions
        let cases: [VectorizationCase]
        let known_differences: [VectorizationCase]
    }

    /// The `TextVectorization(**options)` arguments; `ngrams` is `null`, an integer or a list.
    struct VectorizationOptions: Decodable {
        let max_tokens: Int?
        let standardize: String?
        let split: String?
        let ngrams: NestedInts?
        let output_mode: String
        let output_sequence_length: Int?
        let pad_to_max_tokens: Bool
    }

    /// A layer adapted on `adapt_texts`: its vocabulary and its output for `query_texts` (`[n, 1]`
    /// when Keras returned `[n]`).
    struct VectorizationCase: Decodable, CustomTestStringConvertible {
        let name: String
        let options: VectorizationOptions
        let adapt_texts: [String]
        let query_texts: [String]
        let vocabulary: [String]
        let output: SparseMatrix

        var testDescription: String { name }
    }

    // MARK: - padding.json

    /// `pad_sequences` cases.
    struct PaddingFile: Decodable {
        let versions: Versions
        let pad_sequences: [PaddingCase]
    }

    /// One `pad_sequences(sequences, maxlen, dtype, padding, truncating, value)` call.
    struct PaddingCase: Decodable, CustomTestStringConvertible {
        let sequences: [[Int]]
        let maxlen: Int?
        let padding: String
        let truncating: String
        let value: Double
        let dtype: String
        let expected: [[Double]]

        var testDescription: String {
            "\(sequences) maxlen \(maxlen.map(String.init) ?? "None") padding \(padding) truncating \(truncating) "
                + "value \(value)"
        }
    }

    // MARK: - categorical.json

    /// `to_categorical` cases.
    struct CategoricalFile: Decodable {
        let versions: Versions
        let to_categorical: [CategoricalCase]
    }

    /// One `to_categorical(ids, num_classes=depth)` call; `ids` flattened in row-major order.
    struct CategoricalCase: Decodable, CustomTestStringConvertible {
        let ids_shape: [Int]
        let depth: Int?
        let shape: [Int]
        let values: [Double]
        let flatIDs: [Int]

        enum CodingKeys: String, CodingKey {
            case ids, ids_shape, depth, shape, values
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ids_shape = try container.decode([Int].self, forKey: .ids_shape)
            depth = try container.decodeIfPresent(Int.self, forKey: .depth)
            shape = try container.decode([Int].self, forKey: .shape)
            values = try container.decode([Double].self, forKey: .values)
            flatIDs = try Self.flatten(container.decode(NestedInts.self, forKey: .ids))
        }

        private static func flatten(_ nested: NestedInts) -> [Int] {
            switch nested {
            case .leaf(let value): [value]
            case .list(let items): items.flatMap(flatten)
            }
        }

        var testDescription: String { "ids shape \(ids_shape), depth \(depth.map(String.init) ?? "None")" }
    }

    /// An integer or an arbitrarily nested list of them.
    indirect enum NestedInts: Decodable {
        case leaf(Int)
        case list([NestedInts])

        init(from decoder: any Decoder) throws {
            if let value = try? decoder.singleValueContainer().decode(Int.self) {
                self = .leaf(value)
            } else {
                var container = try decoder.unkeyedContainer()
                var items: [NestedInts] = []
                while !container.isAtEnd { items.append(try container.decode(NestedInts.self)) }
                self = .list(items)
            }
        }
    }
}
