// Word segmentation with ICU's word-break rules and dictionaries (CJK, Thai, …).
internal import CICU

/// What a ``WordSegment`` holds, from ICU's rule status.
public enum WordKind: Sendable, Hashable, CaseIterable {
    /// Letters: `"don't"`, `"café"`, a Thai word.
    case word
    /// A number such as `"3.14"` or `"1,000"`.
    case number
    /// Only hiragana or katakana (`"テキスト"`, `"の"`). ICU reports these dictionary words as
    /// ideographic; this library tells them apart by script.
    case kana
    /// CJK ideographs, split by ICU's dictionary.
    case ideographic
    /// An emoji (with modifiers or a ZWJ sequence kept together) or a flag. ICU files these
    /// under "none"; this library tells them apart from punctuation.
    case emoji
    /// Spaces, punctuation and symbols.
    case none

    /// `true` for everything except ``none``: the segments ``ICUWordBreaker/words(in:)`` keeps.
    public var isWord: Bool { self != .none }

    init(nlpKind: Int32) {
        switch nlpKind {
        case Int32(NLP_WORD_LETTER): self = .word
        case Int32(NLP_WORD_NUMBER): self = .number
        case Int32(NLP_WORD_KANA): self = .kana
        case Int32(NLP_WORD_IDEO): self = .ideographic
        case Int32(NLP_WORD_EMOJI): self = .emoji
        default: self = .none
        }
    }
}

/// One piece of text between two ICU word boundaries.
public struct WordSegment: Sendable, Hashable {
    /// The segment's text, sharing storage with the segmented string.
    public let text: Substring
    /// The segment's range in the segmented string.
    public var range: Range<String.Index> { text.startIndex ..< text.endIndex }
    /// The segment's range as UTF-8 byte offsets from the start of the segmented string.
    public let utf8Range: Range<Int>
    /// What the segment holds.
    public let kind: WordKind

    /// The segment's text as a `String`.
    public var string: String { String(text) }
}

/// Splits text at word boundaries with ICU's rules for a locale, including dictionary-based
/// segmentation for scripts written without spaces (Chinese, Japanese, Thai, Khmer, …).
///
/// Not thread safe: an instance holds an ICU iterator and reusable buffers, so use one per thread
/// (or per task). Creating one costs tens of microseconds; reuse it across calls.
public final class ICUWordBreaker {
    /// The locale whose rules this breaker uses.
    public let locale: String

    private let breaker: OpaquePointer
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [Int32] = []

    /// Opens a word breaker for `locale` (an ICU locale ID such as `"en_US"`, `"ja"`, `"th"`).
    /// Unknown locales fall back to ICU's root rules, which already handle all scripts.
    /// - Throws: ``ICUError/cannotOpenWordBreaker(locale:code:)`` when ICU fails to open one.
    public init(locale: String = "en_US") throws {
        var code: Int32 = 0
        guard let breaker = nlp_word_breaker_open(locale, &code) else {
            throw ICUError.cannotOpenWordBreaker(locale: locale, code: code)
        }
        self.locale = locale
        self.breaker = breaker
        reserve(256)
    }

    deinit { nlp_word_breaker_close(breaker) }

    /// Splits `text` into segments that cover it without gaps: words, numbers, kana, ideographs
    /// and emoji, and the spaces and punctuation between them (kind ``WordKind/none``).
    /// - Throws: ``ICUError`` when ICU fails or the text exceeds 2 GiB of UTF-8.
    public func segments(in text: String) throws -> [WordSegment] {
        var text = text
        text.makeContiguousUTF8()
        let count = try segmentBoundaries(of: &text)
        var result: [WordSegment] = []
        result.reserveCapacity(count)
        let utf8 = text.utf8
        var index = utf8.startIndex
        var offset = 0
        for i in 0 ..< count {
            let start = Int(starts[i])
            let end = Int(ends[i])
            let lower = utf8.index(index, offsetBy: start - offset)
            let upper = utf8.index(lower, offsetBy: end - start)
            result.append(
                WordSegment(
                    text: text[lower ..< upper], utf8Range: start ..< end,
                    kind: WordKind(nlpKind: kinds[i])))
            index = upper
            offset = end
        }
        return result
    }

