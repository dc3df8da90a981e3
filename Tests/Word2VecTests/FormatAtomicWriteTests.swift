// Writes go through a temporary file and a rename; formats are picked by extension and content.
import Foundation
import Testing
import Word2Vec

@Suite struct FormatAtomicWriteTests {
    @Test(arguments: VectorFileFormat.allCases)
    func failedWriteLeavesNothing(format: VectorFileFormat) throws {
        let vectors = try randomVectors(count: 3, dimension: 2, seed: 1)
        try withTemporaryDirectory { directory in
            let path = directory + "/missing/v.out"
            expectVectorFileError({ if case .cannotWrite(let p, _) = $0 { p == path } else { false } }) {
                try vectors.save(to: path, format: format)
            }
            let listing = try directoryListing(directory)
            #expect(listing.isEmpty)
        }
    }

    /// Replacing a file is all or nothing: the old bytes stay until the rename, no temporary is left.
    @Test(arguments: VectorFileFormat.allCases)
    func replacesExistingFileAtomically(format: VectorFileFormat) throws {
        let vectors = try randomVectors(count: 4, dimension: 3, seed: 2)
        try withTemporaryDirectory { directory in
            let path = directory + "/v.out"
            try writeBytes(Array("old contents".utf8), to: path)
            try vectors.save(to: path, format: format)
            #expect(try directoryListing(directory) == ["v.out"])
            let loaded = try WordVectors.load(from: path, format: format)
            #expect(allValues(loaded) == allValues(vectors))
        }
    }

    @Test func unwritableDestinationKeepsOldFile() throws {
        let vectors = try randomVectors(count: 2, dimension: 2, seed: 3)
        try withTemporaryDirectory { directory in
            // A directory in the destination's place: the rename fails, the directory survives.
            let path = directory + "/taken.bin"
            try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
            expectVectorFileError({ if case .cannotWrite = $0 { true } else { false } }) { try vectors.save(to: path) }
            #expect(try directoryListing(directory) == ["taken.bin"])
            #expect(try directoryListing(path) == ["inner"])
        }
    }

    @Test func saveNeedsAKnownExtensionOrFormat() throws {
        let vectors = try randomVectors(count: 2, dimension: 2, seed: 4)
        try withTemporaryDirectory { directory in
            expectVectorFileError({ if case .unknownFormat = $0 { true } else { false } }) {
                try vectors.save(to: directory + "/v.dat")
            }
            try vectors.save(to: directory + "/v.dat", format: .word2vecText)
            // Without a telling extension the content decides: text after a header is text.
            #expect(try VectorFileFormat.detect(path: directory + "/v.dat") == .word2vecText)
            try vectors.save(to: directory + "/w.dat", format: .word2vecBinary)
            #expect(try VectorFileFormat.detect(path: directory + "/w.dat") == .word2vecBinary)
            try vectors.save(to: directory + "/n.bin", format: .native)
            #expect(try VectorFileFormat.detect(path: directory + "/n.bin") == .native)
            try vectors.save(to: directory + "/g.dat", format: .gloveText)
            #expect(try VectorFileFormat.detect(path: directory + "/g.dat") == .gloveText)
        }
    }

    @Test func extensionsMapToFormats() {
        #expect(VectorFileFormat(extensionOf: "/a/b.BIN") == .word2vecBinary)
        #expect(VectorFileFormat(extensionOf: "wiki.en.vec") == .word2vecText)
        #expect(VectorFileFormat(extensionOf: "m.w2vmodel") == .native)
        #expect(VectorFileFormat(extensionOf: "dir.bin/file") == nil)
        #expect(VectorFileFormat(extensionOf: ".txt") == nil)
    }

    @Test(arguments: [VectorFileFormat.word2vecBinary, .word2vecText, .gloveText])
    func wordsWithWhitespaceAreRefused(format: VectorFileFormat) throws {
        for bad in ["new york", "tab\there", "line\nbreak", ""] {
            let vectors = try WordVectors(words: ["ok", bad], values: [1, 2], dimension: 1)
            try withTemporaryDirectory { directory in
                expectVectorFileError({
                    if case .cannotWrite(_, let reason) = $0 { reason.contains("word 1") } else { false }
                }) {
                    try vectors.save(to: directory + "/v", format: format)
                }
                let listing = try directoryListing(directory)
                #expect(listing.isEmpty)
                // The native format holds any word.
                try vectors.save(to: directory + "/v.w2vmodel")
                #expect(try WordVectors.load(from: directory + "/v.w2vmodel").index(of: bad) == 1)
            }
        }
    }
}
