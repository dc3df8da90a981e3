// Damaged files (random byte changes, every truncation) load or throw a VectorFileError — never crash.
import Foundation
import NLPCore
import Testing
import Word2Vec

@Suite struct FormatFuzzTests {
    /// Loads `bytes` as `format`; any error other than a `VectorFileError` is a failure.
    static func loadOrThrow(_ bytes: [UInt8], format: VectorFileFormat, in directory: String) throws -> Bool {
        let path = directory + "/fuzz"
        try writeBytes(bytes, to: path)
        do {
            let vectors = try WordVectors.load(from: path, format: format)
            // Touch everything a query would.
            for word in vectors.words { _ = vectors.index(of: word) }
            _ = vectors.storage.buffer.reduce(0, +)
            return true
        } catch is VectorFileError {
            return false
        }
    }

    @Test(arguments: VectorFileFormat.allCases)
    func randomDamageNeverCrashes(format: VectorFileFormat) throws {
        let vectors = try randomVectors(count: 12, dimension: 3, seed: 5, counts: true)
        try withTemporaryDirectory { directory in
            try vectors.save(to: directory + "/good", format: format)
            let good = try readBytes(directory + "/good")
            var random = SplitMix64(seed: 99)
            var rejected = 0
            for _ in 0 ..< 300 {
                var bytes = good
                for _ in 0 ..< 1 + random.nextInt(below: 4) {
                    let at = random.nextInt(below: bytes.count)
                    bytes[at] = UInt8(truncatingIfNeeded: random.next())
                }
                if try !Self.loadOrThrow(bytes, format: format, in: directory) { rejected += 1 }
            }
            // The damage must be noticed at least sometimes (a check that the loop really ran).
            #expect(rejected > 0)
        }
    }

    @Test(arguments: VectorFileFormat.allCases)
    func everyTruncationNeverCrashes(format: VectorFileFormat) throws {
        let vectors = try randomVectors(count: 6, dimension: 2, seed: 6)
        try withTemporaryDirectory { directory in
            try vectors.save(to: directory + "/good", format: format)
            let good = try readBytes(directory + "/good")
            var loaded = 0
            for length in 0 ..< good.count
            where try Self.loadOrThrow(Array(good.prefix(length)), format: format, in: directory) {
                loaded += 1
            }
            // Binary: only the cut of word2vec.c's final "\n" still loads; native: none does. Text
            // cannot tell a cut inside the last number (or, without a header, after a whole line)
            // from a shorter file — gensim cannot either — so only "no crash" is checked there.
            switch format {
            case .word2vecBinary: #expect(loaded == 1, "\(loaded) truncations loaded")
            case .native: #expect(loaded == 0, "\(loaded) truncations loaded")
            case .word2vecText, .gloveText: break
            }
        }
    }
}
