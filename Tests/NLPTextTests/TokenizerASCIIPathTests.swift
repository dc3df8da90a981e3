import NLPCore
import Testing

@testable import NLPText

/// The ASCII fast path must give exactly the tokens ICU gives.
@Suite("UnicodeTokenizer: ASCII fast path equals the ICU path")
struct TokenizerASCIIPathTests {
    /// Option combinations that exercise every branch of the per-token code.
    static let variants:
        [(
            String, UnicodeTokenizer.CaseMapping, UnicodeTokenizer.PunctuationHandling,
            UnicodeTokenizer.NumberHandling
        )] = [
            ("default", .lowercase, .strip, .keep),
            ("preserve/keep", .preserve, .keep, .keep),
            ("fold/dropTokens/<num>", .foldCase, .dropTokens, .replace(with: "<num>")),
            ("lower/strip/drop", .lowercase, .strip, .drop),
            ("preserve/keep/<num>", .preserve, .keep, .replace(with: "<num>")),
        ]

    func pair(_ variant: Int) throws -> (fast: UnicodeTokenizer, icu: UnicodeTokenizer) {
        let (_, caseMapping, punctuation, numbers) = Self.variants[variant]
        let fast = try UnicodeTokenizer(caseMapping: caseMapping, punctuation: punctuation, numbers: numbers)
        var icu = fast
        icu.usesASCIIFastPath = false
        return (fast, icu)
    }

    @Test("Real text: Shakespeare and movie reviews", arguments: 0 ..< variants.count)
    func realText(variant: Int) throws {
        let (fast, icu) = try pair(variant)
        for text in [TokenizerFixtures.shakespeare, TokenizerFixtures.movieSnippets] {
            let expected = icu.tokenize(text)
            #expect(expected.count > 500)
            #expect(fast.tokenize(text) == expected, "\(Self.variants[variant].0)")
            // Line by line too (different stretch boundaries).
            for line in text.split(separator: "\n") {
                #expect(fast.tokenize(String(line)) == icu.tokenize(String(line)), "\(line)")
            }
        }
    }

    @Test("Random ASCII: joiners, digits, underscores, then every ASCII byte", arguments: 0 ..< variants.count)
    func randomASCII(variant: Int) throws {
        let (fast, icu) = try pair(variant)
        let joiners = Array("aZb09_.',;:@- !\t\n\r\"?$")
        let allASCII = (0 ..< 128).map { Character(Unicode.Scalar(UInt8($0))) } + Array("aaaaZZ0011__..''")
        for alphabet in [joiners, allASCII] {
            compareRandom(fast, icu, alphabet: alphabet, seed: 29 + UInt64(variant))
        }
    }

    func compareRandom(
        _ fast: UnicodeTokenizer, _ icu: UnicodeTokenizer, alphabet: [Character], seed: UInt64
    ) {
        var random = SplitMix64(seed: seed)
        for _ in 0 ..< 2_000 {
            let length = 1 + random.nextInt(below: 12)
            let text = String((0 ..< length).map { _ in alphabet[random.nextInt(below: alphabet.count)] })
            #expect(fast.tokenize(text) == icu.tokenize(text), "\(text.debugDescription)")
        }
    }

    @Test("Mixed ASCII and non-ASCII stretches", arguments: 0 ..< variants.count)
    func mixed(variant: Int) throws {
        let (fast, icu) = try pair(variant)
        let texts = [
            "Café au lait, don't you think? 3.14 naïve 日本語の文章 and more",
            "I ❤️ NY 👍🏽! The end.", "a \u{301}b c", "x\u{200D}y 12,5 €3", "ÀB_cd 'quoted' e.g. U.S.A.",
        ]
        for text in texts {
            #expect(fast.tokenize(text) == icu.tokenize(text), "\(text)")
        }
    }
}
