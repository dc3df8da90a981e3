// Word tokens on ICU word boundaries, with Keras-like normalization and a fast ASCII path.
internal import CICU

/// Splits text into words at ICU's word boundaries (UAX #29 plus dictionaries for Chinese,
/// Japanese, Thai, Khmer, …) and normalizes them.
///
/// Words keep their inner apostrophes and accents ("don't", "café"); Chinese and Japanese are
/// split into dictionary words ("日本語", "の", "文章"); emoji and flags are tokens of their own.
/// The default options follow Keras `TextVectorization(standardize="lower_and_strip_punctuation")`:
/// lower-case, no punctuation tokens, and punctuation removed inside words:
///
/// ```swift
/// let tokenizer = try UnicodeTokenizer()
/// tokenizer("Don't panic, it's 3.14!")   // ["dont", "panic", "its", "314"]
/// let keeping = try UnicodeTokenizer(punctuation: .dropTokens, numbers: .replace(with: "<num>"))
/// keeping("Don't panic, it's 3.14!")     // ["don't", "panic", "it's", "<num>"]
/// ```
///
/// Unlike Keras, which strips punctuation and then splits on white space, words are split at
/// punctuation: "hello-world" gives "hello", "world" (Keras: "helloworld").
///
/// Pure-ASCII stretches of text (between white space) are split by a scanner that implements
/// ICU's rules for ASCII and gives the same tokens without calling ICU; stretches with other
/// characters go to ICU. The value is `Sendable`: copies share a pool of ICU iterators, one per
/// concurrent caller.
public struct UnicodeTokenizer: Tokenizer, Sendable {
    /// How letters change case.
    public enum CaseMapping: Sendable, Hashable {
        /// Keep the text's case.
        case preserve
        /// Full Unicode lower-casing, root locale: "Straße" → "straße", "İ" → "i̇".
        case lowercase
        /// Full Unicode case folding, for caseless matching: "Straße" → "strasse".
        case foldCase
    }

    /// What happens to punctuation and symbols.
    public enum PunctuationHandling: Sendable, Hashable {
        /// Punctuation and symbol segments become tokens ("Hi, you!" → "Hi", ",", "you", "!").
        case keep
        /// Punctuation-only segments are dropped; words keep inner punctuation ("don't", "3.14").
        case dropTokens
        /// Punctuation-only segments are dropped and punctuation characters (general category P*)
        /// are removed inside words: "don't" → "dont", "3.14" → "314", "e.g." → "eg" (Keras's
        /// `lower_and_strip_punctuation` does the same to ASCII punctuation).
        case strip
    }

    /// What happens to numbers: ICU "number" segments (digits of any script, with inner `.`, `,`,
    /// `'`, `_`) that contain no letters. ICU calls "mp3" a number (its last character is a
    /// digit); here it stays a word.
    public enum NumberHandling: Sendable, Hashable {
        /// Numbers are tokens like words.
        case keep
        /// Every number becomes this token, e.g. `"<num>"`.
        case replace(with: String)
        /// Numbers are dropped.
        case drop
    }

    /// The ICU locale whose word-break rules apply, e.g. `"en_US"`, `"ja"`, `"th"`.
    public var locale: String { streams.locale }
    /// Case mapping applied to tokens (default ``CaseMapping/lowercase``).
    public var caseMapping: CaseMapping
    /// Unicode normalization applied to the text before splitting (default `nil`: none). `.nfkc`
    /// turns "ﬁ" into "fi" and full-width "１２" into "12".
    public var normalization: NormalizationForm?
    /// Punctuation handling (default ``PunctuationHandling/strip``).
    public var punctuation: PunctuationHandling
    /// Number handling (default ``NumberHandling/keep``).
    public var numbers: NumberHandling
    /// Whether emoji (and flags, and ZWJ sequences) are tokens (default `true`).
    public var keepsEmoji: Bool
    /// Whether pure-ASCII stretches skip ICU (default `true`). The tokens are the same either way;
    /// `false` sends all text through ICU, for comparison.
    public var usesASCIIFastPath: Bool

    let streams: TokenStreamPool
    /// The most UTF-8 bytes handed to ICU at once (64 MiB). Longer text is cut at ASCII white
    /// space (or, in a longer stretch without any, between two characters), which keeps ICU's
    /// 32-bit lengths and its UTF-16 copies bounded. Settable for tests.
    var icuPieceLimit = 64 << 20

