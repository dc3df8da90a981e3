// Splitting raw bytes at ASCII whitespace, 64 bytes at a time (text8 / word2vec.c style).

/// One token found by ``WhitespaceTokenizer``: a word's bytes, or the end of a sentence (a
/// newline, word2vec.c's `</s>`) when the tokenizer marks sentence ends.
public enum WhitespaceToken {
    /// A word: the bytes between two whitespace bytes, pointing into the tokenized buffer (valid
    /// only during the callback), at most ``WhitespaceTokenizer/maxWordBytes`` long.
    case word(UnsafeRawBufferPointer)
    /// A newline byte, reported only when ``WhitespaceTokenizer/marksSentenceEnds`` is `true`.
    /// Every newline produces one, as word2vec.c produces one `</s>` per newline (blank lines too).
    case sentenceEnd
}

/// What one ``WhitespaceTokenizer/forEachToken(in:_:)`` call saw.
public struct WhitespaceTokenizerCounts: Sendable, Equatable {
    /// Words reported (including truncated ones).
    public var words = 0
    /// Sentence ends reported (0 unless the tokenizer marks them).
    public var sentenceEnds = 0
    /// Words longer than ``WhitespaceTokenizer/maxWordBytes`` that were cut.
    public var truncatedWords = 0

    /// Zero counts.
    public init() {}
}

/// Splits bytes into words at ASCII whitespace — space, tab, newline, carriage return, vertical
/// tab and form feed — without allocating: words are handed out as slices of the input.
///
/// This is the tokenization of text8 and word2vec.c (`ReadWord`): everything that is not one of
/// those six bytes belongs to a word, so punctuation and non-ASCII bytes (UTF-8 letters) stay in
/// the words unchanged. Runs of whitespace, leading and trailing whitespace produce no empty
/// words. With `marksSentenceEnds`, every newline is also reported as ``WhitespaceToken/sentenceEnd``
/// (word2vec.c's `</s>`); a carriage return is plain whitespace, so CRLF text splits like LF text.
///
/// Words longer than ``maxWordBytes`` are truncated to their longest prefix of whole UTF-8
/// characters that fits (word2vec.c truncates at `MAX_STRING` = 100 bytes, keeping 99 bytes).
/// A prefix is cut before any byte of the form `10xxxxxx`, so valid UTF-8 stays valid.
///
/// The loop classifies 64 bytes per step into a 64-bit whitespace mask (SWAR arithmetic on eight
/// 64-bit words, which LLVM vectorizes) and walks the word boundaries with bit tricks; the cost
/// per byte is a few instructions and the cost per word one callback.
///
/// ```swift
/// let tokenizer = WhitespaceTokenizer(marksSentenceEnds: true)
/// tokenizer.words(in: "the cat\nsat") // ["the", "cat", "sat"]
/// ```
public struct WhitespaceTokenizer: Sendable {
    /// word2vec.c's limit on word length (`MAX_STRING`), the default ``maxWordBytes``.
    public static let defaultMaxWordBytes = 100

    /// The longest word reported, in bytes; longer words are truncated (see the type's docs).
    public var maxWordBytes: Int
    /// Whether newlines are reported as ``WhitespaceToken/sentenceEnd``.
    public var marksSentenceEnds: Bool

    /// A tokenizer truncating words after `maxWordBytes` bytes.
    /// - Precondition: `maxWordBytes >= 4` (one UTF-8 character must fit).
    public init(maxWordBytes: Int = WhitespaceTokenizer.defaultMaxWordBytes, marksSentenceEnds: Bool = false) {
        precondition(maxWordBytes >= 4, "maxWordBytes must be at least 4 (one UTF-8 character), got \(maxWordBytes)")
        self.maxWordBytes = maxWordBytes
        self.marksSentenceEnds = marksSentenceEnds
    }

