// word2vec.c binary format: exact bytes, round trips, gensim's files, and every kind of bad file.
import Foundation
import Testing
import Word2Vec

@Suite struct FormatBinaryTests {
    /// A two-word model written by hand in word2vec.c's form: header, word, space, LE floats, "\n".
    @Test func writesWord2VecCBytes() throws {
        let vectors = try WordVectors(words: ["a", "bé"], values: [1, -2, 0.5, 3], dimension: 2)
        try withTemporaryDirectory { directory in
            let path = directory + "/tiny.bin"
            try vectors.save(to: path)
            let expected: [UInt8] =
                Array("2 2\n".utf8) + Array("a ".utf8) + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]
                + [0x0A] + [0x62, 0xC3, 0xA9, 0x20] + [0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x40, 0x40] + [0x0A]
            #expect(try readBytes(path) == expected)
            #expect(try directoryListing(directory) == ["tiny.bin"])
        }
    }

    @Test(arguments: [(0, 3), (1, 1), (7, 5), (300, 17)])
    func roundTrip(count: Int, dimension: Int) throws {
        let original = try randomVectors(count: count, dimension: dimension, seed: UInt64(count * 31 + dimension))
        try withTemporaryDirectory { directory in
            let path = directory + "/v.bin"
            try original.save(to: path, format: .word2vecBinary)
            let loaded = try WordVectors.load(from: path)
            #expect(loaded.words == original.words)
            #expect(allValues(loaded) == allValues(original))
            #expect(loaded.norms == original.norms)
            #expect(loaded.index(of: "w5") == original.index(of: "w5"))
        }
    }

    /// gensim 4 writes records without the trailing newline; both forms read the same.
    @Test func readsRecordsWithAndWithoutNewlines() throws {
        let record: (String, [Float]) -> [UInt8] = { Array("\($0) ".utf8) + littleEndianBytes($1) }
        let withoutNewlines = Array("2 2\n".utf8) + record("x", [1, 2]) + record("y", [3, 4])
        let withNewlines = Array("2 2\n".utf8) + record("x", [1, 2]) + [0x0A] + record("y", [3, 4]) + [0x0A]
        try withTemporaryDirectory { directory in
            for (name, bytes) in [("a.bin", withoutNewlines), ("b.bin", withNewlines)] {
                try writeBytes(bytes, to: directory + "/" + name)
                let vectors = try WordVectors.load(from: directory + "/" + name)
                #expect(vectors.words == ["x", "y"])
                #expect(allValues(vectors) == [1, 2, 3, 4])
            }
        }
    }

    @Test func readsGensimFixtures() throws {
        let glove = try WordVectors.loadWithReport(from: corporaPath("glove.6B.50d.top3k.w2v.bin"))
        #expect(glove.report.format == .word2vecBinary)
        #expect(glove.vectors.count == 3000 && glove.vectors.dimension == 50)
        #expect(glove.vectors.words.first == "the" && glove.vectors.words.last == "employment")
        #expect(glove.vectors.index(of: "queen") == 2060)
        // The first value of "the" in GloVe 6B 50d is 0.418.
        #expect(try glove.vectors.vector(for: "the")[0] == Float("0.418"))
        let euclidean = try WordVectors.load(from: corporaPath("euclidean_vectors.bin"))
        #expect(euclidean.count == 2747 && euclidean.dimension == 10)
        #expect(euclidean.words.prefix(3) == ["the", "to", "of"])
    }

    /// Invalid UTF-8 decodes with U+FFFD; two raw words that decode alike keep the first vector.
    @Test func invalidUTF8WordsAreReplacedAndDuplicatesSkipped() throws {
        let record: ([UInt8], [Float]) -> [UInt8] = { $0 + [0x20] + littleEndianBytes($1) + [0x0A] }
        let bytes =
            Array("4 1\n".utf8) + record([0x61, 0xFF], [1]) + record([0x61, 0xFE], [2]) + record(Array("ok".utf8), [3])
            + record([0x61, 0xFF], [4])
        try withTemporaryDirectory { directory in
            let path = directory + "/bad-utf8.bin"
            try writeBytes(bytes, to: path)
            let (vectors, report) = try WordVectors.loadWithReport(from: path)
            #expect(vectors.words == ["a\u{FFFD}", "ok"])
            #expect(allValues(vectors) == [1, 3])
            #expect(report.recordsRead == 4 && report.skippedDuplicates == 2 && report.wordsWithInvalidUTF8 == 3)
            #expect(report.duplicateExamples == ["a\u{FFFD}", "a\u{FFFD}"])
            expectVectorFileError({ $0 == .duplicateWord(path: path, word: "a\u{FFFD}", wordIndex: 1) }) {
                _ = try WordVectors.load(from: path, duplicates: .fail)
            }
            // Written back, the word is the String's UTF-8 (the replacement character's bytes).
            let out = directory + "/out.bin"
            try vectors.save(to: out)
            #expect(try readBytes(out).prefix(9) == ArraySlice(Array("2 1\na\u{FFFD} ".utf8)))
        }
    }

    static let badFiles: [(name: String, bytes: [UInt8], check: @Sendable (VectorFileError) -> Bool)] = [
        ("empty", [], { if case .badHeader = $0 { true } else { false } }),
        ("no newline", Array("3 2".utf8), { if case .badHeader = $0 { true } else { false } }),
        (
            "negative", Array("-3 2\nx ".utf8),
            { if case .badHeader(_, _, let r) = $0 { r.contains("negative") } else { false } }
        ),
        ("garbage", Array("three 2\n".utf8), { if case .badHeader = $0 { true } else { false } }),
        ("three fields", Array("3 2 1\n".utf8), { if case .badHeader = $0 { true } else { false } }),
        ("zero dimension", Array("3 0\n".utf8), { if case .badHeader = $0 { true } else { false } }),
        ("huge number", Array("99999999999999999999999 2\n".utf8), { if case .badHeader = $0 { true } else { false } }),
        (
            "billion words", Array("1000000000 300\n".utf8) + [UInt8](repeating: 0x41, count: 100),
            {
                $0 == .headerExceedsFile(path: $0.pathForTest, wordCount: 1_000_000_000, dimension: 300, fileBytes: 115)
            }
        ),
        ("huge dimension", Array("1 10000000\nx ".utf8), { if case .headerExceedsFile = $0 { true } else { false } }),
        (
            "overflowing claim", Array("9223372036854775 922337203685477\n".utf8),
            { if case .headerExceedsFile = $0 { true } else { false } }
        ),
        (
            "truncated vector",
            Array("2 2\n".utf8) + Array("x ".utf8) + littleEndianBytes([1, 2]) + Array("yyyyyyyy ".utf8) + [
                0, 0, 0, 0, 0, 0,
            ],
            {
                if case .truncated(_, 1, let r) = $0 { r.contains("needs 8 bytes, 6 are left") } else { false }
            }
        ),
        (
            "truncated word", Array("1 1\n".utf8) + Array("abcdef".utf8),
            { if case .truncated(_, 0, _) = $0 { true } else { false } }
        ),
        (
            "word too long",
            Array("1 1\n".utf8) + [UInt8](repeating: 0x61, count: 100_010) + Array(" ".utf8) + littleEndianBytes([1]),
            {
                $0 == .wordTooLong(path: $0.pathForTest, wordIndex: 0, limit: 100_000)
            }
        ),
        (
            "empty word", Array("1 1\n ".utf8) + littleEndianBytes([1]) + [0x0A],
            { if case .malformedRecord(_, 0, _) = $0 { true } else { false } }
        ),
        (
            "trailing data", Array("1 1\nx ".utf8) + littleEndianBytes([1]) + Array("\nmore stuff here".utf8),
            {
                if case .malformedRecord(_, 1, _) = $0 { true } else { false }
            }
        ),
    ]

    @Test(arguments: 0 ..< badFiles.count)
    func badFilesGiveClearErrors(index: Int) throws {
        let bad = Self.badFiles[index]
        try withTemporaryDirectory { directory in
            let path = directory + "/bad.bin"
            try writeBytes(bad.bytes, to: path)
            let message = expectVectorFileError(bad.check) {
                _ = try WordVectors.load(from: path, format: .word2vecBinary)
            }
            #expect(message?.contains(path) == true, "\(bad.name): \(message ?? "-")")
        }
    }

    @Test func directoryIsNotAVectorFile() throws {
        try withTemporaryDirectory { directory in
            expectVectorFileError({
                if case .cannotOpen(_, let reason) = $0 { reason.contains("directory") } else { false }
            }) {
                _ = try WordVectors.load(from: directory)
            }
        }
    }

    @Test func missingFileNamesThePath() {
        expectVectorFileError({ if case .cannotOpen(let path, _) = $0 { path == "/nonexistent/v.bin" } else { false } })
        {
            _ = try WordVectors.load(from: "/nonexistent/v.bin")
        }
    }
}

extension VectorFileError {
    /// The path a case names (for table tests that do not know the temporary path up front).
    var pathForTest: String {
        switch self {
        case .cannotOpen(let path, _), .cannotWrite(let path, _), .badHeader(let path, _, _),
            .headerExceedsFile(let path, _, _, _), .truncated(let path, _, _), .wordTooLong(let path, _, _),
            .malformedRecord(let path, _, _), .malformedLine(let path, _, _), .wordCountMismatch(let path, _, _),
            .duplicateWord(let path, _, _), .notNativeModel(let path), .unsupportedVersion(let path, _, _),
            .corruptNativeModel(let path, _), .unknownFormat(let path, _):
            return path
        }
    }
}
