// The tokenizer's ICU loop: one C call prepares the text (UTF-16, normalization, case mapping),
// and batches of finished tokens come back as UTF-8 bytes.
internal import CICU

/// A word breaker that hands out tokens rather than segments: normalization, case mapping,
/// word breaking, skipping of punctuation segments and stripping of punctuation inside words all
/// happen in C, and Swift sees only the finished tokens, in batches, without a per-token object.
///
/// Not thread safe (it holds an ICU iterator and buffers): ``TokenStreamPool`` lends each one to
/// one caller at a time.
final class ICUTokenStream {
    /// What the C loop does to the text and its segments.
    struct Options: Equatable {
        /// An `NLP_ICU_*` normalization applied first, or `nil`.
        var normalization: NormalizationForm?
        /// Case mapping applied after normalization.
        var caseMapping: UnicodeTokenizer.CaseMapping
        /// Remove punctuation (P*) inside words and numbers; tokens left empty are skipped.
        var stripsPunctuation: Bool
        /// Emit punctuation and symbol segments too (without leading white space).
        var keepsPunctuation: Bool

        var flags: Int32 {
            var flags: Int32 = 0
            switch caseMapping {
            case .preserve: break
            case .lowercase: flags |= Int32(NLP_TOKENS_LOWERCASE)
            case .foldCase: flags |= Int32(NLP_TOKENS_FOLD_CASE)
            }
            if stripsPunctuation { flags |= Int32(NLP_TOKENS_STRIP_PUNCTUATION) }
            if keepsPunctuation { flags |= Int32(NLP_TOKENS_KEEP_PUNCTUATION) }
            return flags
        }
    }

    /// The locale whose word-break rules apply.
    let locale: String
    private let stream: OpaquePointer
    /// Tokens per batch taken from C.
    private static let batch = 128
    /// Token end offsets and kinds of the current batch (`batch` each).
    private let ends: UnsafeMutablePointer<Int32>
    private let kinds: UnsafeMutablePointer<Int32>

    /// Opens a stream with the word-break rules of `locale`.
    /// - Throws: ``ICUError/cannotOpenWordBreaker(locale:code:)``.
    init(locale: String) throws {
        var code: Int32 = 0
        guard let stream = nlp_token_stream_open(locale, &code) else {
            throw ICUError.cannotOpenWordBreaker(locale: locale, code: code)
        }
        self.locale = locale
        self.stream = stream
        ends = .allocate(capacity: Self.batch)
        kinds = .allocate(capacity: Self.batch)
    }

    deinit {
        nlp_token_stream_close(stream)
        ends.deallocate()
        kinds.deallocate()
    }

    /// Calls `body` with the UTF-8 bytes and kind of each token of `bytes` (ill-formed UTF-8
    /// reads as U+FFFD). The token buffer is valid only during the call.
    ///
    /// - Returns: `nil`, or the ICU failure that stopped tokenization (out of memory, or more than
    ///   2 GiB of text or of UTF-16).
    func forEachToken(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, options: Options,
        _ body: (UnsafeBufferPointer<UInt8>, WordKind) throws -> Void
    ) rethrows -> ICUError? {
        guard bytes.count <= Int(Int32.max) else { return ICUError.textTooLong(byteCount: bytes.count) }
        guard !bytes.isEmpty else { return nil }
        let source = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
        var code: Int32 = 0
        let normalization = options.normalization?.operation ?? Int32(NLP_TOKENS_NO_NORMALIZATION)
        if nlp_token_stream_set_text(stream, source, Int32(bytes.count), normalization, options.flags, &code) != 0 {
            return ICUError.segmentationFailed(code: code)
        }
        defer { nlp_token_stream_detach(stream) }
        let capacity = Int32(Self.batch)
        while true {
            var output: UnsafePointer<UInt8>? = nil
            let count = Int(nlp_token_stream_next(stream, &output, ends, kinds, capacity, &code))
            if count < 0 { return ICUError.segmentationFailed(code: code) }
            guard count > 0, let output else { return nil }
            var start = 0
            for i in 0 ..< count {
                let end = Int(ends[i])
                try body(UnsafeBufferPointer(start: output + start, count: end - start), WordKind(nlpKind: kinds[i]))
                start = end
            }
        }
    }
}
