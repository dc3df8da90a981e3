import Foundation
import Testing

@testable import NLPText

/// A word-vector file read by the tests' own minimal parsers (independent of the toolkit's readers).
struct FixtureVectors {
    var words: [String] = []
    var rows: [[Float]] = []

    /// Parses word2vec binary: `count dim\n`, then per word `word SPACE dim×float32 (little-endian)`, an
    /// optional newline before each word. Requires the records to end exactly at the end of the file.
    static func binary(_ bytes: [UInt8]) throws -> (header: (count: Int, dimensions: Int), vectors: FixtureVectors) {
        let newline = try #require(bytes.firstIndex(of: 0x0A), "no header line")
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        try #require(header.count == 2, "header \(header)")
        var vectors = FixtureVectors()
        var position = newline + 1
        for record in 0 ..< header[0] {
            while position < bytes.count, bytes[position] == 0x0A { position += 1 }
            let space = try #require(bytes[position...].firstIndex(of: 0x20), "record \(record): no space")
            vectors.words.append(String(decoding: bytes[position ..< space], as: UTF8.self))
            let end = space + 1 + 4 * header[1]
            try #require(end <= bytes.count, "record \(record) runs past the end of the file")
            vectors.rows.append(
                (0 ..< header[1]).map { index in
                    let offset = space + 1 + 4 * index
                    let bits = (0 ..< 4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
                    return Float(bitPattern: bits)
                })
            position = end
        }
        #expect(position == bytes.count, "\(bytes.count - position) bytes after the last record")
        return ((header[0], header[1]), vectors)
    }

    /// Parses text vectors, one `word v1 … vN` per line; `hasHeader` skips a `count dim` first line.
    static func text(_ lines: [Substring], hasHeader: Bool) throws -> FixtureVectors {
        var vectors = FixtureVectors()
        for line in lines.dropFirst(hasHeader ? 1 : 0) {
            let fields = line.split(separator: " ")
            vectors.words.append(String(fields[0]))
            vectors.rows.append(try fields.dropFirst().map { try #require(Float($0), "value \($0) in \(fields[0])") })
        }
        return vectors
    }

    /// The word whose vector has the highest cosine with `b − a + c`, excluding the three query words.
    func analogy(_ a: String, _ b: String, _ c: String) throws -> String {
        func unit(_ v: [Float]) -> [Float] {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
        func row(_ word: String) throws -> [Float] {
            unit(rows[try #require(words.firstIndex(of: word), "\(word) not in the fixture")])
        }
        let (va, vb, vc) = (try row(a), try row(b), try row(c))
        let query = (0 ..< va.count).map { vb[$0] - va[$0] + vc[$0] }
        var best = (word: "", cosine: -Float.infinity)
        for (word, vector) in zip(words, rows) where ![a, b, c].contains(word) {
            let cosine = zip(query, unit(vector)).reduce(0) { $0 + $1.0 * $1.1 }
            if cosine > best.cosine { best = (word, cosine) }
        }
        return best.word
    }
}

@Suite("Committed word-vector fixtures")
struct CorporaVectorFixtureTests {
    @Test("GloVe top-3k: binary and text hold the same 3,000 words and values")
    func gloveSliceFormatsAgree() throws {
        let (header, binary) = try FixtureVectors.binary(try Corpora.bytes("glove.6B.50d.top3k.w2v.bin"))
        #expect(header.count == 3_000 && header.dimensions == 50)
        let lines = try Corpora.lines("glove.6B.50d.top3k.w2v.txt")
        #expect(lines.first == "3000 50")
        let text = try FixtureVectors.text(lines, hasHeader: true)
        #expect(binary.words.count == 3_000 && text.words.count == 3_000)
        #expect(binary.words == text.words)
        #expect(binary.words.first == "the" && binary.words.last == "employment")
        #expect(Set(binary.words).count == 3_000, "words are unique")
        #expect(text.rows.allSatisfy { $0.count == 50 })
        let differing = zip(binary.rows, text.rows).filter { $0 != $1 }.count
        #expect(differing == 0, "rows whose binary floats differ from the text values")
        #expect(binary.rows[0][0] == 0.418)
    }

    @Test(
        "GloVe top-3k answers classic analogies",
        arguments: [("man", "king", "woman", "queen"), ("france", "paris", "germany", "berlin")])
    func gloveSliceAnalogies(a: String, b: String, c: String, expected: String) throws {
        let (_, vectors) = try FixtureVectors.binary(try Corpora.bytes("glove.6B.50d.top3k.w2v.bin"))
        #expect(try vectors.analogy(a, b, c) == expected)
    }

    @Test("test_glove.txt: 76 headerless GloVe rows of 50 values, with non-ASCII words")
    func gensimGloveFixture() throws {
        let vectors = try FixtureVectors.text(try Corpora.lines("test_glove.txt"), hasHeader: false)
        #expect(vectors.words.count == 76)
        #expect(vectors.rows.allSatisfy { $0.count == 50 })
        #expect(vectors.words.first == "the")
        #expect(vectors.words.contains("ö") && vectors.words.contains("é"))
    }

    @Test("euclidean_vectors.bin: 2,747 finite 10-dimensional vectors ending at the end of the file")
    func gensimBinaryFixture() throws {
        let (header, vectors) = try FixtureVectors.binary(try Corpora.bytes("euclidean_vectors.bin"))
        #expect(header.count == 2_747 && header.dimensions == 10)
        #expect(vectors.words.count == 2_747 && Set(vectors.words).count == 2_747)
        #expect(vectors.rows.allSatisfy { $0.count == 10 && $0.allSatisfy(\.isFinite) })
        #expect(Array(vectors.words.prefix(2)) == ["the", "to"])
    }
}
