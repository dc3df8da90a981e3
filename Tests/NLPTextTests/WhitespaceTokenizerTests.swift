import Testing

@testable import NLPText

@Suite("Whitespace tokenizer")
struct WhitespaceTokenizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let words: [String]
        var testDescription: String { input.debugDescription }
    }

    @Test(
        "Words of byte inputs",
        arguments: [
            Case(input: "", words: []),
            Case(input: "   \t\n\r\n", words: []),
            Case(input: "one", words: ["one"]),
            Case(input: "a  b   c", words: ["a", "b", "c"]),
            Case(input: "  leading and trailing  ", words: ["leading", "and", "trailing"]),
            Case(input: "tab\tseparated\twords", words: ["tab", "separated", "words"]),
            Case(input: "crlf\r\nlines\r\n", words: ["crlf", "lines"]),
            Case(input: "vt\u{0B}ff\u{0C}end", words: ["vt", "ff", "end"]),
            Case(input: "héllo wörld 日本語 ok", words: ["héllo", "wörld", "日本語", "ok"]),
            Case(input: "punct, stays! (yes)", words: ["punct,", "stays!", "(yes)"]),
            Case(input: "non\u{A0}breaking", words: ["non\u{A0}breaking"]),
        ])
    func words(_ example: Case) {
        #expect(WhitespaceTokenizer().words(in: example.input) == example.words)
        #expect(
            WhitespaceTokenizer().words(in: Array(example.input.utf8)) == example.words.map { Array($0.utf8) })
    }

    @Test("Word boundaries at and around the 64-byte blocks", arguments: [62, 63, 64, 65, 127, 128, 129, 200])
    func blockBoundaries(length: Int) {
        // Words of every length 1...9 laid out so that boundaries fall on every block position.
        var text = ""
        var n = 0
        while text.utf8.count < length {
            text += String(repeating: Character(UnicodeScalar(UInt8(97 + n % 26))), count: 1 + n % 9)
            text += n % 3 == 0 ? "  " : " "
            n += 1
        }
        for end in length - 3 ... length {
            let bytes = Array(text.utf8.prefix(end))
            #expect(WhitespaceTokenizer().words(in: bytes) == referenceWords(bytes))
            #expect(sentenceTokens(bytes) == referenceTokens(bytes))
        }
    }

    @Test("Same words as a byte-by-byte reference on random inputs")
    func randomInputs() {
        var state: UInt64 = 12345
        let alphabet: [UInt8] = [0x61, 0x62, 0x20, 0x20, 0x0A, 0x09, 0x0D, 0x0B, 0x0C, 0xC3, 0xA9, 0xFF, 0x2C]
        for _ in 0 ..< 300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 55)
            let bytes = (0 ..< length).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 33) % alphabet.count]
            }
            #expect(WhitespaceTokenizer().words(in: bytes) == referenceWords(bytes))
            #expect(sentenceTokens(bytes) == referenceTokens(bytes))
        }
    }

    @Test("Newlines are sentence ends when marked, one per newline")
    func sentenceEnds() {
        #expect(sentenceTokens(Array("a b\n\nc\r\nd".utf8)) == ["a", "b", "</s>", "</s>", "c", "</s>", "d"])
        let plain = WhitespaceTokenizer()
        var ends = 0
        let counts = Array("a\nb\n".utf8).withUnsafeBytes { raw in
            plain.forEachToken(in: raw) { if case .sentenceEnd = $0 { ends += 1 } }
        }
        #expect(ends == 0 && counts.sentenceEnds == 0 && counts.words == 2)
        #expect(WhitespaceTokenizer().sentences(in: "a b\n\n c \nd") == [["a", "b"], ["c"], ["d"]])
    }

    struct TruncationCase: CustomTestStringConvertible, Sendable {
        let character: String
        let repeats: Int
        let expectedBytes: Int
        var testDescription: String { "\(character) × \(repeats)" }
    }

    @Test(
        "Words longer than maxWordBytes are cut at a character boundary",
        arguments: [
            TruncationCase(character: "x", repeats: 250, expectedBytes: 100),
            TruncationCase(character: "x", repeats: 100, expectedBytes: 100),
            TruncationCase(character: "é", repeats: 60, expectedBytes: 100),
            TruncationCase(character: "日", repeats: 40, expectedBytes: 99),
            TruncationCase(character: "𝄞", repeats: 30, expectedBytes: 100),
            TruncationCase(character: "a𝄞", repeats: 30, expectedBytes: 100),
        ])
    func truncation(_ example: TruncationCase) {
        let word = String(repeating: example.character, count: example.repeats)
        let text = "before " + word + " after"
        var words: [[UInt8]] = []
        let counts = Array(text.utf8).withUnsafeBytes { raw in
            WhitespaceTokenizer().forEachToken(in: raw) { if case .word(let w) = $0 { words.append(Array(w)) } }
        }
        #expect(words.count == 3)
        #expect(words[1].count == example.expectedBytes)
        #expect(String(validating: words[1], as: UTF8.self) != nil, "the cut word is valid UTF-8")
        #expect(word.utf8.starts(with: words[1]))
        #expect(counts.truncatedWords == (word.utf8.count > 100 ? 1 : 0))
    }

    // MARK: - Reference

    static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]

    /// Splits one byte at a time, like word2vec.c's ReadWord (inputs here have no long words).
    func referenceWords(_ bytes: [UInt8]) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        for byte in bytes {
            if Self.whitespace.contains(byte) {
                if !word.isEmpty { words.append(word) }
                word.removeAll()
            } else {
                word.append(byte)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    func referenceTokens(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            if Self.whitespace.contains(byte) {
                if !word.isEmpty { tokens.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll()
                if byte == 0x0A { tokens.append("</s>") }
            } else {
                word.append(byte)
            }
        }
        if !word.isEmpty { tokens.append(String(decoding: word, as: UTF8.self)) }
        return tokens
    }

    func sentenceTokens(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        bytes.withUnsafeBytes { raw in
            _ = WhitespaceTokenizer(marksSentenceEnds: true).forEachToken(in: raw) { token in
                switch token {
                case .word(let w): tokens.append(String(decoding: w, as: UTF8.self))
                case .sentenceEnd: tokens.append("</s>")
                }
            }
        }
        return tokens
    }
}
