// Passes over a corpus: chunks, lines, tokens and sentences.

extension Corpus {
    /// Calls `body` with each chunk of the corpus (valid UTF-8, ending at whitespace; see
    /// ``Corpus``). The bytes are valid only during the call.
    /// - Returns: the reading statistics.
    /// - Throws: the reader's errors (``FileError``, ``CorpusError``) and `body`'s.
    @discardableResult
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> CorpusStatistics {
        let reader = try makeReader()
        while let chunk = try reader.nextChunk() { try body(chunk) }
        return reader.statistics
    }

    /// Calls `body` with each token: words, and with `marksSentenceEnds` a
    /// ``WhitespaceToken/sentenceEnd`` for each newline (every file ends with one).
    /// - Returns: the reading statistics, with ``CorpusStatistics/words`` and the tokenizer's
    ///   truncations included.
    @discardableResult
    public func forEachToken(
        marksSentenceEnds: Bool = false, _ body: (WhitespaceToken) throws -> Void
    ) throws -> CorpusStatistics {
        let reader = try makeReader()
        let tokenizer = tokenizer(marksSentenceEnds: marksSentenceEnds)
        var words = 0
        var truncated = 0
        while let chunk = try reader.nextChunk() {
            let counts = try tokenizer.forEachToken(in: chunk, body)
            words += counts.words
            truncated += counts.truncatedWords
        }
        var statistics = reader.statistics
        statistics.words = words
        statistics.truncatedWords += truncated
        return statistics
    }

    /// Calls `body` with each sentence, gensim `LineSentence` style: the words of a line, with
    /// lines longer than `maxLength` words split into pieces of `maxLength` (gensim's
    /// `MAX_WORDS_IN_BATCH`, 10,000, by default). Lines without words are skipped.
    /// - Precondition: `maxLength > 0`.
    @discardableResult
    public func forEachSentence(
        maxLength: Int = 10_000, _ body: ([String]) throws -> Void
    ) throws -> CorpusStatistics {
        precondition(maxLength > 0, "maxLength must be positive, got \(maxLength)")
        var sentence: [String] = []
        let statistics = try forEachToken(marksSentenceEnds: true) { token in
            switch token {
            case .word(let bytes):
                sentence.append(String(decoding: bytes, as: UTF8.self))
                if sentence.count == maxLength {
                    try body(sentence)
                    sentence.removeAll(keepingCapacity: true)
                }
            case .sentenceEnd:
                if !sentence.isEmpty { try body(sentence) }
                sentence.removeAll(keepingCapacity: true)
            }
        }
        if !sentence.isEmpty { try body(sentence) }
        return statistics
    }

    /// Calls `body` with each line, without its newline (and without a carriage return before
    /// it). Memory stays bounded: a line longer than `maxLineBytes` arrives as several pieces of
    /// at most `maxLineBytes` bytes, each cut after the last whitespace that fits (or, in a run
    /// without whitespace, at a UTF-8 character boundary). Words are not truncated here except
    /// those too long for the reader's buffer (see ``Corpus``).
    /// - Precondition: `maxLineBytes >= 4`.
    @discardableResult
    public func forEachLine(
        maxLineBytes: Int = 1 << 20, _ body: (String) throws -> Void
    ) throws -> CorpusStatistics {
        precondition(maxLineBytes >= 4, "maxLineBytes must be at least 4, got \(maxLineBytes)")
        var line: [UInt8] = []
        func deliver(_ bytes: ArraySlice<UInt8>) throws {
            var bytes = bytes
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            try body(String(decoding: bytes, as: UTF8.self))
        }
        return try forEachChunk { chunk in
            var start = 0
            while start < chunk.count {
                let newline = chunk[start...].firstIndex(of: 0x0A)
                let end = newline ?? chunk.count
                line.append(contentsOf: chunk[start ..< end])
                while line.count > maxLineBytes {
                    let cut = try line.withUnsafeBytes { raw -> Int in
                        let head = UnsafeRawBufferPointer(rebasing: raw[..<maxLineBytes])
                        if let space = ByteScan.lastWhitespace(in: head), space > 0 {
                            try deliver(line[..<space])
                            return space + 1
                        }
                        let length = WhitespaceTokenizer.truncatedLength(raw.baseAddress!, maxLineBytes)
                        try deliver(line[..<length])
                        return length
                    }
                    line.removeFirst(cut)
                }
                if let newline {
                    try deliver(line[...])
                    line.removeAll(keepingCapacity: true)
                    start = newline + 1
                } else {
                    start = end
                }
            }
        }
    }
}