    /// `true` for the six ASCII whitespace bytes that separate words.
    @inlinable
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte &- 0x09) < 5
    }

    /// Calls `body` for each word (and each sentence end, when marked) of `bytes`, in order.
    /// The end of `bytes` ends the last word.
    /// - Returns: how many words and sentence ends were reported and how many words were cut.
    @inlinable
    @discardableResult
    public func forEachToken(
        in bytes: UnsafeRawBufferPointer, _ body: (WhitespaceToken) throws -> Void
    ) rethrows -> WhitespaceTokenizerCounts {
        var counts = WhitespaceTokenizerCounts()
        guard let base = bytes.baseAddress, bytes.count > 0 else { return counts }
        let count = bytes.count
        let maxWord = maxWordBytes
        let sentences = marksSentenceEnds
        // Bit i of `previousWhitespace` is the whitespace bit of the byte before the block.
        var previousWhitespace: UInt64 = 1
        var wordStart = 0
        var position = 0

        @inline(__always)
        func emitWord(_ start: Int, _ end: Int) throws {
            var length = end - start
            if length > maxWord {
                length = WhitespaceTokenizer.truncatedLength(base + start, maxWord)
                counts.truncatedWords += 1
            }
            counts.words += 1
            try body(.word(UnsafeRawBufferPointer(start: base + start, count: length)))
        }

        @inline(__always)
        func walk(_ whitespace: UInt64, _ newlines: UInt64, _ blockStart: Int) throws {
            // A set bit in `edges` is a byte whose class differs from the byte before it: word
            // starts and word ends (the whitespace byte after a word) alternate.
            var edges = whitespace ^ ((whitespace << 1) | previousWhitespace)
            var lines = newlines
            while edges | lines != 0 {
                let edge = edges.trailingZeroBitCount
                let line = lines.trailingZeroBitCount
                if edge <= line {
                    let index = blockStart + edge
                    if whitespace & (1 &<< UInt64(edge)) == 0 {
                        wordStart = index
                    } else {
                        try emitWord(wordStart, index)
                    }
                    edges &= edges &- 1
                } else {
                    counts.sentenceEnds += 1
                    try body(.sentenceEnd)
                    lines &= lines &- 1
                }
            }
            previousWhitespace = whitespace >> 63
        }

        while position + 64 <= count {
            let (whitespace, newlines) = WhitespaceTokenizer.classify(base + position, sentences)
            try walk(whitespace, newlines, position)
            position += 64
        }
        let rest = count - position
        if rest > 0 {
            // The tail is padded with spaces, which end the last word at `count`.
            var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            let (whitespace, newlines) = withUnsafeMutableBytes(of: &tail) { block in
                block.initializeMemory(as: UInt8.self, repeating: 0x20)
                block.baseAddress!.copyMemory(from: base + position, byteCount: rest)
                return WhitespaceTokenizer.classify(UnsafeRawPointer(block.baseAddress!), sentences)
            }
            try walk(whitespace, newlines, position)
        } else if previousWhitespace == 0 {
            try emitWord(wordStart, count)
        }
        return counts
    }

    /// The words of `bytes` (sentence ends are skipped), each as a byte array.
    public func words(in bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        bytes.withUnsafeBytes { raw in
            _ = forEachToken(in: raw) { token in
                if case .word(let word) = token { result.append([UInt8](word)) }
            }
        }
        return result
    }

    /// The words of `text` (sentence ends are skipped).
    public func words(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { utf8 in
            var result: [String] = []
            forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
                if case .word(let word) = token { result.append(String(decoding: word, as: UTF8.self)) }
            }
            return result
        }
    }

    /// The sentences of `text`: its lines' words, blank lines skipped (sentence ends are where
    /// newlines are, whatever ``marksSentenceEnds`` says).
    public func sentences(in text: String) -> [[String]] {
        var tokenizer = self
        tokenizer.marksSentenceEnds = true
        var text = text
        return text.withUTF8 { utf8 in
            var result: [[String]] = []
            var sentence: [String] = []
            tokenizer.forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
                switch token {
                case .word(let word): sentence.append(String(decoding: word, as: UTF8.self))
                case .sentenceEnd:
                    if !sentence.isEmpty { result.append(sentence) }
                    sentence.removeAll(keepingCapacity: true)
                }
            }
            if !sentence.isEmpty { result.append(sentence) }
            return result
        }
    }

    // MARK: - Kernels

    /// Bit masks of the whitespace bytes and (when `newlines` is asked for) of the newline bytes
    /// of the 64 bytes at `block`; bit i is byte i.
    @inlinable
    @inline(__always)
    static func classify(_ block: UnsafeRawPointer, _ newlines: Bool) -> (whitespace: UInt64, newlines: UInt64) {
        var whitespace: UInt64 = 0
        var newline: UInt64 = 0
        for group in 0 ..< 8 {
            let word = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 8 * group, as: UInt64.self))
            let (w, n) = classifyGroup(word, newlines)
            whitespace |= w &<< UInt64(8 * group)
            newline |= n &<< UInt64(8 * group)
        }
        return (whitespace, newline)
    }

    /// The whitespace and newline bits (bit i = byte i) of 8 bytes held in a little-endian word,
    /// computed SWAR-style (SIMD within a register): every step works on all 8 bytes at once and
    /// no carry crosses a byte.
    ///
    /// Swift's generic SIMD64 operators are not reliably lowered to vector instructions (they
    /// became per-lane loops here), while this integer code is vectorized by LLVM.
    @inlinable
    @inline(__always)
    static func classifyGroup(_ x: UInt64, _ newlines: Bool) -> (whitespace: UInt64, newlines: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & (ones &* 0x7F)
        // Bytes equal to c: x ^ c has a zero byte there; adding 0x7F to the low 7 bits sets the
        // high bit of every non-zero byte.
        @inline(__always) func zeroBytes(_ t: UInt64) -> UInt64 {
            ~(((t & (ones &* 0x7F)) &+ ones &* 0x7F) | t) & high
        }
        let space = zeroBytes(x ^ (ones &* 0x20))
        // Bytes in 9...13: 0x8D − low7 keeps the high bit when low7 ≤ 13, low7 + 0x77 sets it when
        // low7 ≥ 9, and ~x rules out bytes ≥ 0x80.
        let control = ((ones &* 0x8D) &- low7) & ~x & (low7 &+ ones &* 0x77) & high
        let whitespace = packHighBits(space | control)
        guard newlines else { return (whitespace, 0) }
        return (whitespace, packHighBits(zeroBytes(x ^ (ones &* 0x0A))))
    }

    /// Packs the high bits of 8 bytes into 8 bits (byte i → bit i): after shifting them to bit 0
    /// the word is `Σ bᵢ·2⁸ⁱ`, and multiplying by 0x0102040810204080 moves bit 8i to bit 56 + i
    /// without carries, so the top byte holds the result.
    @inlinable
    @inline(__always)
    static func packHighBits(_ bits: UInt64) -> UInt64 {
        ((bits &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }

    /// The length of the longest prefix of `word` of at most `limit` bytes that does not end
    /// inside a UTF-8 character (the byte after it is not a continuation byte `10xxxxxx`).
    /// Backs up at most 3 bytes, so a word of invalid bytes is still cut near `limit`.
    @inlinable
    static func truncatedLength(_ word: UnsafeRawPointer, _ limit: Int) -> Int {
        var length = limit
        let bytes = word.assumingMemoryBound(to: UInt8.self)
        while length > limit - 3 && bytes[length] & 0xC0 == 0x80 { length -= 1 }
        return length
    }
}