    /// The words of `text` (segments of every kind except ``WordKind/none``), in order.
    /// - Throws: ``ICUError`` when ICU fails or the text exceeds 2 GiB of UTF-8.
    public func words(in text: String) throws -> [String] {
        var text = text
        let count = try segmentBoundaries(of: &text)
        return text.withUTF8 { bytes in
            var words: [String] = []
            for i in 0 ..< count where kinds[i] != Int32(NLP_WORD_NONE) {
                let range = Int(starts[i]) ..< Int(ends[i])
                words.append(
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
            return words
        }
    }

    // MARK: - Streaming

    /// Streams the segments of the UTF-8 `bytes` to `body` as byte ranges and kinds, in batches
    /// taken from ICU, without creating a string per segment. With `wordsOnly`, segments of kind
    /// ``WordKind/none`` are skipped inside ICU's loop. Ill-formed UTF-8 reads as U+FFFD.
    ///
    /// - Returns: `nil`, or the ICU failure that stopped segmentation before any segment was
    ///   produced (out of memory, or more than 2 GiB of text).
    func forEachSegment(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, wordsOnly: Bool,
        _ body: (Range<Int>, WordKind) throws -> Void
    ) rethrows -> ICUError? {
        guard bytes.count <= Int(Int32.max) else { return ICUError.textTooLong(byteCount: bytes.count) }
        guard !bytes.isEmpty else { return nil }
        let source = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
        var code: Int32 = 0
        if nlp_word_breaker_set_text(breaker, source, Int32(bytes.count), &code) != 0 {
            return ICUError.segmentationFailed(code: code)
        }
        defer { nlp_word_breaker_detach(breaker) }
        let batch = 256
        reserve(batch)
        while true {
            let count = starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    kinds.withUnsafeMutableBufferPointer { k in
                        Int(
                            nlp_word_breaker_next(
                                breaker, s.baseAddress, e.baseAddress, k.baseAddress, Int32(batch),
                                wordsOnly ? 1 : 0))
                    }
                }
            }
            for i in 0 ..< count {
                try body(Int(starts[i]) ..< Int(ends[i]), WordKind(nlpKind: kinds[i]))
            }
            if count < batch { return nil }
        }
    }

    // MARK: - Buffers

    /// Runs ICU over `text`, leaving the boundaries in `starts`/`ends`/`kinds`; grows the buffers
    /// and runs again when they are too small. Returns the number of segments.
    private func segmentBoundaries(of text: inout String) throws -> Int {
        try text.withUTF8 { bytes in
            guard bytes.count <= Int(Int32.max) else {
                throw ICUError.textTooLong(byteCount: bytes.count)
            }
            let source = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
            while true {
                var code: Int32 = 0
                let capacity = starts.count
                let count = starts.withUnsafeMutableBufferPointer { s in
                    ends.withUnsafeMutableBufferPointer { e in
                        kinds.withUnsafeMutableBufferPointer { k in
                            nlp_word_breaker_segment(
                                breaker, source, Int32(bytes.count), s.baseAddress, e.baseAddress,
                                k.baseAddress, Int32(capacity), &code)
                        }
                    }
                }
                if count < 0 { throw ICUError.segmentationFailed(code: code) }
                if Int(count) <= capacity { return Int(count) }
                reserve(Int(count))
            }
        }
    }

    private func reserve(_ capacity: Int) {
        guard capacity > starts.count else { return }
        let grown = max(capacity, starts.count * 2)
        starts = [Int32](repeating: 0, count: grown)
        ends = [Int32](repeating: 0, count: grown)
        kinds = [Int32](repeating: 0, count: grown)
    }
}
