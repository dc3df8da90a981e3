// The "<word count> <dimension>\n" first line of word2vec.c's binary and text files.

/// The parsed first line of a word2vec file.
struct Word2VecHeader: Equatable {
    /// The claimed number of words.
    var wordCount: Int
    /// The claimed number of values per word.
    var dimension: Int
    /// The offset of the first byte after the header's newline.
    var bodyOffset: Int

    /// The first line of `bytes` (at most ``VectorFileLimits/maxHeaderBytes`` long, without the
    /// newline), or `nil` when there is no newline that early.
    static func firstLine(of bytes: UnsafeRawBufferPointer) -> (text: String, end: Int)? {
        let limit = min(bytes.count, VectorFileLimits.maxHeaderBytes + 1)
        guard let newline = (0 ..< limit).first(where: { bytes[$0] == UInt8(ascii: "\n") }) else { return nil }
        return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self), newline + 1)
    }

    /// The header's two numbers when the first line is exactly two unsigned decimal integers
    /// (spaces, tabs and a trailing `\r` allowed), else `nil`.
    static func numbers(in line: String) -> (Int, Int)? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        guard fields.count == 2,
            fields.allSatisfy({ $0.count <= 18 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let first = Int(fields[0]), let second = Int(fields[1])
        else { return nil }
        return (first, second)
    }

    /// Parses and checks the header of `bytes`.
    /// - Throws: ``VectorFileError/badHeader(path:header:reason:)`` for a missing, non-numeric,
    ///   negative or zero-dimension header.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Word2VecHeader {
        guard let (line, end) = firstLine(of: bytes) else {
            let shown = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.prefix(40)), as: UTF8.self)
            let reason =
                bytes.isEmpty
                ? "the file is empty" : "no line break in the first \(VectorFileLimits.maxHeaderBytes) bytes"
            throw VectorFileError.badHeader(path: path, header: shown, reason: reason)
        }
        guard let (wordCount, dimension) = numbers(in: line) else {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            let reason =
                fields.count != 2
                ? "\(fields.count) fields instead of 2"
                : fields.contains(where: { $0.hasPrefix("-") })
                    ? "a negative number" : "not two whole numbers (or too large)"
            throw VectorFileError.badHeader(path: path, header: line, reason: reason)
        }
        guard dimension > 0 else {
            throw VectorFileError.badHeader(path: path, header: line, reason: "the dimension must be positive")
        }
        return Word2VecHeader(wordCount: wordCount, dimension: dimension, bodyOffset: end)
    }

    /// Throws unless `wordCount` records of at least `bytesPerValue × dimension + overhead` bytes
    /// fit in the `available` bytes after the header.
    func checkFits(
        available: Int, bytesPerValue: Int, overhead: Int, slack: Int, fileBytes: Int, path: String
    ) throws {
        let (perValue, overflow1) = dimension.multipliedReportingOverflow(by: bytesPerValue)
        let (perRecord, overflow2) = perValue.addingReportingOverflow(overhead)
        let (total, overflow3) = wordCount.multipliedReportingOverflow(by: perRecord)
        if overflow1 || overflow2 || overflow3 || total > available + slack {
            throw VectorFileError.headerExceedsFile(
                path: path, wordCount: wordCount, dimension: dimension, fileBytes: fileBytes)
        }
    }

    /// Throws unless every word can be written to a word2vec or GloVe file: a word must not be
    /// empty or hold a space, tab, `\r` or `\n` (readers split on them). Native files hold any word.
    static func checkWritable(_ words: [String], path: String) throws {
        for (index, word) in words.enumerated()
        where word.isEmpty || word.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw VectorFileError.cannotWrite(
                path: path,
                reason: "word \(index) '\(word)' is empty or holds whitespace, which word2vec files cannot "
                    + "represent (use the native format)")
        }
    }
}
