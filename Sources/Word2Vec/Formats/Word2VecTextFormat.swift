// word2vec.c's text vector format and GloVe's header-less variant: read and write.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text vector files, one word per line:
///
/// ```
/// <word count> <dimension>          (word2vec text only; GloVe files have no header)
/// <word> <v1> <v2> … <vN>
/// ```
///
/// Fields are separated by spaces or tabs; `\r\n` line ends, word2vec.c's trailing space and blank
/// lines are accepted. A file whose first line is not exactly two whole numbers is GloVe text: its
/// dimension is the first line's field count minus one.
///
/// What the writer produces: `<word> <v1> … <vN>\n` with single spaces, no trailing space, each
/// value the shortest decimal text that reads back to the same Float (Swift's `description`, like
/// gensim's `repr`, e.g. `0.418`, `-1.5e-05`) — so a round trip through text is exact. word2vec.c
/// prints `%lf ` (six decimals, trailing space), which loses small values; every reader (gensim,
/// word2vec.c's `distance`, this one) reads both.
public enum Word2VecTextFormat {
    /// Reads a text file's bytes (the first `limit` records at most); `hasHeader` is `false` for
    /// GloVe files.
    /// - Throws: ``VectorFileError`` naming the line for a bad or lying header, a line with the
    ///   wrong number of values, a value that is not a number, an over-long word, fewer or more
    ///   lines than the header announces, or a duplicate under ``DuplicateWordPolicy/fail``.
    static func read(
        _ bytes: UnsafeRawBufferPointer, path: String, hasHeader: Bool, duplicates: DuplicateWordPolicy,
        limit: Int = .max
    ) throws -> (WordVectors, VectorFileLoadReport) {
        var lines = LineReader(bytes: bytes)
        var lineNumber = 0
        var claimedCount: Int?
        let dimension: Int
        if hasHeader {
            var header = try Word2VecHeader.parse(bytes, path: path)
            header.wordCount = min(header.wordCount, limit)
            // Each line holds at least a one-byte word and, per value, a separator and a digit.
            try header.checkFits(
                available: bytes.count - header.bodyOffset, bytesPerValue: 2, overhead: 2, slack: 1,
                fileBytes: bytes.count, path: path)
            claimedCount = header.wordCount
            dimension = header.dimension
            _ = lines.next()
            lineNumber = 1
        } else {
            guard let first = lines.peekNonBlank() else {
                throw VectorFileError.malformedLine(path: path, line: 1, reason: "the file holds no vectors")
            }
            let fields = Fields(first).count
            guard fields >= 2 else {
                throw VectorFileError.malformedLine(path: path, line: 1, reason: "a word without values")
            }
            dimension = fields - 1
        }
        let expectedRows = claimedCount ?? min(bytes.count / (2 * dimension + 2), 1 << 20)
        let collector = RecordCollector(
            path: path, dimension: dimension, expectedRows: expectedRows,
            format: hasHeader ? .word2vecText : .gloveText, duplicates: duplicates)
        var record = 0
        var number = [CChar](repeating: 0, count: VectorFileLimits.maxNumberBytes + 1)
        while record < limit, let line = lines.next() {
            lineNumber += 1
            var fields = Fields(line)
            guard let word = fields.next() else { continue }  // blank line
            if let claimedCount, record == claimedCount {
                throw VectorFileError.wordCountMismatch(
                    path: path, header: claimedCount, found: record + 1 + lines.remainingNonBlankLines())
            }
            if word.count > VectorFileLimits.maxWordBytes {
                throw VectorFileError.wordTooLong(path: path, wordIndex: record, limit: VectorFileLimits.maxWordBytes)
            }
            let row = try collector.beginRecord(word: word, recordIndex: record)
            var column = 0
            while let field = fields.next() {
                guard column < dimension else {
                    throw VectorFileError.malformedLine(
                        path: path, line: lineNumber,
                        reason: "more than \(dimension) values (\(column + 1 + fields.remaining()) found)")
                }
                guard let value = parseFloat(field, scratch: &number) else {
                    let text = String(decoding: field.prefix(40), as: UTF8.self)
                    throw VectorFileError.malformedLine(
                        path: path, line: lineNumber, reason: "value \(column + 1) '\(text)' is not a number")
                }
                row?[column] = value
                column += 1
            }
            guard column == dimension else {
                throw VectorFileError.malformedLine(
                    path: path, line: lineNumber, reason: "\(column) values instead of \(dimension)")
            }
            record += 1
        }
        if let claimedCount, record != claimedCount, record < limit {
            throw VectorFileError.truncated(
                path: path, wordIndex: record,
                reason: "the header announces \(claimedCount) words, the file ends after \(record)")
        }
        return (collector.finish(), collector.report)
    }

