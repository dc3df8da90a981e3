import Foundation
import Testing

@testable import NLPText

@Suite("Vocabulary")
struct VocabularyTests {
    func counter(_ text: String, maxTypes: Int = 1000) throws -> (VocabularyCounter, CorpusTestDirectory, String) {
        let directory = try CorpusTestDirectory()
        let path = try directory.write(text, to: "corpus.txt")
        let counter = VocabularyCounter(maxTypes: maxTypes)
        try counter.count(Corpus(path: path))
        return (counter, directory, path)
    }

    // MARK: - Counting and ordering

    @Test("Counts, frequency order with ties by first occurrence, and lookups")
    func countsAndOrder() throws {
        let (counter, _, _) = try counter("b a c a\nd b a e\n\ne d")
        #expect(counter.wordCount == 10)
        #expect(counter.sentenceEndCount == 4, "3 newlines, and the file's end")
        #expect(counter.count(of: "a") == 3 && counter.count(of: "zzz") == 0)
        let vocabulary = counter.makeVocabulary()
        #expect(vocabulary.words == ["a", "b", "d", "e", "c"])
        #expect(vocabulary.frequencies == [3, 2, 2, 2, 1])
        #expect(vocabulary.totalCount == 10)
        #expect(vocabulary.id(for: "d") == 2)
        #expect(vocabulary.id(for: "missing") == nil)
        #expect(vocabulary[4] == "c")
        #expect(Array("e".utf8).withUnsafeBytes { vocabulary.id(forBytes: $0) } == 3)
        #expect(vocabulary.paddingID == nil && vocabulary.unknownID == nil && vocabulary.sentenceEndID == nil)
    }

    struct LimitCase: CustomTestStringConvertible, Sendable {
        let minCount: Int
        let maxSize: Int?
        let words: [String]
        var testDescription: String { "minCount \(minCount), maxSize \(maxSize.map(String.init) ?? "nil")" }
    }

    @Test(
        "minCount and maxSize",
        arguments: [
            LimitCase(minCount: 1, maxSize: nil, words: ["a", "b", "d", "e", "c"]),
            LimitCase(minCount: 2, maxSize: nil, words: ["a", "b", "d", "e"]),
            LimitCase(minCount: 3, maxSize: nil, words: ["a"]),
            LimitCase(minCount: 4, maxSize: nil, words: []),
            LimitCase(minCount: 1, maxSize: 2, words: ["a", "b"]),
            LimitCase(minCount: 2, maxSize: 0, words: []),
        ])
    func limits(_ example: LimitCase) throws {
        let (counter, _, _) = try counter("b a c a\nd b a e\n\ne d")
        let vocabulary = counter.makeVocabulary(minCount: example.minCount, maxSize: example.maxSize)
        #expect(vocabulary.words == example.words)
    }

    @Test("Special tokens come first, in order; </s> counts newlines")
    func specialTokens() throws {
        let (counter, _, _) = try counter("x y x\nz x\n")
        let keras = counter.makeVocabulary(specialTokens: [.padding, .unknown])
        #expect(keras.words == ["<pad>", "<unk>", "x", "y", "z"])
        #expect(keras.paddingID == 0 && keras.unknownID == 1 && keras.sentenceEndID == nil)
        let word2vec = counter.makeVocabulary(minCount: 2, specialTokens: [.sentenceEnd])
        #expect(word2vec.words == ["</s>", "x"])
        #expect(word2vec.frequencies == [2, 3])
        #expect(word2vec.sentenceEndID == 0)
        #expect(word2vec.totalCount == 5)
    }

    // MARK: - Pruning

    @Test("Pruning keeps memory bounded and frequent words exact")
    func pruning() throws {
        // "the" and "of" every few words; 5,000 distinct rare words in between.
        var words: [String] = []
        for i in 0 ..< 5000 {
            words.append("rare\(i)")
            words.append("the")
            if i % 2 == 0 { words.append("of") }
            if i % 10 == 0 { words.append("rare\(i)") }
        }
        let text = words.joined(separator: " ")
        let (counter, _, _) = try counter(text, maxTypes: 100)
        #expect(counter.pruneCount > 10)
        #expect(counter.typeCount <= 100)
        #expect(counter.minReduce == counter.pruneCount + 1)
        #expect(counter.count(of: "the") == 5000)
        #expect(counter.count(of: "of") == 2500)
        #expect(counter.wordCount == words.count)
        let vocabulary = counter.makeVocabulary(minCount: 2)
        #expect(Array(vocabulary.words.prefix(2)) == ["the", "of"])
        #expect(vocabulary.frequencies.prefix(2) == [5000, 2500])

        // Without pruning, every type is kept.
        let (full, _, _) = try self.counter(text, maxTypes: 100_000)
        #expect(full.pruneCount == 0 && full.typeCount == 5002)
    }

    @Test("The hash table grows and finds 200,000 distinct words")
    func manyWords() {
        let counter = VocabularyCounter()
        for i in 0 ..< 200_000 { counter.add("w\(i * 7919)") }
        for i in 0 ..< 200_000 where i % 3 == 0 { counter.add("w\(i * 7919)") }
        #expect(counter.typeCount == 200_000)
        #expect(counter.count(of: "w0") == 2 && counter.count(of: "w7919") == 1 && counter.count(of: "w1") == 0)
        let vocabulary = counter.makeVocabulary(minCount: 2)
        #expect(vocabulary.count == 66_667)
        for id in stride(from: 0, to: vocabulary.count, by: 997) {
            #expect(vocabulary.id(for: vocabulary[id]) == id)
        }
    }

