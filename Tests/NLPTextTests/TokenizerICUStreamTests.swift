import NLPCore
import Testing

@testable import NLPText

/// The tokenizer's C loop (UTF-16, batches of UTF-8 tokens) must give the tokens of the plain
/// pipeline built from the public pieces: transform the whole text, split it with
/// `ICUWordBreaker` (which breaks the UTF-8 directly), then filter and strip each segment.
@Suite("UnicodeTokenizer: the C token loop equals segment-by-segment tokenization")
struct TokenizerICUStreamTests {
    struct Variant: CustomTestStringConvertible, Sendable {
        let name: String
        let caseMapping: UnicodeTokenizer.CaseMapping
        let normalization: NormalizationForm?
        let punctuation: UnicodeTokenizer.PunctuationHandling
        let numbers: UnicodeTokenizer.NumberHandling
        let keepsEmoji: Bool
        var testDescription: String { name }

        func tokenizer(fastPath: Bool) throws -> UnicodeTokenizer {
            try UnicodeTokenizer(
                caseMapping: caseMapping, normalization: normalization, punctuation: punctuation,
                numbers: numbers, keepsEmoji: keepsEmoji, usesASCIIFastPath: fastPath)
        }
    }

    static let variants: [Variant] = [
        Variant(
            name: "default", caseMapping: .lowercase, normalization: nil, punctuation: .strip, numbers: .keep,
            keepsEmoji: true),
        Variant(
            name: "preserve/dropTokens", caseMapping: .preserve, normalization: nil, punctuation: .dropTokens,
            numbers: .keep, keepsEmoji: true),
        Variant(
            name: "preserve/keep/<num>", caseMapping: .preserve, normalization: nil, punctuation: .keep,
            numbers: .replace(with: "<num>"), keepsEmoji: true),
        Variant(
            name: "fold/strip/drop/no emoji", caseMapping: .foldCase, normalization: nil, punctuation: .strip,
            numbers: .drop, keepsEmoji: false),
        Variant(
            name: "NFKC/lower/strip/<num>", caseMapping: .lowercase, normalization: .nfkc, punctuation: .strip,
            numbers: .replace(with: "<num>"), keepsEmoji: true),
        Variant(
            name: "NFKC_Casefold/keep", caseMapping: .preserve, normalization: .nfkcCasefold, punctuation: .keep,
            numbers: .keep, keepsEmoji: true),
        Variant(
            name: "NFD/fold/dropTokens", caseMapping: .foldCase, normalization: .nfd, punctuation: .dropTokens,
            numbers: .keep, keepsEmoji: true),
    ]

    /// The reference: whole-text transformations, then one ICU segment at a time in Swift.
    static func reference(_ text: String, _ variant: Variant) throws -> [String] {
        var text = text
        if let form = variant.normalization { text = try ICUText.normalize(text, form: form) }
        switch variant.caseMapping {
        case .preserve: break
        case .lowercase: text = try ICUText.lowercased(text)
        case .foldCase: text = try ICUText.foldCase(text)
        }
        var tokens: [String] = []
        for segment in try ICUWordBreaker().segments(in: text) {
            var scalars = Array(segment.text.unicodeScalars)
            switch segment.kind {
            case .none:
                guard variant.punctuation == .keep else { continue }
                scalars = Array(scalars.drop { $0.icu.isWhitespace })
            case .emoji:
                guard variant.keepsEmoji else { continue }
            case .number where !scalars.contains(where: \.properties.isAlphabetic):
                if case .drop = variant.numbers { continue }
                if case .replace(let placeholder) = variant.numbers {
                    tokens.append(placeholder)
                    continue
                }
                fallthrough
            default:
                if variant.punctuation == .strip { scalars.removeAll { $0.icu.isPunctuation } }
            }
            if !scalars.isEmpty { tokens.append(String(String.UnicodeScalarView(scalars))) }
        }
        return tokens
    }

    static let multilingual = [
        "Über die Straße gehen 3.000 Fußgänger — „schnell“, sagt Jürgen. ÄÖÜ ẞ",
        "L'été dernier, l’hôtel « Le Café » coûtait 1 234,56 € ; aujourd'hui : ½ prix.",
        "Съешь же ещё этих мягких французских булок, да выпей чаю. ПРИВЕТ 2024 г.",
        "日本語のテキストを分割します。東京タワーは３３３メートル、ｶﾀｶﾅも。",
        "我们在学习自然语言处理，２０２４年。", "สวัสดีครับ ภาษาไทย", "Ελληνικά: Σίσυφος ΟΔΟΣ",
        "I ❤️ NY 👍🏽! 👨‍👩‍👧 🇯🇵 #1 @user e-mail@example.com",
        "e\u{301}t\u{e9} \u{301}x İstanbul ﬁne ﬂour x² ℌ Ǆ ǅ ŉ ΐ",
        "a\u{200D}b 12,5 mp3 ٣٤٥ १२३ ＡＢＣ１２３ _under_ score__",
        "\u{3000}全角\u{3000}スペース\u{00A0}nbsp\u{2028}line\u{FEFF}bom",
        // Final sigma depends on its neighbours: only white space ends the context.
        "ΟΔΟΣ. ΣΟΦΟΣ'Σ x ΑΣ\tΣ Σa aΣ a.Σ Σ.a ΑΣ\u{301} ΑΣ\u{00A0}Β ΑΣ-Β",
        // Stretches handed to ICU separately (> 64 ASCII units apart) keep their context.
        "Σ" + String(repeating: "plain ascii text ", count: 8) + "aΣ ΑΣ" + String(repeating: " x", count: 40) + " a.Σ",
    ]

