// A frozen table of learned phrases and its greedy application to sentences.

/// One learned phrase: its words joined by the delimiter (`new_york`) and its score.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    /// The joined text, e.g. `new_york`.
    public var text: String
    /// The score it was accepted with (see ``PhraseScoring``).
    public var score: Double

    /// Creates a phrase.
    public init(text: String, score: Double) {
        self.text = text
        self.score = score
    }

    /// `text score`, the line format of ``PhraseTable/write(to:)``.
    public var description: String { "\(text) \(score)" }
}

/// The phrases of one pass (gensim's `FrozenPhrases`): applying it joins adjacent words whose
/// joined text is in the table.
///
/// A pair `a b` is joined when `a + delimiter + b` is a phrase, whichever way the phrase was split
/// when it was learned (gensim's rule), so a second-pass table containing `new_york_times` joins
/// `new_york` + `times`. Make one table per pass and apply them in order (``PhraseModel``).
public struct PhraseTable: Sendable, Equatable {
    /// The string joining the words of a phrase.
    public let delimiter: String
    /// The phrases, highest score first (ties in text order).
    public let phrases: [Phrase]
    /// Phrase text → score.
    @usableFromInline let scores: [String: Double]
    /// Every word that is the left or right part of some split of some phrase → an id.
    @usableFromInline let partIDs: [String: Int32]
    /// `leftID << 32 | rightID` for every split of every phrase at a delimiter.
    @usableFromInline let pairs: Set<UInt64>

    /// Creates a table from phrases.
    /// - Precondition: texts are distinct, contain the delimiter between non-empty parts, and scores
    ///   are finite. (``init(contentsOf:delimiter:)`` checks the same and throws instead.)
    public init(phrases: [Phrase], delimiter: String = "_") {
        precondition(!delimiter.isEmpty, "the phrase delimiter must not be empty")
        var seen = Set<String>()
        for phrase in phrases {
            precondition(seen.insert(phrase.text).inserted, "phrase '\(phrase.text)' appears twice")
            precondition(phrase.score.isFinite, "phrase '\(phrase.text)' has score \(phrase.score)")
            precondition(
                !Self.splits(of: phrase.text, delimiter: delimiter).isEmpty,
                "phrase '\(phrase.text)' has no '\(delimiter)' between two words")
        }
        self.init(uncheckedPhrases: phrases, delimiter: delimiter)
    }

    /// Creates a table from phrases already checked by the caller.
    init(uncheckedPhrases: [Phrase], delimiter: String) {
        self.delimiter = delimiter
        phrases = uncheckedPhrases.sorted { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }
        var scores: [String: Double] = [:]
        var partIDs: [String: Int32] = [:]
        var pairs = Set<UInt64>()
        func id(_ part: String) -> Int32 {
            if let id = partIDs[part] { return id }
            let id = Int32(partIDs.count)
            partIDs[part] = id
            return id
        }
        for phrase in phrases {
            scores[phrase.text] = phrase.score
            for (left, right) in Self.splits(of: phrase.text, delimiter: delimiter) {
                pairs.insert(PhraseCounts.key(id(left), id(right)))
            }
        }
        self.scores = scores
        self.partIDs = partIDs
        self.pairs = pairs
    }

    /// Every way to cut `text` at one occurrence of `delimiter` into two non-empty parts.
    static func splits(of text: String, delimiter: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var searchStart = text.startIndex
        while let range = text[searchStart...].firstRange(of: delimiter) {
            let left = text[..<range.lowerBound]
            let right = text[range.upperBound...]
            if !left.isEmpty && !right.isEmpty { result.append((String(left), String(right))) }
            searchStart = text.index(after: range.lowerBound)
        }
        return result
    }

    /// The number of phrases.
    public var count: Int { phrases.count }
    /// `true` when no phrase was learned.
    public var isEmpty: Bool { phrases.isEmpty }

    /// The score of a phrase given by its joined text, `nil` when it is not in the table.
    public func score(of text: String) -> Double? { scores[text] }

    /// `true` when `first second` would be joined.
    public func joins(_ first: String, _ second: String) -> Bool {
        guard let a = partIDs[first], let b = partIDs[second] else { return false }
        return pairs.contains(PhraseCounts.key(a, b))
    }

    /// Joins phrases greedily from left to right: when `w[i] w[i+1]` is a phrase the output gets
    /// `w[i]_w[i+1]` and scanning resumes at `w[i+2]`, so a word joins at most one phrase per pass
    /// (word2phrase and gensim). `a b c` with both `a_b` and `b_c` in the table gives `a_b c`.
    @inlinable
    public func apply<Sentence: Sequence>(to sentence: Sentence) -> [String] where Sentence.Element: StringProtocol {
        let words = sentence.map { String(decoding: $0.utf8, as: UTF8.self) }
        guard words.count > 1, !pairs.isEmpty else { return words }
        var output: [String] = []
        output.reserveCapacity(words.count)
        var i = 0
        var currentID = partIDs[words[0]]
        while i < words.count {
            guard i + 1 < words.count else {
                output.append(words[i])
                break
            }
            let nextID = partIDs[words[i + 1]]
            if let a = currentID, let b = nextID, pairs.contains(PhraseCounts.key(a, b)) {
                output.append(words[i] + delimiter + words[i + 1])
                i += 2
                currentID = i < words.count ? partIDs[words[i]] : nil
            } else {
                output.append(words[i])
                i += 1
                currentID = nextID
            }
        }
        return output
    }

    /// Applies the table to every sentence.
    public func apply<Sentences: Sequence>(toSentences sentences: Sentences) -> [[String]]
    where Sentences.Element: Sequence, Sentences.Element.Element: StringProtocol {
        sentences.map { apply(to: $0) }
    }
}
