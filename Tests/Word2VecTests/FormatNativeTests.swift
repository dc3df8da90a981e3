// Native model file: round trips with and without training state, lookups, and corrupt files.
import Foundation
import Testing
import Word2Vec

@Suite struct FormatNativeTests {
    @Test(arguments: [0, 1, 5, 1000])
    func roundTrip(count: Int) throws {
        let original = try randomVectors(count: count, dimension: 7, seed: UInt64(count), counts: true)
        try withTemporaryDirectory { directory in
            let path = directory + "/m.w2vmodel"
            try original.save(to: path)
            #expect(try VectorFileFormat.detect(path: path) == .native)
            let loaded = try WordVectors.load(from: path)
            #expect(loaded.words == original.words)
            #expect(loaded.counts == original.counts)
            #expect(allValues(loaded) == allValues(original))
            #expect(loaded.norms == original.norms)
            for (row, word) in original.words.enumerated() { #expect(loaded.index(of: word) == row) }
            #expect(loaded.index(of: "missing") == nil && !loaded.contains("w-1"))
            #expect(try directoryListing(directory) == ["m.w2vmodel"])
        }
    }

    /// The layout documented on `NativeModelFile`, byte for byte, for a two-word model.
    @Test func writesDocumentedLayout() throws {
        let vectors = try WordVectors(words: ["a", "bé"], values: [1, -2, 0.5, 3], dimension: 2)
        let bytes = try withTemporaryDirectory { directory in
            try NativeModelFile.write(vectors, trainingState: nil, to: directory + "/m.w2vmodel")
            return try readBytes(directory + "/m.w2vmodel")
        }
        var expected: [UInt8] = [0x89, 0x57, 0x32, 0x56, 0x0D, 0x0A, 0x1A, 0x0A]
        func append(_ value: UInt64, _ width: Int) {
            expected += (0 ..< width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        append(1, 4)  // version
        append(5, 4)  // sections: offsets, bytes, vectors, norms, table
        append(2, 8)  // words
        append(2, 8)  // dimension
        append(0, 8)  // epochs
        append(480, 8)  // file length
        expected += [UInt8](repeating: 0, count: 16)
        // Table entries end at 64 + 5 × 24 = 184; sections start at multiples of 64.
        for (kind, offset, length) in [(1, 192, 24), (2, 256, 4), (4, 320, 16), (5, 384, 8), (6, 448, 32)] {
            append(UInt64(kind), 4)
            append(0, 4)
            append(UInt64(offset), 8)
            append(UInt64(length), 8)
        }
        #expect(Array(bytes.prefix(184)) == expected)
        #expect(bytes.count == 480)
        let offsets: [UInt64] = (0 ..< 3).map { Self.u64(bytes, 192 + 8 * $0) }
        #expect(offsets == [0, 1, 4])
        #expect(Array(bytes[256 ..< 260]) == Array("abé".utf8))
        #expect(Array(bytes[320 ..< 336]) == littleEndianBytes([1, -2, 0.5, 3]))
        #expect(Array(bytes[384 ..< 392]) == littleEndianBytes([Float(5).squareRoot(), Float(9.25).squareRoot()]))
        let slots = (0 ..< 8).map { Self.u32(bytes, 448 + 4 * $0) }
        #expect(slots.sorted() == [0, 1] + [UInt32](repeating: .max, count: 6))
        #expect(bytes[184 ..< 192].allSatisfy { $0 == 0 } && bytes[260 ..< 320].allSatisfy { $0 == 0 })
    }

    /// The mapped table is keyed by UTF-8 bytes; a canonically equal spelling still finds the row.
    @Test func lookupsFollowSwiftStringEquality() throws {
        let vectors = try WordVectors(words: ["café", "x"], values: [1, 2], dimension: 1)
        try withTemporaryDirectory { directory in
            let path = directory + "/m.w2vmodel"
            try vectors.save(to: path)
            let loaded = try NativeModelFile.loadVectors(from: path)
            #expect(loaded.index(of: "café") == 0)
            #expect(loaded.index(of: "cafe\u{0301}") == 0)
            #expect(loaded.index(of: "cafe") == nil)
        }
    }

    @Test func trainingStateRoundTrips() throws {
        let vectors = try randomVectors(count: 9, dimension: 4, seed: 3, counts: true)
        let state = TrainingState(
            outputNegative: (0 ..< 36).map { Float($0) / 7 }, outputHierarchical: nil,
            optionsJSON: #"{"window":5,"négatif":5}"#, epochsCompleted: 3)
        try withTemporaryDirectory { directory in
            let path = directory + "/t.w2vmodel"
            try NativeModelFile.write(vectors, trainingState: state, to: path)
            let (loaded, loadedState) = try NativeModelFile.load(from: path)
            #expect(loadedState == state)
            #expect(allValues(loaded) == allValues(vectors))
            // Vectors saved without a state load with none.
            try NativeModelFile.write(vectors, trainingState: nil, to: path)
            #expect(try NativeModelFile.load(from: path).trainingState == nil)
        }
    }

    /// The vectors stay valid after the file is replaced (the mapping holds the old inode).
    @Test func mappedVectorsOutliveReplacement() throws {
        let first = try randomVectors(count: 50, dimension: 8, seed: 1)
        try withTemporaryDirectory { directory in
            let path = directory + "/m.w2vmodel"
            try first.save(to: path)
            let loaded = try WordVectors.load(from: path)
            try randomVectors(count: 20, dimension: 8, seed: 2).save(to: path)
            #expect(allValues(loaded) == allValues(first))
        }
    }

    // MARK: - Corrupt files

    /// A small valid file's bytes and its section table (kind → offset, length).
    static func validFile() throws -> (bytes: [UInt8], sections: [UInt32: (Int, Int)]) {
        let vectors = try WordVectors(words: ["ab", "ac", "zz"], values: [1, 2, 3, 4, 5, 6], dimension: 2)
        return try withTemporaryDirectory { directory in
            let path = directory + "/v.w2vmodel"
            try vectors.save(to: path)
            let bytes = try readBytes(path)
            var sections: [UInt32: (Int, Int)] = [:]
            for index in 0 ..< Int(u32(bytes, 12)) {
                let entry = 64 + 24 * index
                sections[u32(bytes, entry)] = (Int(u64(bytes, entry + 8)), Int(u64(bytes, entry + 16)))
            }
            return (bytes, sections)
        }
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0 ..< 4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0 ..< 8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }

    static func put(_ value: UInt64, at: Int, width: Int, in bytes: inout [UInt8]) {
        for k in 0 ..< width { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
    }

    static let corruptions:
        [(name: String, expected: String, corrupt: @Sendable (inout [UInt8], [UInt32: (Int, Int)]) -> Void)] = [
            ("magic", "wrong magic", { bytes, _ in bytes[1] = 0x58 }),
            ("version", "version 2 is not supported", { bytes, _ in put(2, at: 8, width: 4, in: &bytes) }),
            ("truncated", "the header records", { bytes, _ in bytes.removeLast(5) }),
            ("short", "shorter than the header", { bytes, _ in bytes.removeLast(bytes.count - 20) }),
            ("no sections", "0 sections", { bytes, _ in put(0, at: 12, width: 4, in: &bytes) }),
            ("many sections", "1000 sections", { bytes, _ in put(1000, at: 12, width: 4, in: &bytes) }),
            (
                "billion words", "word count of 1000000000",
                { bytes, _ in put(1_000_000_000, at: 16, width: 8, in: &bytes) }
            ),
            ("wrong words", "section has", { bytes, _ in put(2, at: 16, width: 8, in: &bytes) }),
            ("huge dimension", "dimension of 10000000", { bytes, _ in put(10_000_000, at: 24, width: 8, in: &bytes) }),
            ("zero dimension", "dimension of 0", { bytes, _ in put(0, at: 24, width: 8, in: &bytes) }),
            ("offset outside", "lies outside the file", { bytes, _ in put(1 << 40, at: 64 + 8, width: 8, in: &bytes) }),
            (
                "length outside", "lies outside the file",
                { bytes, _ in put(UInt64.max, at: 64 + 16, width: 8, in: &bytes) }
            ),
            (
                "misaligned", "not a multiple of 64",
                { bytes, _ in put(u64(bytes, 64 + 8) + 4, at: 64 + 8, width: 8, in: &bytes) }
            ),
            ("twice", "appears twice", { bytes, _ in put(4, at: 64, width: 4, in: &bytes) }),
            (
                "missing vectors", "vectors section is missing",
                { bytes, sections in
                    let index = (0 ..< 5).first { u32(bytes, 64 + 24 * $0) == 4 }!
                    put(99, at: 64 + 24 * index, width: 4, in: &bytes)
                }
            ),
            (
                "bad offsets", "bad byte range",
                { bytes, sections in put(5, at: sections[1]!.0 + 8, width: 8, in: &bytes) }
            ),
            (
                "offset past the bytes", "bad byte range",
                { bytes, sections in put(100, at: sections[1]!.0 + 8, width: 8, in: &bytes) }
            ),
            (
                "offsets span", "do not span",
                { bytes, sections in put(99, at: sections[1]!.0 + 24, width: 8, in: &bytes) }
            ),
            ("invalid UTF-8", "not valid UTF-8", { bytes, sections in bytes[sections[2]!.0 + 1] = 0xFF }),
            (
                "duplicate word", "not found at its row",
                { bytes, sections in bytes[sections[2]!.0 + 3] = UInt8(ascii: "b") }
            ),
            (
                "garbage table", "not found at its row",
                { bytes, sections in
                    for k in 0 ..< sections[6]!.1 { bytes[sections[6]!.0 + k] = 0x7F }
                }
            ),
            (
                "table size", "power-of-two",
                { bytes, sections in
                    let index = (0 ..< 5).first { u32(bytes, 64 + 24 * $0) == 6 }!
                    put(12, at: 64 + 24 * index + 16, width: 8, in: &bytes)
                }
            ),
        ]

    @Test(arguments: 0 ..< corruptions.count)
    func corruptFilesGiveClearErrors(index: Int) throws {
        let corruption = Self.corruptions[index]
        var (bytes, sections) = try Self.validFile()
        corruption.corrupt(&bytes, sections)
        try withTemporaryDirectory { directory in
            let path = directory + "/bad.w2vmodel"
            try writeBytes(bytes, to: path)
            let message = expectVectorFileError({ _ in true }) {
                _ = try NativeModelFile.load(from: path)
            }
            #expect(message?.contains(path) == true)
            #expect(message?.contains(corruption.expected) == true, "\(corruption.name): \(message ?? "-")")
        }
    }
}
