// Character-level tokens and ids for text generation (char-rnn, Keras char_level).

/// Splits text into characters and maps them to ids with a fitted vocabulary.
///
/// A "character" is a Unicode scalar by default (``Unit/unicodeScalar``), as Python iterates a
/// `str` (Keras `Tokenizer(char_level=True)`, nanoGPT's `sorted(list(set(text)))`): every text
/// round-trips exactly, and the vocabulary stays small (a combining accent is one entry, not one
/// per accented letter). ``Unit/grapheme`` uses Swift `Character`s instead (user-perceived
/// characters: "e\u{301}" or "👍🏽" is one token), so a generator never emits a lone accent.
///
/// Ids are `0 ..< count`, in code-point order of the characters (char-rnn and nanoGPT sort the
/// character set), so the same text always gives the same ids:
///
/// ```swift
/// let tokenizer = CharacterTokenizer(fitting: ["hello"])   // vocabulary ["e", "h", "l", "o"]
/// try tokenizer.encode("hole")                            // [1, 3, 2, 0]
/// tokenizer.decode([1, 0, 2, 2, 3])                       // "hello"
/// ```
public struct CharacterTokenizer: Tokenizer, Sendable, Equatable {
    /// What one token is.
    public enum Unit: Sendable, Hashable {
        /// One Unicode scalar (code point), as Python and Keras count characters.
        case unicodeScalar
        /// One extended grapheme cluster (a Swift `Character`).
        case grapheme
    }

    /// The token unit.
    public let unit: Unit
    /// The vocabulary: `characters[id]` is the character with that id.
    public private(set) var characters: [String] = []
    /// Id lookup for ``Unit/unicodeScalar`` (by exact scalar value).
    private var scalarIDs: [UInt32: Int] = [:]
    /// Id lookup for ``Unit/grapheme``.
    private var graphemeIDs: [String: Int] = [:]

    /// An empty tokenizer; call ``fit(_:)`` before encoding.
    public init(unit: Unit = .unicodeScalar) { self.unit = unit }

    /// A tokenizer whose vocabulary is every character of `texts`.
    public init(fitting texts: some Sequence<String>, unit: Unit = .unicodeScalar) {
        self.init(unit: unit)
        fit(texts)
    }

    /// A tokenizer with the given vocabulary, in the given id order (e.g. saved with a model).
    /// - Precondition: the characters are distinct single units.
    public init(characters: [String], unit: Unit = .unicodeScalar) {
        self.unit = unit
        for character in characters {
            let tokens = Self.split(character, unit: unit)
            precondition(tokens.count == 1, "\(character.debugDescription) is \(tokens.count) \(unit) units, not 1")
        }
        setVocabulary(characters)
        precondition(self.characters.count == characters.count, "characters repeat in \(characters)")
    }

    /// The number of distinct characters (the vocabulary size).
    public var count: Int { characters.count }

    /// Adds the characters of `texts` to the vocabulary. Ids are re-assigned in code-point
    /// order, so fit once on all text before encoding.
    public mutating func fit(_ texts: some Sequence<String>) {
        var seen = Set(characters.map(Self.codePoints))
        var all = characters
        for text in texts {
            for token in Self.split(text, unit: unit) where seen.insert(Self.codePoints(token)).inserted {
                all.append(token)
            }
        }
        all.sort { Self.codePoints($0).lexicographicallyPrecedes(Self.codePoints($1)) }
        setVocabulary(all)
    }

    /// The characters of `text` (scalars or graphemes, per ``unit``).
    public func tokenize(_ text: String) -> [String] { Self.split(text, unit: unit) }

    /// The id of `character`, or `nil` when it is not in the vocabulary.
    public func id(for character: String) -> Int? {
        switch unit {
        case .unicodeScalar:
            let scalars = character.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else { return nil }
            return scalarIDs[scalar.value]
        case .grapheme:
            return graphemeIDs[character]
        }
    }

    /// The ids of the characters of `text`.
    /// - Throws: ``TokenizerError/unknownCharacter(_:position:)`` for the first character not in
    ///   the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        var ids: [Int] = []
        for (position, token) in tokenize(text).enumerated() {
            guard let id = id(for: token) else { throw TokenizerError.unknownCharacter(token, position: position) }
            ids.append(id)
        }
        return ids
    }

    /// The ids of the characters of `text` that are in the vocabulary; others are skipped.
    public func encodeKnown(_ text: String) -> [Int] {
        tokenize(text).compactMap { id(for: $0) }
    }

    /// The text of `ids`.
    /// - Precondition: every id is in `0 ..< count`.
    public func decode(_ ids: some Sequence<Int>) -> String {
        var text = ""
        for id in ids {
            precondition(id >= 0 && id < characters.count, "id \(id) is outside the vocabulary 0..<\(characters.count)")
            text += characters[id]
        }
        return text
    }

    // MARK: - Helpers

    private mutating func setVocabulary(_ vocabulary: [String]) {
        characters = []
        scalarIDs = [:]
        graphemeIDs = [:]
        for character in vocabulary {
            switch unit {
            case .unicodeScalar:
                let value = character.unicodeScalars.first!.value
                guard scalarIDs[value] == nil else { continue }
                scalarIDs[value] = characters.count
            case .grapheme:
                guard graphemeIDs[character] == nil else { continue }
                graphemeIDs[character] = characters.count
            }
            characters.append(character)
        }
    }

    private static func split(_ text: String, unit: Unit) -> [String] {
        switch unit {
        case .unicodeScalar: text.unicodeScalars.map { String($0) }
        case .grapheme: text.map { String($0) }
        }
    }

    private static func codePoints(_ token: String) -> [UInt32] { token.unicodeScalars.map(\.value) }
}
