import Testing

@testable import NLPText

@Suite("CharacterTokenizer")
struct TokenizerCharacterTests {
    @Test("Vocabulary in code-point order; encode and decode")
    func basics() throws {
        let tokenizer = CharacterTokenizer(fitting: ["hello"])
        #expect(tokenizer.characters == ["e", "h", "l", "o"])
        #expect(tokenizer.count == 4)
        #expect(try tokenizer.encode("hole") == [1, 3, 2, 0])
        #expect(tokenizer.decode([1, 0, 2, 2, 3]) == "hello")
        #expect(tokenizer.tokenize("") == [])
        #expect(try tokenizer.encode("") == [])
        #expect(tokenizer.decode([]) == "")
    }

    @Test("Unknown characters throw with their position, or are skipped")
    func unknown() throws {
        let tokenizer = CharacterTokenizer(fitting: ["hello"])
        #expect(throws: TokenizerError.unknownCharacter("p", position: 3)) { try tokenizer.encode("help") }
        #expect(tokenizer.encodeKnown("help") == [1, 0, 2])
        let message = "\(TokenizerError.unknownCharacter("é", position: 0))"
        #expect(message.contains("U+E9"))
    }

    @Test(
        "Scalars versus graphemes",
        arguments: [
            (CharacterTokenizer.Unit.unicodeScalar, ["e", "\u{301}", "👍", "\u{1F3FD}", " "]),
            (.grapheme, ["e\u{301}", "👍🏽", " "]),
        ])
    func units(unit: CharacterTokenizer.Unit, expected: [String]) throws {
        let text = "e\u{301}👍🏽 "
        let tokenizer = CharacterTokenizer(fitting: [text], unit: unit)
        #expect(tokenizer.tokenize(text) == expected)
        #expect(tokenizer.count == expected.count)
        #expect(tokenizer.decode(try tokenizer.encode(text)) == text)
    }

    @Test("Canonically equivalent scalars stay distinct and round-trip exactly")
    func exactScalars() throws {
        let text = "\u{212B}\u{00C5}"  // ANGSTROM SIGN, LATIN CAPITAL A WITH RING ABOVE
        let tokenizer = CharacterTokenizer(fitting: [text])
        #expect(tokenizer.count == 2)
        #expect(tokenizer.characters.map { $0.unicodeScalars.first!.value } == [0xC5, 0x212B])
        let decoded = tokenizer.decode(try tokenizer.encode(text))
        #expect(Array(decoded.unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test("Real text round-trips; fitting again keeps ids in code-point order")
    func realText() throws {
        var tokenizer = CharacterTokenizer(fitting: [TokenizerFixtures.shakespeare])
        let ids = try tokenizer.encode(TokenizerFixtures.shakespeare)
        #expect(ids.count == TokenizerFixtures.shakespeare.unicodeScalars.count)
        #expect(tokenizer.decode(ids) == TokenizerFixtures.shakespeare)
        #expect(tokenizer.characters.first == "\n")
        tokenizer.fit(["日本語 🙂"])
        #expect(tokenizer.characters.suffix(4) == ["日", "本", "語", "🙂"])
        #expect(tokenizer.decode(try tokenizer.encode("日本 the")) == "日本 the")
    }

    @Test("A saved vocabulary keeps its id order")
    func savedVocabulary() throws {
        let tokenizer = CharacterTokenizer(characters: ["z", "a", " "])
        #expect(try tokenizer.encode("a z") == [1, 2, 0])
        #expect(tokenizer.id(for: "q") == nil)
    }
}