    /// Creates a tokenizer. The defaults lower-case and strip punctuation like Keras's
    /// `TextVectorization`.
    /// - Throws: ``ICUError/cannotOpenWordBreaker(locale:code:)`` when ICU cannot open a word
    ///   breaker (unknown locales fall back to the root rules, so this means ICU is unusable).
    public init(
        locale: String = "en_US", caseMapping: CaseMapping = .lowercase,
        normalization: NormalizationForm? = nil, punctuation: PunctuationHandling = .strip,
        numbers: NumberHandling = .keep, keepsEmoji: Bool = true, usesASCIIFastPath: Bool = true
    ) throws {
        self.streams = try TokenStreamPool(locale: locale)
        self.caseMapping = caseMapping
        self.normalization = normalization
        self.punctuation = punctuation
        self.numbers = numbers
        self.keepsEmoji = keepsEmoji
        self.usesASCIIFastPath = usesASCIIFastPath
    }

    // MARK: - Tokens as strings

    /// The normalized word tokens of `text`.
    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    // MARK: - Tokens without allocation

    /// Calls `body` with the UTF-8 bytes of each token of `text`, in order, without creating
    /// strings. The buffer is valid only during the call. Pure-ASCII text allocates nothing but
    /// one small scratch buffer per call.
    public func forEachToken(
        in text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var text = text
        try text.withUTF8 { try forEachToken(inValidUTF8: $0, body) }
    }

    /// Calls `body` with the UTF-8 bytes of each token of `utf8`. Ill-formed UTF-8 is repaired
    /// first: each invalid sequence becomes U+FFFD.
    public func forEachToken(
        inUTF8 utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        if Self.isASCII(utf8) {
            try forEachToken(inValidUTF8: utf8, body)
        } else {
            try forEachToken(in: String(decoding: utf8, as: UTF8.self), body)
        }
    }

    /// The main loop over well-formed UTF-8: splits the text at ASCII white space into
    /// stretches, scans ASCII stretches directly and hands runs of the others to ICU.
    func forEachToken(
        inValidUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { scratchSpace in
            var emitter = TokenEmitter(options: self, scratch: scratchSpace)
            guard usesASCIIFastPath else {
                try emitICU(bytes, range: 0 ..< bytes.count, emitter: &emitter, body)
                return
            }
            // White space always separates words (UAX #29 joins nothing across it but combining
            // marks, which stay with their non-ASCII stretch), so each stretch splits alone.
            var pending: Range<Int>? = nil  // consecutive non-ASCII stretches, for one ICU call
            var i = 0
            let count = bytes.count
            while i < count {
                while i < count && ASCIIWordScanner.isWhitespace(bytes[i]) { i += 1 }
                guard i < count else { break }
                let start = i
                var highBits: UInt8 = 0
                while i < count && !ASCIIWordScanner.isWhitespace(bytes[i]) {
                    highBits |= bytes[i]
                    i += 1
                }
                if highBits < 0x80 {
                    if let run = pending {
                        try emitICU(bytes, range: run, emitter: &emitter, body)
                        pending = nil
                    }
                    try ASCIIWordScanner.forEachWord(
                        in: bytes, range: start ..< i, includesPunctuation: punctuation == .keep
                    ) { range, kind in
                        try emitter.emitASCII(bytes, range: range, kind: kind, body)
                    }
                } else if let run = pending, i - run.lowerBound <= icuPieceLimit {
                    pending = run.lowerBound ..< i
                } else {
                    if let run = pending { try emitICU(bytes, range: run, emitter: &emitter, body) }
                    pending = start ..< i
                }
            }
            if let run = pending { try emitICU(bytes, range: run, emitter: &emitter, body) }
        }
    }

    /// Sends `bytes[range]` to ICU in pieces of at most ``icuPieceLimit`` bytes.
    private func emitICU(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, emitter: inout TokenEmitter,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = range.upperBound
            if end - start > icuPieceLimit {
                end = start + icuPieceLimit
                var cut = end
                while cut > start && !ASCIIWordScanner.isWhitespace(bytes[cut - 1]) { cut -= 1 }
                if cut == start {
                    cut = end
                    while cut > start + 1 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }  // not inside a scalar
                }
                end = cut
            }
            try emitICUPiece(bytes, range: start ..< end, emitter: &emitter, body)
            start = end
        }
    }

    /// Normalizes, case-maps and splits `bytes[range]` with ICU, and strips punctuation from the
    /// words, all in one C loop; the emitter handles numbers and emoji.
    private func emitICUPiece(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, emitter: inout TokenEmitter,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let options = ICUTokenStream.Options(
            normalization: normalization, caseMapping: caseMapping, stripsPunctuation: punctuation == .strip,
            keepsPunctuation: punctuation == .keep)
        let failure = try streams.withStream { stream in
            try stream.forEachToken(inUTF8: slice, options: options) { token, kind in
                try emitter.emitICU(token, kind: kind, body)
            }
        }
        if let failure { preconditionFailure("\(failure)") }  // only out of memory: pieces are at most 64 MiB
    }

    /// `true` when every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var highBits: UInt8 = 0
        for byte in bytes { highBits |= byte }
        return highBits < 0x80
    }
}
