// word2vec text and GloVe formats: exact output, round trips, fixtures, detection and bad lines.
import Foundation
import NLPText
import Testing
import Word2Vec

@Suite struct FormatTextTests {
    @Test func writesShortestRoundTripText() throws {
        let vectors = try WordVectors(words: ["a", "bé"], values: [1, -2.5, 0.1, 1e-5], dimension: 2)
        try withTemporaryDirectory { directory in
            try vectors.save(to: directory + "/t.txt")
            #expect(
                try String(contentsOfFile: directory + "/t.txt", encoding: .utf8) == "2 2\na 1.0 -2.5\nbé 0.1 1e-05\n")
            try vectors.save(to: directory + "/g.txt", format: .gloveText)
            #expect(try String(contentsOfFile: directory + "/g.txt", encoding: .utf8) == "a 1.0 -2.5\nbé 0.1 1e-05\n")
        }
    }

    @Test(arguments: [VectorFileFormat.word2vecText, .gloveText])
    func roundTripIsExact(format: VectorFileFormat) throws {
        let original = try randomVectors(count: 200, dimension: 13, seed: 7)
        try withTemporaryDirectory { directory in
            let path = directory + "/v.txt"
            try original.save(to: path, format: format)
            let (loaded, report) = try WordVectors.loadWithReport(from: path)
            #expect(report.format == format)
            #expect(loaded.words == original.words)
            #expect(allValues(loaded) == allValues(original))
        }
    }

    /// The committed .bin and .txt hold the same GloVe vectors (the text has GloVe's 5–6 digits).
    @Test func gloveFixturesAgree() throws {
        let binary = try WordVectors.load(from: corporaPath("glove.6B.50d.top3k.w2v.bin"))
        let (text, report) = try WordVectors.loadWithReport(from: corporaPath("glove.6B.50d.top3k.w2v.txt"))
        #expect(report.format == .word2vecText)
        #expect(text.words == binary.words)
        #expect(allValues(text) == allValues(binary))
    }

    @Test func detectsHeaderlessGlove() throws {
        let (vectors, report) = try WordVectors.loadWithReport(from: corporaPath("test_glove.txt"))
        #expect(report.format == .gloveText)
        #expect(vectors.count == 76 && vectors.dimension == 50)
        #expect(vectors.contains("ö") && vectors.contains("é"))
        #expect(try VectorFileFormat.detect(path: corporaPath("test_glove.txt")) == .gloveText)
    }

    /// word2vec.c's `%lf ` output (trailing spaces), CRLF line ends and blank lines all read.
    @Test func readsWord2VecCStyleText() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/c.vec"
            try writeBytes(Array("2 3\r\nx 0.100000 -2.000000 3.000000 \r\n\ny 1 2 3 \n\n".utf8), to: path)
            let vectors = try WordVectors.load(from: path)
            #expect(vectors.words == ["x", "y"])
            #expect(allValues(vectors) == [0.1, -2, 3, 1, 2, 3])
        }
    }

    @Test func invalidUTF8AndDuplicates() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/d.txt"
            try writeBytes(Array("x 1\n".utf8) + [0x7A, 0xC3, 0x20, 0x32, 0x0A] + Array("x 3\n".utf8), to: path)
            let (vectors, report) = try WordVectors.loadWithReport(from: path, format: .gloveText)
            #expect(vectors.words == ["x", "z\u{FFFD}"])
            #expect(allValues(vectors) == [1, 2])
            #expect(report.skippedDuplicates == 1 && report.wordsWithInvalidUTF8 == 1)
        }
    }

    static let badFiles: [(name: String, text: String, check: @Sendable (VectorFileError) -> Bool)] = [
        ("not a number", "2 2\na 1 2\nb 3 x4\n", { $0.lineForTest == 3 && $0.description.contains("'x4'") }),
        (
            "too few values", "2 2\nalpha 1 2\nbeta 3\n",
            { $0.lineForTest == 3 && $0.description.contains("1 values instead of 2") }
        ),
        ("too many values", "2 2\na 1 2 5\nb 3 4\n", { $0.lineForTest == 2 && $0.description.contains("more than 2") }),
        ("fewer lines", "3 2\nalpha 1 2\nbeta 3 4\n", { if case .truncated(_, 2, _) = $0 { true } else { false } }),
        (
            "more lines", "1 2\na 1 2\nb 3 4\nc 5 6\n",
            { if case .wordCountMismatch(_, 1, 3) = $0 { true } else { false } }
        ),
        ("lying header", "1000000000 300\na 1 2\n", { if case .headerExceedsFile = $0 { true } else { false } }),
        ("glove ragged", "a 1 2\nb 3\n", { $0.lineForTest == 2 }),
        ("glove no values", "a\nb\n", { $0.lineForTest == 1 }),
        ("overlong number", "1 1\na " + String(repeating: "1", count: 80) + "\n", { $0.lineForTest == 2 }),
    ]

    @Test(arguments: 0 ..< badFiles.count)
    func badFilesGiveClearErrors(index: Int) throws {
        let bad = Self.badFiles[index]
        try withTemporaryDirectory { directory in
            let path = directory + "/bad.txt"
            try writeBytes(Array(bad.text.utf8), to: path)
            let message = expectVectorFileError(bad.check) { _ = try WordVectors.load(from: path) }
            #expect(message?.contains(path) == true, "\(bad.name): \(message ?? "-")")
        }
    }

    /// `.gz` files are decompressed first; the name without `.gz` and the content pick the format.
    @Test(arguments: [
        ("v.bin.gz", VectorFileFormat.word2vecBinary), ("v.txt.gz", .word2vecText), ("g.txt.gz", .gloveText),
    ])
    func readsGzipCompressedFiles(name: String, format: VectorFileFormat) throws {
        let original = try randomVectors(count: 40, dimension: 6, seed: 8)
        try withTemporaryDirectory { directory in
            let plain = directory + "/plain"
            try original.save(to: plain, format: format)
            try GzipFile.write(readBytes(plain), to: directory + "/" + name)
            let (loaded, report) = try WordVectors.loadWithReport(from: directory + "/" + name)
            #expect(report.format == format)
            #expect(try VectorFileFormat.detect(path: directory + "/" + name) == format)
            #expect(loaded.words == original.words && allValues(loaded) == allValues(original))
            try writeBytes([0x1F, 0x8B, 0x08, 0x00, 0x01], to: directory + "/broken.bin.gz")
            expectVectorFileError({ if case .cannotOpen = $0 { true } else { false } }) {
                _ = try WordVectors.load(from: directory + "/broken.bin.gz")
            }
        }
    }

    @Test func emptyFileHasNoFormat() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/empty.vectors"
            try writeBytes([], to: path)
            expectVectorFileError({ if case .unknownFormat = $0 { true } else { false } }) {
                _ = try WordVectors.load(from: path)
            }
        }
    }
}

extension VectorFileError {
    /// The line a `malformedLine` error names, else `nil`.
    var lineForTest: Int? {
        if case .malformedLine(_, let line, _) = self { return line }
        return nil
    }
}
