// WordVectors built in memory, parsed and mapped answer lookups the same way.
import Foundation
import Testing
import Word2Vec

@Suite struct WordVectorsIndexTests {
    @Test func everyFormatGivesTheSameLookupsAndNorms() throws {
        let original = try randomVectors(count: 300, dimension: 9, seed: 11)
        try withTemporaryDirectory { directory in
            for format in VectorFileFormat.allCases {
                let path = directory + "/v.\(format.rawValue)"
                try original.save(to: path, format: format)
                let loaded = try WordVectors.load(from: path, format: format)
                for word in original.words { #expect(loaded.index(of: word) == original.index(of: word)) }
                #expect(try loaded.vector(for: "東京") == (try original.vector(for: "東京")))
                #expect(throws: WordVectorsError.unknownWord("nope", suggestions: [])) {
                    try loaded.vector(for: "nope")
                }
                // Norms agree with a plain Double computation.
                for row in [0, 150, 299] {
                    let reference = Float(
                        original.storage.row(row).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
                    #expect(abs(loaded.norms[row] - reference) <= 1e-5 * reference)
                }
            }
        }
    }

    /// `limit` keeps the first records, in every format, like gensim's `limit`.
    @Test(arguments: VectorFileFormat.allCases)
    func limitKeepsTheFirstWords(format: VectorFileFormat) throws {
        let original = try randomVectors(count: 50, dimension: 4, seed: 12, counts: true)
        try withTemporaryDirectory { directory in
            let path = directory + "/v"
            try original.save(to: path, format: format)
            let limited = try WordVectors.load(from: path, format: format, limit: 10)
            #expect(limited.words == Array(original.words.prefix(10)))
            #expect(allValues(limited) == Array(allValues(original).prefix(40)))
            #expect(limited.norms == Array(original.norms.prefix(10)))
            #expect(limited.index(of: "w9") == 9 && limited.index(of: "w10") == nil)
            #expect(try WordVectors.load(from: path, format: format, limit: 0).count == 0)
            #expect(try WordVectors.load(from: path, format: format, limit: 500).count == 50)
            if format == .native { #expect(limited.counts == Array(original.counts!.prefix(10))) }
        }
    }
}
