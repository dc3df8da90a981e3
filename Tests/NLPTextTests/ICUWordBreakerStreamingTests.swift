import Testing

@testable import NLPText

@Suite("ICU word breaking: streaming segments")
struct ICUWordBreakerStreamingTests {
    func streamed(_ breaker: ICUWordBreaker, _ text: String, wordsOnly: Bool) -> [(String, WordKind)] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [(String, WordKind)] = []
            let failure = breaker.forEachSegment(inUTF8: bytes, wordsOnly: wordsOnly) { range, kind in
                result.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self), kind))
            }
            #expect(failure == nil)
            return result
        }
    }

    @Test(
        "Streaming gives the segments of segments(in:), across batch boundaries",
        arguments: [
            "", "don't stop", "café naïve, 3.14 apples", "日本語のテキスト", "I ❤️ 👍🏽! e\u{301}t\u{e9}",
            String(repeating: "one, two; 3.5 — 日本 ", count: 200),  // > 256 segments: several batches
        ])
    func matchesSegments(text: String) throws {
        let breaker = try ICUWordBreaker()
        let segments = try breaker.segments(in: text)
        let all = streamed(breaker, text, wordsOnly: false)
        #expect(all.map(\.0) == segments.map(\.string))
        #expect(all.map(\.1) == segments.map(\.kind))
        let words = streamed(breaker, text, wordsOnly: true)
        #expect(words.map(\.0) == segments.filter(\.kind.isWord).map(\.string))
        // The breaker is reusable afterwards.
        #expect(try breaker.words(in: "after use") == ["after", "use"])
    }

    @Test("Ill-formed UTF-8 streams as U+FFFD without crossing the buffer")
    func illFormed() throws {
        let breaker = try ICUWordBreaker()
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE6, 0x97]  // a, invalid, b, truncated 3-byte sequence
        var ranges: [Range<Int>] = []
        let failure = bytes.withUnsafeBufferPointer { buffer in
            breaker.forEachSegment(inUTF8: buffer, wordsOnly: false) { range, _ in ranges.append(range) }
        }
        #expect(failure == nil)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
}