    @Test("Real and multilingual text, ICU path and ASCII path", arguments: variants)
    func matchesReference(variant: Variant) throws {
        let icu = try variant.tokenizer(fastPath: false)
        let fast = try variant.tokenizer(fastPath: true)
        for text in [TokenizerFixtures.shakespeare, TokenizerFixtures.movieSnippets] + Self.multilingual {
            let expected = try Self.reference(text, variant)
            #expect(icu.tokenize(text) == expected, "\(text.prefix(60))")
            #expect(fast.tokenize(text) == expected, "\(text.prefix(60))")
        }
    }

    @Test("Random text from a mixed alphabet", arguments: variants)
    func randomText(variant: Variant) throws {
        let icu = try variant.tokenizer(fastPath: false)
        let alphabet = Array("aZ09_.',;: \t\néÉßİΣσ\u{301}ﬁ１Ａ日本のカタ한ไทย❤️👍🏽🇯🇵«»—’٣-$")
        var random = SplitMix64(seed: 41)
        for _ in 0 ..< 1_500 {
            let length = 1 + random.nextInt(below: 14)
            let text = String((0 ..< length).map { _ in alphabet[random.nextInt(below: alphabet.count)] })
            #expect(icu.tokenize(text) == (try Self.reference(text, variant)), "\(text.debugDescription)")
        }
    }

    @Test(
        "Batches: many tokens, long tokens that fill the byte buffer, one token larger than it",
        arguments: [
            String(repeating: "Wörter, und Zahlen 12 ", count: 1_500),  // > 512 tokens per batch
            String(repeating: String(repeating: "ä", count: 999) + "Z ", count: 100),  // ~3 KiB each, worst case
            String(repeating: "日本", count: 30_000) + " end",  // one dictionary pass over 60k ideographs
            "start " + String(repeating: "é", count: 50_000) + " end",  // 150 KB worst case > 64 KiB buffer
            String(repeating: "İİİİ ΣΑΣ ", count: 3_000),  // lower-casing doubles İ: the UTF-16 buffer grows
        ])
    func batches(text: String) throws {
        let variant = Self.variants[0]
        let icu = try variant.tokenizer(fastPath: false)
        let expected = try Self.reference(text, variant)
        let tokens = icu.tokenize(text)
        #expect(tokens.count == expected.count)
        #expect(tokens == expected)
    }

    @Test("Token kinds are the segment kinds of ICUWordBreaker", arguments: multilingual)
    func kinds(text: String) throws {
        let stream = try ICUTokenStream(locale: "en_US")
        let options = ICUTokenStream.Options(
            normalization: nil, caseMapping: .preserve, stripsPunctuation: false, keepsPunctuation: false)
        var streamed: [(String, WordKind)] = []
        var copy = text
        let failure = copy.withUTF8 { bytes in
            stream.forEachToken(inUTF8: bytes, options: options) { token, kind in
                streamed.append((String(decoding: token, as: UTF8.self), kind))
            }
        }
        #expect(failure == nil)
        let words = try ICUWordBreaker().segments(in: text).filter(\.kind.isWord)
        #expect(streamed.map(\.0) == words.map(\.string))
        #expect(streamed.map(\.1) == words.map(\.kind))
    }

    @Test("A token callback may tokenize again (the pool lends a second stream)")
    func nested() throws {
        let tokenizer = try UnicodeTokenizer(usesASCIIFastPath: false)
        var pairs: [String] = []
        tokenizer.forEachToken(in: "Été Straße") { outer in
            let word = String(decoding: outer, as: UTF8.self)
            tokenizer.forEachToken(in: "Ünïcödé \(word)!") { inner in
                pairs.append(word + ":" + String(decoding: inner, as: UTF8.self))
            }
        }
        #expect(pairs == ["été:ünïcödé", "été:été", "straße:ünïcödé", "straße:straße"])
    }

    @Test("Ill-formed UTF-8 reads as U+FFFD on the ICU path")
    func illFormed() throws {
        let tokenizer = try UnicodeTokenizer(caseMapping: .preserve, punctuation: .dropTokens, usesASCIIFastPath: false)
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x20, 0xC3, 0xA9, 0xE6, 0x97]  // a, invalid, b, space, é, truncated
        var tokens: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            tokenizer.forEachToken(inUTF8: buffer) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(tokens == ["a", "b", "é"])
    }
}