    // MARK: - Files

    @Test("Save writes word2vec's format and load reads it back")
    func saveAndLoad() throws {
        let (counter, directory, _) = try counter("x y x\nz x é\n")
        let vocabulary = counter.makeVocabulary(specialTokens: [.sentenceEnd])
        let path = directory.path + "/vocab.txt"
        try vocabulary.save(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "</s> 2\nx 3\ny 1\nz 1\né 1\n")
        let loaded = try Vocabulary.load(from: path, specialTokens: [.sentenceEnd])
        #expect(loaded.words == vocabulary.words)
        #expect(loaded.frequencies == vocabulary.frequencies)
        #expect(loaded.sentenceEndID == 0)
        #expect(loaded.totalCount == vocabulary.totalCount)
        // Loaded without special tokens, </s> is an ordinary word at the same id.
        #expect(try Vocabulary.load(from: path).words == vocabulary.words)
        // Missing special tokens are added with count 0.
        let keras = try Vocabulary.load(from: path, specialTokens: [.padding])
        #expect(keras.words == ["<pad>"] + vocabulary.words && keras.frequency(at: 0) == 0)
        // gzip and CRLF files load too.
        try GzipFile.write(Array("a 5\r\nb\t4\r\n".utf8), to: directory.path + "/v.gz")
        let compressed = try Vocabulary.load(from: directory.path + "/v.gz")
        #expect(compressed.words == ["a", "b"] && compressed.frequencies == [5, 4])
    }

    struct MalformedCase: CustomTestStringConvertible, Sendable {
        let content: String
        let line: Int
        let message: String
        var testDescription: String { content.debugDescription }
    }

    @Test(
        "Malformed vocabulary files are rejected with the line number",
        arguments: [
            MalformedCase(content: "a 1\nb\n", line: 2, message: "missing count"),
            MalformedCase(content: "a 1 2\n", line: 1, message: "expected 2 fields"),
            MalformedCase(content: "a 1\n\nb 2\n", line: 2, message: "blank line"),
            MalformedCase(content: "a -1\n", line: 1, message: "not a non-negative integer"),
            MalformedCase(content: "a x\n", line: 1, message: "not a non-negative integer"),
            MalformedCase(content: "a 99999999999999999999999\n", line: 1, message: "not a non-negative integer"),
            MalformedCase(content: "a 1\nb 2\nc 3\na 4\n", line: 4, message: "already listed on line 1"),
        ])
    func malformed(_ example: MalformedCase) throws {
        let directory = try CorpusTestDirectory()
        let path = try directory.write(example.content, to: "vocab.txt")
        let error = #expect(throws: VocabularyError.self) { try Vocabulary.load(from: path) }
        let description = error?.description ?? ""
        #expect(description.hasPrefix("\(path):\(example.line): "), "\(description)")
        #expect(description.contains(example.message), "\(description)")
    }

    @Test("Invalid bytes, misplaced special tokens and missing files are errors")
    func otherFileErrors() throws {
        let directory = try CorpusTestDirectory()
        let bad = try directory.write([0x61, 0xFF, 0x20, 0x31, 0x0A], to: "bad.txt")
        #expect(throws: VocabularyError.malformedLine(path: bad, line: 1, reason: "the word is not valid UTF-8")) {
            try Vocabulary.load(from: bad)
        }
        let misplaced = try directory.write("a 3\n</s> 2\n", to: "misplaced.txt")
        let error = #expect(throws: VocabularyError.self) {
            try Vocabulary.load(from: misplaced, specialTokens: [.sentenceEnd])
        }
        #expect(error?.description.contains("line 1 or absent") == true)
        #expect(throws: FileError.self) { try Vocabulary.load(from: directory.path + "/missing.txt") }
        #expect(throws: VocabularyError.duplicateWord("a")) { try Vocabulary(words: [("a", 1), ("a", 2)]) }
        #expect(throws: VocabularyError.self) { try Vocabulary(words: [("a b", 1)]) }
    }

    // MARK: - Id stream

    @Test("A corpus becomes a flat id stream with sentence ends; unknown words dropped or mapped")
    func idStream() throws {
        let (counter, directory, path) = try counter("the cat sat\n\nthe dog\nrare the\nrare2")
        let vocabulary = counter.makeVocabulary(minCount: 2, specialTokens: [.sentenceEnd])
        #expect(vocabulary.words == ["</s>", "the"])
        let second = try directory.write("cat cat\n", to: "second.txt")
        let corpus = Corpus(sources: [.file(path), .file(second)])
        let stream = try vocabulary.encode(corpus)
        #expect(stream.ids == [1, 1, 1])
        #expect(stream.sentenceEnds == [1, 2, 3])
        #expect(stream.droppedWords == 7)

        let full = counter.makeVocabulary(specialTokens: [.unknown])
        let mapped = try full.encode(corpus)
        #expect(mapped.sentenceCount == 5)
        #expect(full.decode(mapped.sentence(0)) == ["the", "cat", "sat"])
        #expect(full.decode(mapped.sentence(4)) == ["cat", "cat"])
        #expect(mapped.droppedWords == 0)

        let minimum = counter.makeVocabulary(minCount: 2, specialTokens: [.unknown])
        #expect(minimum.decode(minimum.encode("the zebra cat")) == ["the", "<unk>", "<unk>"])
    }
}
