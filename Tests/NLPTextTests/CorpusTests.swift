import Foundation
import Testing

@testable import NLPText

@Suite("Corpus reading")
struct CorpusTests {
    // MARK: - Chunks

    @Test("Chunks never split words, whatever the buffer size", arguments: [16, 17, 40, 64, 1000, 1 << 20])
    func chunkBoundaries(bufferSize: Int) throws {
        let directory = try CorpusTestDirectory()
        let text = sampleCorpusText(words: 3000)
        let path = try directory.write(text, to: "corpus.txt")
        let corpus = Corpus(sources: [.file(path)], bufferSize: bufferSize, maxWordBytes: 4)
        var chunks: [[UInt8]] = []
        try corpus.forEachChunk { chunks.append(Array($0)) }
        #expect(chunks.allSatisfy { $0.count <= bufferSize && !$0.isEmpty })
        #expect(chunks.allSatisfy { WhitespaceTokenizer.isWhitespace($0.last!) }, "every chunk ends at whitespace")
        // Without truncation (words here have at most 36 bytes), the chunks are the text.
        if bufferSize >= 88 {
            let whole = Corpus(sources: [.file(path)], bufferSize: bufferSize, maxWordBytes: 40)
            var bytes: [UInt8] = []
            try whole.forEachChunk { bytes += $0 }
            #expect(bytes == Array((text + (text.hasSuffix("\n") ? "" : "\n")).utf8))
        }

        // Tokens equal the tokenizer's over the whole text (words cut to 4 bytes either way).
        let expected = WhitespaceTokenizer(maxWordBytes: 4, marksSentenceEnds: true).tokens(of: text)
        let (tokens, statistics) = try corpusTokens(corpus)
        #expect(tokens == expected + (text.hasSuffix("\n") ? [] : ["</s>"]))
        #expect(statistics.words == expected.filter { $0 != "</s>" }.count)
        #expect(statistics.bytes == text.utf8.count)
        #expect(statistics.lines == text.utf8.filter { $0 == 0x0A }.count + (text.hasSuffix("\n") ? 0 : 1))
    }

    @Test("A file without a final newline still ends its last word and sentence")
    func missingFinalNewline() throws {
        let directory = try CorpusTestDirectory()
        let first = try directory.write("alpha beta", to: "1.txt")
        let second = try directory.write("gamma\n", to: "2.txt")
        let (tokens, statistics) = try corpusTokens(Corpus(sources: [.file(first), .file(second)]))
        #expect(tokens == ["alpha", "beta", "</s>", "gamma", "</s>"])
        #expect(statistics.files == 2 && statistics.lines == 2 && statistics.words == 3)
    }

    // MARK: - Sources

    @Test("gzip and plain files read the same")
    func gzipMatchesPlain() throws {
        let directory = try CorpusTestDirectory()
        let text = sampleCorpusText(words: 20_000)
        let plain = try directory.write(text, to: "corpus.txt")
        let compressed = directory.path + "/corpus.txt.gz"
        try GzipFile.write(Array(text.utf8), to: compressed)
        let a = try corpusTokens(Corpus(sources: [.file(plain)], bufferSize: 4096))
        let b = try corpusTokens(Corpus(sources: [.file(compressed)], bufferSize: 4096))
        #expect(a.tokens == b.tokens)
        #expect(a.statistics == b.statistics)
        #expect(a.statistics.words == 20_000)
    }