    /// Parses one number token with `strtof` (C locale rules for digits; `nan` and `inf` allowed,
    /// as in Python's `float`), or `nil` when any of it is not part of a number.
    static func parseFloat(_ field: UnsafeRawBufferPointer, scratch: inout [CChar]) -> Float? {
        guard field.count <= VectorFileLimits.maxNumberBytes else { return nil }
        return scratch.withUnsafeMutableBufferPointer { buffer -> Float? in
            let start = buffer.baseAddress!
            UnsafeMutableRawPointer(start).copyMemory(from: field.baseAddress!, byteCount: field.count)
            start[field.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(start, &end)
            guard let end, end - start == field.count else { return nil }
            return value
        }
    }

    /// Writes `vectors` as word2vec text (with the header) or GloVe text (without); see the
    /// type's documentation for the exact form.
    /// - Throws: ``VectorFileError/cannotWrite(path:reason:)`` (also for an empty word or one
    ///   holding whitespace, which the format cannot represent); the destination is untouched then.
    public static func write(_ vectors: WordVectors, to path: String, header: Bool = true) throws {
        try Word2VecHeader.checkWritable(vectors.words, path: path)
        let writer = try AtomicFileWriter(destination: path)
        if header { try writer.write("\(vectors.count) \(vectors.dimension)\n") }
        var line = ""
        for (row, word) in vectors.words.enumerated() {
            line.removeAll(keepingCapacity: true)
            line += word
            for value in vectors.storage.row(row) {
                line += " "
                line += value.description
            }
            line += "\n"
            try writer.write(line)
        }
        try writer.commit()
    }
}

/// The lines of a byte buffer (without their `\n`).
struct LineReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> UnsafeRawBufferPointer? {
        guard position < bytes.count else { return nil }
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[start ..< position])
        position += 1
        return line
    }

    /// The first line with a non-blank field, without consuming anything.
    func peekNonBlank() -> UnsafeRawBufferPointer? {
        var copy = self
        while let line = copy.next() {
            var fields = Fields(line)
            if fields.next() != nil { return line }
        }
        return nil
    }

    /// How many non-blank lines are left (for error messages).
    func remainingNonBlankLines() -> Int {
        var copy = self
        var count = 0
        while let line = copy.next() {
            var fields = Fields(line)
            if fields.next() != nil { count += 1 }
        }
        return count
    }
}

/// The space-, tab- or `\r`-separated fields of a line.
struct Fields {
    let line: UnsafeRawBufferPointer
    var position = 0

    init(_ line: UnsafeRawBufferPointer) { self.line = line }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    mutating func next() -> UnsafeRawBufferPointer? {
        while position < line.count && Fields.isSeparator(line[position]) { position += 1 }
        guard position < line.count else { return nil }
        let start = position
        while position < line.count && !Fields.isSeparator(line[position]) { position += 1 }
        return UnsafeRawBufferPointer(rebasing: line[start ..< position])
    }

    /// The number of fields left.
    func remaining() -> Int {
        var copy = self
        var count = 0
        while copy.next() != nil { count += 1 }
        return count
    }

    /// The number of fields in the whole line.
    var count: Int { Fields(line).remaining() }
}
