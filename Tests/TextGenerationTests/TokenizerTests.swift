// Word and character tokenizers of language models: table tests and round trips.
import Foundation
import NLPText
import Testing
import TextGeneration

@Suite("Language-model tokenizers")
struct TokenizerTests {
    @Test(
        "words, punctuation and line ends are tokens",
        arguments: [
            ("To be, or not to be.\n", ["To", "be", ",", "or", "not", "to", "be", ".", "\n"]),
            ("O'er the hill-top--away!", ["O'er", "the", "hill-top", "-", "-", "away", "!"]),
            ("  spaces\tand\r\nlines ", ["spaces", "and", "\n", "lines"]),
            ("(aside) 'tis", ["(", "aside", ")", "'", "tis"]),
        ])
    func wordSplitting(text: String, expected: [String]) {
        let tokenizer = WordTokenizer(fitting: text)
        #expect(tokenizer.tokenize(text) == expected)
    }

    @Test("decode joins words with spaces and keeps punctuation and line ends tight")
    func wordDecoding() {
        let text = "ROMEO.\nBut soft, what light through yonder window breaks?\nIt is the east.\n"
        let tokenizer = WordTokenizer(fitting: text)
        #expect(tokenizer.decode(tokenizer.encode(text)) == text)
    }

    @Test("the vocabulary is capped by count, ties by first occurrence; the rest is <unk>")
    func wordVocabularyCap() {
        let tokenizer = WordTokenizer(fitting: "b a b c a b d", maxVocabulary: 3)
        #expect(tokenizer.words == ["<unk>", "b", "a"])
        #expect(tokenizer.encode("a c b zebra") == [2, 0, 1, 0])
        let minCount = WordTokenizer(fitting: "b a b c a b d", minCount: 2)
        #expect(minCount.words == ["<unk>", "b", "a"])
    }

    @Test("character ids follow code points; unknown characters throw with their position")
    func characterTokenizer() throws {
        let tokenizer = LanguageModelTokenizer.characters(fitting: "hello")
        #expect(tokenizer.tokens == ["e", "h", "l", "o"])
        #expect(try tokenizer.encode("hole") == [1, 3, 2, 0])
        #expect(throws: TextGenerationError.unknownToken("z", position: 2)) { try tokenizer.encode("hoze") }
        #expect(tokenizer.encodeKnown("hoze") == [1, 3, 0])
    }

    @Test("both tokenizer kinds round-trip through JSON")
    func codable() throws {
        for tokenizer in [
            LanguageModelTokenizer.characters(fitting: "Wherefore art thou\n"),
            .word(WordTokenizer(fitting: "to be or not to be")),
        ] {
            let data = try JSONEncoder().encode(tokenizer)
            #expect(try JSONDecoder().decode(LanguageModelTokenizer.self, from: data) == tokenizer)
        }
        let bad = Data(#"{"level": "character", "tokens": ["ab"]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LanguageModelTokenizer.self, from: bad) }
    }

    @Test("text files: plain and gzip read the same; empty and non-UTF-8 files give clear errors")
    func textFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.txt").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: TextGenerationError.emptyText(path: empty)) { try TextFile.read(empty) }
        let latin1 = directory.appendingPathComponent("latin1.txt").path
        _ = FileManager.default.createFile(atPath: latin1, contents: Data([0x63, 0x61, 0x66, 0xE9, 0x0A]))
        #expect(throws: TextGenerationError.invalidUTF8(path: latin1, offset: 3)) { try TextFile.read(latin1) }
        #expect(throws: (any Error).self) { try TextFile.read(directory.appendingPathComponent("missing.txt").path) }
        let excerpt = try Fixtures.shakespeare(characters: 2000)
        #expect(excerpt.unicodeScalars.count == 2000)
        let plain = directory.appendingPathComponent("excerpt.txt").path
        let gzip = directory.appendingPathComponent("excerpt.txt.gz").path
        try excerpt.write(toFile: plain, atomically: true, encoding: .utf8)
        try GzipFile.write(Array(excerpt.utf8), to: gzip)
        #expect(try TextFile.read(plain) == excerpt)
        #expect(try TextFile.read(gzip) == excerpt)
        #expect(excerpt.contains("Shakespeare") || excerpt.contains("SHAKESPEARE"))
    }
}