    @Test("A pipe's file descriptor is read like a file, plain or gzip", arguments: [false, true])
    func fileDescriptor(compressed: Bool) throws {
        let text = sampleCorpusText(words: 50_000, seed: 3)
        var payload = Array(text.utf8)
        if compressed {
            let directory = try CorpusTestDirectory()
            try GzipFile.write(payload, to: directory.path + "/x.gz")
            payload = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path + "/x.gz")))
        }
        let pipe = Pipe()
        let data = Data(payload)
        let writer = Thread {
            pipe.fileHandleForWriting.write(data)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let corpus = Corpus(
            sources: [.fileDescriptor(pipe.fileHandleForReading.fileDescriptor, name: "<pipe>")], bufferSize: 8192)
        let (tokens, statistics) = try corpusTokens(corpus)
        let expected = WhitespaceTokenizer(marksSentenceEnds: true).tokens(of: text)
        #expect(tokens == expected + (text.hasSuffix("\n") ? [] : ["</s>"]))
        #expect(statistics.bytes == text.utf8.count)
    }

    @Test("'-' means standard input")
    func standardInputPath() throws {
        let corpus = try Corpus(paths: ["-"])
        #expect(corpus.sources == [.standardInput])
        #expect(try corpus.inputNames() == ["<stdin>"])
        #expect(try CorpusSource.standardInput.inputs() == [CorpusInput(name: "<stdin>", openPath: "/dev/stdin")])
    }

    @Test("Directories read their regular files in sorted order, recursively when asked")
    func directories() throws {
        let directory = try CorpusTestDirectory()
        try directory.write("bee\n", to: "b.txt")
        try directory.write("ant\n", to: "a.txt")
        try directory.write("cat\n", to: "c/inner.txt")
        try directory.write("deer\n", to: "d.txt")
        try directory.write("hidden\n", to: ".hidden")
        let root = directory.path
        let flat = try Corpus(path: root)
        #expect(try flat.inputNames() == ["a.txt", "b.txt", "d.txt"].map { root + "/" + $0 })
        #expect(try corpusTokens(flat).tokens == ["ant", "</s>", "bee", "</s>", "deer", "</s>"])
        let deep = try Corpus(path: root, recursive: true)
        #expect(try deep.inputNames() == ["a.txt", "b.txt", "c/inner.txt", "d.txt"].map { root + "/" + $0 })
        #expect(try corpusTokens(deep).statistics.files == 4)

        // Several paths mix files and directories, in the order given.
        let mixed = try Corpus(paths: [root + "/d.txt", root + "/c"])
        #expect(try corpusTokens(mixed).tokens == ["deer", "</s>", "cat", "</s>"])

        let empty = try CorpusTestDirectory()
        let error = #expect(throws: CorpusError.self) { try Corpus(path: empty.path).makeReader() }
        #expect(error == .noFiles(directory: empty.path))
        #expect(error?.description.contains(empty.path) == true)
    }

    @Test("An empty file reads as nothing, without an error")
    func emptyFile() throws {
        let directory = try CorpusTestDirectory()
        let path = try directory.write("", to: "empty.txt")
        let (tokens, statistics) = try corpusTokens(Corpus(path: path))
        #expect(tokens.isEmpty)
        #expect(statistics.files == 1 && statistics.bytes == 0 && statistics.lines == 0)
    }

    // MARK: - Bad input

    @Test("Invalid UTF-8 is replaced with U+FFFD and counted")
    func invalidUTF8() throws {
        let directory = try CorpusTestDirectory()
        let bytes: [UInt8] =
            Array("ok ".utf8) + [0xFF] + Array(" bad".utf8) + [0xC3] + Array(" x ".utf8) + [0xE2, 0x82]
            + Array(" sur".utf8) + [0xED, 0xA0, 0x80] + Array(" fine é\n".utf8)
        let path = try directory.write(bytes, to: "bad.txt")
        let (tokens, statistics) = try corpusTokens(Corpus(path: path))
        #expect(
            tokens == [
                "ok", "\u{FFFD}", "bad\u{FFFD}", "x", "\u{FFFD}", "sur\u{FFFD}\u{FFFD}\u{FFFD}", "fine", "é", "</s>",
            ])
        #expect(statistics.invalidUTF8Sequences == 6)
        // The replacement agrees with Swift's own decoding.
        #expect(
            tokens.filter { $0 != "</s>" }
                == String(decoding: bytes, as: UTF8.self).split(separator: " ").map {
                    String($0).trimmingCharacters(in: .newlines)
                })
    }

    @Test("Random bytes are repaired exactly as String(decoding:as:) does")
    func repairMatchesStandardLibrary() {
        var state: UInt64 = 99
        for _ in 0 ..< 500 {
            let bytes = (0 ..< 40).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let r = UInt8(truncatingIfNeeded: state >> 56)
                return r < 0x60 ? 0x61 : r
            }
            var output = [UInt8](repeating: 0, count: 3 * bytes.count)
            let (count, invalid) = bytes.withUnsafeBytes { raw in
                output.withUnsafeMutableBytes { UTF8Repair.repair(raw, into: $0.baseAddress!) }
            }
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
            #expect(Array(output[..<count]) == expected)
            #expect(bytes.withUnsafeBytes { UTF8Repair.invalidSequenceCount(in: $0) } == invalid)
            #expect((invalid == 0) == (String(validating: bytes, as: UTF8.self) != nil))
        }
    }

    @Test("A binary file is an error naming the file", arguments: [false, true])
    func binaryFile(compressed: Bool) throws {
        let directory = try CorpusTestDirectory()
        let bytes: [UInt8] = Array("ELF header".utf8) + [0, 1, 2, 0, 0] + Array("more".utf8)
        let path = directory.path + (compressed ? "/program.gz" : "/program")
        if compressed { try GzipFile.write(bytes, to: path) } else { try directory.write(bytes, to: "program") }
        let error = #expect(throws: CorpusError.self) { try corpusTokens(Corpus(path: path)) }
        #expect(error == .binaryFile(path: path, byteOffset: 10))
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("binary") == true)
    }

    @Test("Missing files and corrupt gzip data are errors naming the file")
    func missingAndCorrupt() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/corpus.txt"
        let error = #expect(throws: FileError.self) { try Corpus(paths: [missing]) }
        #expect(error?.path == missing)
        #expect(error?.description.contains("No such file") == true)
        #expect(throws: FileError.cannotOpen(path: missing, reason: "No such file or directory")) {
            try Corpus(sources: [.file(missing)]).makeReader()
        }

        let directory = try CorpusTestDirectory()
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        let corrupt = try directory.write(header + [UInt8](repeating: 0xFF, count: 100), to: "corrupt.gz")
        let readError = #expect(throws: FileError.self) { try corpusTokens(Corpus(path: corrupt)) }
        #expect(readError?.path == corrupt)
    }

    @Test("A 10 MB line without spaces is truncated in bounded memory", arguments: [1 << 20, 4096])
    func hugeWord(bufferSize: Int) throws {
        let directory = try CorpusTestDirectory()
        var bytes = Array("start ".utf8)
        bytes += [UInt8](repeating: 0x78, count: 10_000_000)
        bytes += Array(" end\nnext line\n".utf8)
        let path = try directory.write(bytes, to: "huge.txt")
        let corpus = Corpus(sources: [.file(path)], bufferSize: bufferSize)
        let reader = try corpus.makeReader()
        var chunks: [[UInt8]] = []
        while let chunk = try reader.nextChunk() { chunks.append(Array(chunk)) }
        #expect(chunks.allSatisfy { $0.count <= bufferSize })
        #expect(chunks.reduce(0) { $0 + $1.count } < 200, "the skipped bytes never reach the caller")
        let (tokens, statistics) = try corpusTokens(corpus)
        #expect(tokens == ["start", String(repeating: "x", count: 100), "end", "</s>", "next", "line", "</s>"])
        #expect(statistics.truncatedWords == 1)
        #expect(statistics.bytes == bytes.count)
        #expect(statistics.lines == 2)
    }

    // MARK: - Lines and sentences

    @Test("Lines drop their newline and CR; long lines arrive in whitespace-cut pieces")
    func lines() throws {
        let directory = try CorpusTestDirectory()
        let path = try directory.write("first line\r\n\nthird one here and more words\nlast", to: "lines.txt")
        var lines: [String] = []
        let statistics = try Corpus(path: path).forEachLine { lines.append($0) }
        #expect(lines == ["first line", "", "third one here and more words", "last"])
        #expect(statistics.lines == 4)

        var pieces: [String] = []
        try Corpus(path: path).forEachLine(maxLineBytes: 12) { pieces.append($0) }
        #expect(pieces == ["first line", "", "third one", "here and", "more words", "last"])
    }

    @Test("Sentences are lines of words, split at maxLength")
    func sentences() throws {
        let directory = try CorpusTestDirectory()
        let path = try directory.write("a b c d e\n\n f g \n", to: "s.txt")
        var sentences: [[String]] = []
        try Corpus(path: path).forEachSentence(maxLength: 2) { sentences.append($0) }
        #expect(sentences == [["a", "b"], ["c", "d"], ["e"], ["f", "g"]])
    }
}

extension WhitespaceTokenizer {
    /// All tokens of `text`, `</s>` for sentence ends.
    func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        Array(text.utf8).withUnsafeBytes { raw in
            _ = forEachToken(in: raw) { token in
                switch token {
                case .word(let bytes): tokens.append(String(decoding: bytes, as: UTF8.self))
                case .sentenceEnd: tokens.append("</s>")
                }
            }
        }
        return tokens
    }
}
