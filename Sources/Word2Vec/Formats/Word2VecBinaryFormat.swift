// word2vec.c's binary vector format: read (also gensim's variant) and write.

/// word2vec.c's binary format, as written by `word2vec -binary 1` and gensim's
/// `save_word2vec_format(binary=True)`:
///
/// ```
/// <word count> <dimension>\n
/// <word bytes> <dimension × float32, little-endian>\n     (one record per word)
/// ```
///
/// word2vec.c ends each record with `\n`; gensim 4 omits it. The reader accepts both (it skips
/// newlines before a word, as word2vec.c's `distance` and gensim do); the writer produces
/// word2vec.c's form exactly, with each word's UTF-8 bytes.
public enum Word2VecBinaryFormat {
    /// Reads a binary file's bytes (the first `limit` records at most).
    /// - Throws: ``VectorFileError`` for a bad or lying header, a truncated record, an over-long
    ///   or empty word, a duplicate (under ``DuplicateWordPolicy/fail``) or data after the last record.
    static func read(
        _ bytes: UnsafeRawBufferPointer, path: String, duplicates: DuplicateWordPolicy, limit: Int = .max
    ) throws -> (WordVectors, VectorFileLoadReport) {
        var header = try Word2VecHeader.parse(bytes, path: path)
        let announced = header.wordCount
        header.wordCount = min(announced, limit)
        let dimension = header.dimension
        // Each record holds at least a one-byte word, a space and the values.
        try header.checkFits(
            available: bytes.count - header.bodyOffset, bytesPerValue: 4, overhead: 2, slack: 0,
            fileBytes: bytes.count, path: path)
        let collector = RecordCollector(
            path: path, dimension: dimension, expectedRows: header.wordCount, format: .word2vecBinary,
            duplicates: duplicates)
        let vectorBytes = dimension * 4
        var position = header.bodyOffset
        for record in 0 ..< header.wordCount {
            while position < bytes.count && bytes[position] == UInt8(ascii: "\n") { position += 1 }
            let wordStart = position
            let searchEnd = min(bytes.count, wordStart + VectorFileLimits.maxWordBytes + 1)
            while position < searchEnd && bytes[position] != UInt8(ascii: " ") { position += 1 }
            if position == bytes.count {
                throw VectorFileError.truncated(
                    path: path, wordIndex: record, reason: "the file ends inside the word (no space after it)")
            }
            if position == searchEnd {
                throw VectorFileError.wordTooLong(
                    path: path, wordIndex: record, limit: VectorFileLimits.maxWordBytes)
            }
            if position == wordStart {
                throw VectorFileError.malformedRecord(path: path, wordIndex: record, reason: "the word is empty")
            }
            let word = UnsafeRawBufferPointer(rebasing: bytes[wordStart ..< position])
            position += 1
            guard bytes.count - position >= vectorBytes else {
                throw VectorFileError.truncated(
                    path: path, wordIndex: record,
                    reason: "the vector needs \(vectorBytes) bytes, \(bytes.count - position) are left")
            }
            if let row = try collector.beginRecord(word: word, recordIndex: record) {
                let source = bytes.baseAddress! + position
                #if _endian(little)
                    UnsafeMutableRawPointer(row).copyMemory(from: source, byteCount: vectorBytes)
                #else
                    for k in 0 ..< dimension {
                        row[k] = Float(
                            bitPattern: UInt32(
                                littleEndian: source.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
                    }
                #endif
            }
            position += vectorBytes
        }
        // Only whitespace may follow the last record (unless the caller asked for fewer).
        if header.wordCount == announced, let extra = bytes[position...].firstIndex(where: { !isWhitespace($0) }) {
            throw VectorFileError.malformedRecord(
                path: path, wordIndex: header.wordCount,
                reason: "unexpected data at byte \(extra) after the \(header.wordCount) words the header announces")
        }
        return (collector.finish(), collector.report)
    }

    /// Writes `vectors` in word2vec.c's binary form (each record ends with `\n`).
    /// - Throws: ``VectorFileError/cannotWrite(path:reason:)`` (also for an empty word or one
    ///   holding whitespace, which the format cannot represent); the destination is untouched then.
    public static func write(_ vectors: WordVectors, to path: String) throws {
        try Word2VecHeader.checkWritable(vectors.words, path: path)
        let writer = try AtomicFileWriter(destination: path)
        try writer.write("\(vectors.count) \(vectors.dimension)\n")
        for (row, word) in vectors.words.enumerated() {
            try writer.write(word)
            try writer.write(byte: UInt8(ascii: " "))
            try writeLittleEndian(vectors.storage.row(row), to: writer)
            try writer.write(byte: UInt8(ascii: "\n"))
        }
        try writer.commit()
    }

    /// Appends `values` as little-endian float32.
    static func writeLittleEndian(_ values: UnsafeBufferPointer<Float>, to writer: AtomicFileWriter) throws {
        #if _endian(little)
            try writer.write(UnsafeRawBufferPointer(values))
        #else
            let swapped = values.map { $0.bitPattern.littleEndian }
            try swapped.withUnsafeBytes { try writer.write($0) }
        #endif
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }
}
