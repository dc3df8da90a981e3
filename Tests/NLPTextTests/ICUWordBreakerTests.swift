import Testing

@testable import NLPText

@Suite("ICU word breaking")
struct ICUWordBreakerTests {
    let breaker: ICUWordBreaker

    init() throws { breaker = try ICUWordBreaker() }

    // MARK: - Words

    struct WordCase: CustomTestStringConvertible, Sendable {
        let text: String
        let words: [String]
        var testDescription: String { text }
    }

    @Test(
        "Words keep apostrophes, accents and numbers",
        arguments: [
            WordCase(text: "don't stop", words: ["don't", "stop"]),
            WordCase(text: "café naïve", words: ["café", "naïve"]),
            WordCase(text: "3.14 apples", words: ["3.14", "apples"]),
            WordCase(text: "Hello, world!", words: ["Hello", "world"]),
            WordCase(text: "  \t\n", words: []),
            WordCase(text: "", words: []),
            WordCase(text: "สวัสดีครับ", words: ["สวัสดี", "ครับ"]),
        ])
    func words(_ example: WordCase) throws {
        #expect(try breaker.words(in: example.text) == example.words)
    }

    struct KindCase: CustomTestStringConvertible, Sendable {
        let text: String
        let segments: [String]
        let kinds: [WordKind]
        var testDescription: String { text }
    }

    @Test(
        "Segments are classified",
        arguments: [
            KindCase(
                text: "3.14 apples", segments: ["3.14", " ", "apples"],
                kinds: [.number, .none, .word]),
            KindCase(text: "don't!", segments: ["don't", "!"], kinds: [.word, .none]),
            KindCase(text: "カタカナ", segments: ["カタカナ"], kinds: [.kana]),
            KindCase(text: "ｶﾀｶﾅ", segments: ["ｶﾀｶﾅ"], kinds: [.kana]),
            KindCase(
                text: "日本語のテキスト", segments: ["日本語", "の", "テキスト"],
                kinds: [.ideographic, .kana, .kana]),
            KindCase(
                text: "I ❤️ 👍🏽!", segments: ["I", " ", "❤️", " ", "👍🏽", "!"],
                kinds: [.word, .none, .emoji, .none, .emoji, .none]),
            KindCase(text: "👨‍👩‍👧 🇯🇵", segments: ["👨‍👩‍👧", " ", "🇯🇵"], kinds: [.emoji, .none, .emoji]),
        ])
    func kinds(_ example: KindCase) throws {
        let segments = try breaker.segments(in: example.text)
        #expect(segments.map(\.string) == example.segments)
        #expect(segments.map(\.kind) == example.kinds)
    }

    @Test(
        "Chinese and Japanese split into several dictionary words",
        arguments: [
            ("日本語のテキスト", "ja"), ("我们在学习自然语言处理", "zh"), ("東京都に住んでいます", "ja"),
        ])
    func cjk(text: String, locale: String) throws {
        let breaker = try ICUWordBreaker(locale: locale)
        let segments = try breaker.segments(in: text)
        #expect(segments.count > 1)
        #expect(segments.map(\.string).joined() == text)
        #expect(segments.contains { $0.kind == .ideographic })
        #expect(segments.allSatisfy { $0.kind.isWord })
    }

    // MARK: - Ranges

    @Test(
        "Byte ranges and string ranges map back to the segment text",
        arguments: [
            "don't stop", "café naïve, 3.14 apples", "日本語のテキスト", "สวัสดีครับ",
            "I ❤️ 👍🏽! e\u{301}t\u{e9}",
            "tab\tand\nnewline", "",
        ])
    func ranges(text: String) throws {
        let segments = try breaker.segments(in: text)
        let bytes = Array(text.utf8)
        var expectedStart = 0
        for segment in segments {
            #expect(
                segment.utf8Range.lowerBound == expectedStart,
                "segments cover the text without gaps")
            #expect(!segment.utf8Range.isEmpty)
            let fromBytes = String(decoding: bytes[segment.utf8Range], as: UTF8.self)
            #expect(fromBytes == segment.string)
            #expect(String(text[segment.range]) == segment.string)
            expectedStart = segment.utf8Range.upperBound
        }
        #expect(expectedStart == bytes.count)
    }

    @Test("Empty text has no segments")
    func empty() throws {
        #expect(try breaker.segments(in: "").isEmpty)
        #expect(try breaker.words(in: "").isEmpty)
    }

    // MARK: - Buffer growth and reuse

    @Test("Long text grows the buffers and the breaker stays reusable")
    func longText() throws {
        let sentence = "The quick brown fox, 42 times, jumps over 日本語 dogs! "
        let text = String(repeating: sentence, count: 3_000)
        #expect(text.count > 100_000)
        let words = try breaker.words(in: text)
        let sentenceWords = try breaker.words(in: sentence)
        #expect(words.count == sentenceWords.count * 3_000)
        #expect(Array(words.prefix(sentenceWords.count)) == sentenceWords)
        #expect(Array(words.suffix(sentenceWords.count)) == sentenceWords)

        let segments = try breaker.segments(in: text)
        #expect(segments.last?.utf8Range.upperBound == text.utf8.count)
        #expect(segments.filter(\.kind.isWord).map(\.string) == words)
        // A short text after a long one uses the grown buffers correctly.
        #expect(try breaker.words(in: "don't stop") == ["don't", "stop"])
    }

    @Test("Text with an embedded NUL is segmented past it")
    func embeddedNUL() throws {
        #expect(try breaker.words(in: "one\u{0}two") == ["one", "two"])
    }

    @Test("Unknown locales fall back to the root rules")
    func unknownLocale() throws {
        let breaker = try ICUWordBreaker(locale: "xx_NOWHERE")
        #expect(try breaker.words(in: "don't stop") == ["don't", "stop"])
    }
}
