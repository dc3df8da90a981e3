import Testing

@testable import NLPText

@Suite("UnicodeTokenizer: tokens and normalization options")
struct TokenizerUnicodeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let tokens: [String]
        var testDescription: String { text.debugDescription }
        init(_ text: String, _ tokens: [String]) {
            self.text = text
            self.tokens = tokens
        }
    }

    // MARK: - Defaults: lower-case and strip punctuation (Keras lower_and_strip_punctuation)

    @Test(
        "Default options",
        arguments: [
            Case("Hello, World!", ["hello", "world"]),
            // Keras strips ' and . too: "don't" → "dont", "3.14" → "314".
            Case("Don't panic, it's 3.14!", ["dont", "panic", "its", "314"]),
            Case("don’t", ["dont"]),  // U+2019 is punctuation (Pf)
            Case("café naïve CAFÉ", ["café", "naïve", "café"]),
            Case("e\u{301}t\u{e9}", ["e\u{301}té"]),  // combining accent stays in its word
            Case("日本語の文章", ["日本語", "の", "文章"]),
            Case("我们在学习", ["我们", "在", "学习"]),
            Case("สวัสดีครับ", ["สวัสดี", "ครับ"]),
            Case("I ❤️ NY 👍🏽!", ["i", "❤️", "ny", "👍🏽"]),
            Case("👨‍👩‍👧 🇯🇵", ["👨‍👩‍👧", "🇯🇵"]),
            Case("hello-world e.g. U.S.A.", ["hello", "world", "eg", "usa"]),
            Case("foo_bar snake_case", ["foobar", "snakecase"]),
            Case("(parenthesized) [bracketed] {braced}", ["parenthesized", "bracketed", "braced"]),
            Case("", []),
            Case("   \t\n  \r\n", []),
            Case("!!! ... ---", []),
            Case("\u{3000}全角\u{3000}スペース", ["全角", "スペース"]),
        ])
    func defaults(_ example: Case) throws {
        let tokenizer = try UnicodeTokenizer()
        #expect(tokenizer.tokenize(example.text) == example.tokens)
        #expect(tokenizer(example.text) == example.tokens)
    }

    // MARK: - Punctuation

    @Test(
        "Punctuation: dropTokens keeps inner apostrophes and decimal points",
        arguments: [
            Case("Don't panic, it's 3.14!", ["don't", "panic", "it's", "3.14"]),
            Case("rock'n'roll 1,000,000", ["rock'n'roll", "1,000,000"]),
            Case("'quoted' e.g.", ["quoted", "e.g"]),
        ])
    func dropTokens(_ example: Case) throws {
        let tokenizer = try UnicodeTokenizer(punctuation: .dropTokens)
        #expect(tokenizer.tokenize(example.text) == example.tokens)
    }

    @Test(
        "Punctuation: keep makes each punctuation mark a token, white space never",
        arguments: [
            Case("Hi, you!", ["Hi", ",", "you", "!"]),
            Case("Wait...", ["Wait", ".", ".", "."]),
            Case("a + b = $5", ["a", "+", "b", "=", "$", "5"]),
            Case("«Bonjour»", ["«", "Bonjour", "»"]),
        ])
    func keepPunctuation(_ example: Case) throws {
        let tokenizer = try UnicodeTokenizer(caseMapping: .preserve, punctuation: .keep)
        #expect(tokenizer.tokenize(example.text) == example.tokens)
    }

    // MARK: - Case

    @Test(
        "Case mapping: preserve, lower-case, fold",
        arguments: [
            (UnicodeTokenizer.CaseMapping.preserve, ["Straße", "ÉCOLE", "İstanbul"]),
            (.lowercase, ["straße", "école", "i\u{307}stanbul"]),
            (.foldCase, ["strasse", "école", "i\u{307}stanbul"]),
        ])
    func caseMapping(mapping: UnicodeTokenizer.CaseMapping, expected: [String]) throws {
        let tokenizer = try UnicodeTokenizer(caseMapping: mapping)
        #expect(tokenizer.tokenize("Straße ÉCOLE İstanbul") == expected)
    }

    // MARK: - Normalization

    @Test(
        "NFKC: ligatures and full-width forms",
        arguments: [
            (NormalizationForm?.none, "ﬁne ﬂour", ["ﬁne", "ﬂour"]),
            (.nfkc, "ﬁne ﬂour", ["fine", "flour"]),
            (.nfkc, "１２３ ＡＢＣ", ["123", "abc"]),
            (.none, "１２３ ＡＢＣ", ["１２３", "ａｂｃ"]),
            // NFKC: ² → 2, ½ → "1⁄2"; U+2044 FRACTION SLASH joins digits (MidNum) and is a
            // symbol (Sm), not punctuation, so stripping keeps it.
            (.nfkc, "x² ½", ["x2", "1⁄2"]),
            (.nfkcCasefold, "ＡＢＣ Straße", ["abc", "strasse"]),
        ])
    func normalization(form: NormalizationForm?, text: String, expected: [String]) throws {
        let tokenizer = try UnicodeTokenizer(normalization: form)
        #expect(tokenizer.tokenize(text) == expected)
    }

    // MARK: - Numbers and emoji

    @Test(
        "Numbers: keep, placeholder, drop",
        arguments: [
            (UnicodeTokenizer.NumberHandling.keep, ["i", "have", "3", "cats", "2,500", "dogs", "mp3", "٣"]),
            (.replace(with: "<num>"), ["i", "have", "<num>", "cats", "<num>", "dogs", "mp3", "<num>"]),
            (.drop, ["i", "have", "cats", "dogs", "mp3"]),
        ])
    func numbers(handling: UnicodeTokenizer.NumberHandling, expected: [String]) throws {
        let tokenizer = try UnicodeTokenizer(punctuation: .dropTokens, numbers: handling)
        #expect(tokenizer.tokenize("I have 3 cats, 2,500 dogs, mp3 ٣") == expected)
    }

    @Test("Full-width digits are a number; NFKC makes them ASCII first")
    func fullWidthNumbers() throws {
        let placeholder = try UnicodeTokenizer(numbers: .replace(with: "<num>"))
        #expect(placeholder.tokenize("１２３ apples") == ["<num>", "apples"])
        let nfkc = try UnicodeTokenizer(normalization: .nfkc)
        #expect(nfkc.tokenize("１２３ apples") == ["123", "apples"])
    }

    @Test("Emoji can be dropped")
    func emojiDropped() throws {
        let tokenizer = try UnicodeTokenizer(keepsEmoji: false)
        #expect(tokenizer.tokenize("I ❤️ NY 👍🏽! 🇯🇵") == ["i", "ny"])
    }

    // MARK: - Streaming API

    @Test("forEachToken streams the same tokens as tokenize")
    func forEachToken() throws {
        let tokenizer = try UnicodeTokenizer(numbers: .replace(with: "<num>"))
        let text = TokenizerFixtures.movieSnippets + " Café 日本語 3.14 ❤️"
        var streamed: [String] = []
        tokenizer.forEachToken(in: text) { streamed.append(String(decoding: $0, as: UTF8.self)) }
        #expect(streamed == tokenizer.tokenize(text))
        var fromBytes: [String] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            tokenizer.forEachToken(inUTF8: bytes) { fromBytes.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(fromBytes == streamed)
    }

    @Test("A token callback may tokenize again with the same tokenizer")
    func reentrant() throws {
        let tokenizer = try UnicodeTokenizer()
        var inner: [[String]] = []
        tokenizer.forEachToken(in: "Café 日本語 über") { token in
            inner.append(tokenizer.tokenize(String(decoding: token, as: UTF8.self) + " Ünïcode"))
        }
        #expect(inner == [["café", "ünïcode"], ["日本語", "ünïcode"], ["über", "ünïcode"]])
    }

    @Test("Tokenizers can be shared across tasks")
    func concurrent() async throws {
        let tokenizer = try UnicodeTokenizer()
        let text = "Café naïve 日本語の文章 don't " + TokenizerFixtures.shakespeare.prefix(2_000)
        let expected = tokenizer.tokenize(text)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0 ..< 8 { group.addTask { tokenizer.tokenize(text) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }

    // MARK: - Bad input

    @Test("Invalid UTF-8 bytes become U+FFFD, which is not a word")
    func invalidUTF8() throws {
        let tokenizer = try UnicodeTokenizer(punctuation: .keep)
        let bytes: [UInt8] = [0x66, 0x6F, 0xFF, 0x6F, 0x20, 0xC3, 0x20, 0x62, 0x61, 0x72]
        var tokens: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            tokenizer.forEachToken(inUTF8: buffer) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(tokens == ["fo", "\u{FFFD}", "o", "\u{FFFD}", "bar"])
        #expect(try UnicodeTokenizer().tokenize(String(decoding: bytes, as: UTF8.self)) == ["fo", "o", "bar"])
    }

    @Test(
        "A 1 MB word without spaces is one token (ASCII and ICU paths)",
        arguments: ["a", "é", "7", "日"])
    func longToken(unit: String) throws {
        let text = String(repeating: unit, count: 1_000_000 / unit.utf8.count)
        let tokenizer = try UnicodeTokenizer(caseMapping: .preserve)
        let tokens = tokenizer.tokenize(text + " end")
        // ICU's CJK dictionary splits long ideograph runs into pieces; the others stay whole.
        #expect(tokens.joined() == text + "end")
        #expect(tokens.last == "end")
        if unit != "日" { #expect(tokens.count == 2) }
    }
}

@Suite("UnicodeTokenizer: long text goes to ICU in bounded pieces")
struct TokenizerPieceTests {
    @Test("Cutting at white space gives the same tokens", arguments: [false, true])
    func piecesAtWhitespace(fastPath: Bool) throws {
        var tokenizer = try UnicodeTokenizer(numbers: .replace(with: "<num>"), usesASCIIFastPath: fastPath)
        let text = TokenizerFixtures.shakespeare + " Café naïve 日本語の文章 ❤️ 3.14 " + TokenizerFixtures.movieSnippets
        let expected = tokenizer.tokenize(text)
        tokenizer.icuPieceLimit = 24
        #expect(tokenizer.tokenize(text) == expected)
    }

    @Test("A stretch without white space is cut between characters, never inside one")
    func piecesWithoutWhitespace() throws {
        var tokenizer = try UnicodeTokenizer(caseMapping: .preserve)
        tokenizer.icuPieceLimit = 7
        let text = String(repeating: "é", count: 20)  // 40 bytes, no white space
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.joined() == text)
        #expect(tokens.count == 7)  // pieces of 6, 6, …, 4 bytes: 3 é each, then 2
    }
}
