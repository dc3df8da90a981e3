// Unicode normalization, case mapping and character classes through ICU (via the CICU target).
internal import CICU

// MARK: - Errors

/// A failure reported by ICU, with ICU's name for the error code.
public enum ICUError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A word-break iterator could not be opened for `locale`.
    case cannotOpenWordBreaker(locale: String, code: Int32)
    /// Word-break segmentation failed (e.g. out of memory).
    case segmentationFailed(code: Int32)
    /// A normalization or case mapping failed (e.g. the result would exceed 2 GiB).
    case transformFailed(operation: String, code: Int32)
    /// The text is longer than ICU's 32-bit lengths allow (2 GiB of UTF-8).
    case textTooLong(byteCount: Int)

    /// ICU's error code (a `UErrorCode` value), or 0 for ``textTooLong(byteCount:)``.
    public var code: Int32 {
        switch self {
        case .cannotOpenWordBreaker(_, let code), .segmentationFailed(let code),
            .transformFailed(_, let code):
            return code
        case .textTooLong:
            return 0
        }
    }

    /// ICU's symbolic name for ``code``, e.g. `"U_MEMORY_ALLOCATION_ERROR"`.
    public var errorName: String { String(cString: nlp_icu_error_name(code)) }

    /// A message naming what failed and ICU's error name.
    public var description: String {
        switch self {
        case .cannotOpenWordBreaker(let locale, _):
            return "ICU: cannot open a word-break iterator for locale '\(locale)': \(errorName)"
        case .segmentationFailed:
            return "ICU: word-break segmentation failed: \(errorName)"
        case .transformFailed(let operation, _):
            return "ICU: \(operation) failed: \(errorName)"
        case .textTooLong(let byteCount):
            return "ICU: text of \(byteCount) UTF-8 bytes exceeds the limit of \(Int32.max) bytes"
        }
    }
}

// MARK: - Normalization and case mapping

/// Unicode normalization forms supported by ``ICUText/normalize(_:form:)``.
public enum NormalizationForm: Sendable, CaseIterable {
    /// Canonical composition: `"e\u{301}"` → `"é"`.
    case nfc
    /// Canonical decomposition: `"é"` → `"e\u{301}"`.
    case nfd
    /// Compatibility composition: `"ﬁ"` → `"fi"`, `"ＡＢＣ"` → `"ABC"`.
    case nfkc
    /// Compatibility decomposition.
    case nfkd
    /// NFKC plus case folding and removal of default-ignorable code points (ICU's NFKC_Casefold),
    /// the usual key for comparing words.
    case nfkcCasefold

    var operation: Int32 {
        switch self {
        case .nfc: Int32(NLP_ICU_NFC)
        case .nfd: Int32(NLP_ICU_NFD)
        case .nfkc: Int32(NLP_ICU_NFKC)
        case .nfkd: Int32(NLP_ICU_NFKD)
        case .nfkcCasefold: Int32(NLP_ICU_NFKC_CASEFOLD)
        }
    }
}

/// Text transformations and version information from the system's ICU library.
///
/// All functions are thread safe. Text crosses to ICU as UTF-8.
public enum ICUText {
    /// The version of the ICU library in use, e.g. `"72.1"`.
    public static var version: String { String(cString: nlp_icu_version()) }

    /// Returns `text` in normalization `form`.
    /// - Throws: ``ICUError`` when ICU fails (out of memory, or text beyond 2 GiB).
    public static func normalize(_ text: String, form: NormalizationForm) throws -> String {
        try transform(text, operation: form.operation, name: "normalization to \(form)")
    }

    /// Returns `text` with full Unicode case folding (`"Straße"` → `"strasse"`), for caseless
    /// matching. Unlike ``lowercased(_:)`` this maps e.g. `"ß"` to `"ss"`.
    /// - Throws: ``ICUError`` when ICU fails.
    public static func foldCase(_ text: String) throws -> String {
        try transform(text, operation: Int32(NLP_ICU_FOLD_CASE), name: "case folding")
    }

    /// Returns `text` lower-cased with the root locale's full mappings (no Turkish or Lithuanian
    /// special cases): `"İ"` becomes `"i\u{307}"`.
    /// - Throws: ``ICUError`` when ICU fails.
    public static func lowercased(_ text: String) throws -> String {
        try transform(text, operation: Int32(NLP_ICU_LOWERCASE), name: "lower-casing")
    }

    // MARK: Internal byte-level entry point

    /// Applies an `NLP_ICU_*` operation to raw UTF-8 bytes, which may be ill-formed (each invalid
    /// sequence becomes U+FFFD). The result is well-formed UTF-8.
    static func transformUTF8(_ bytes: UnsafeBufferPointer<UInt8>, operation: Int32, name: String)
        throws -> [UInt8]
    {
        guard bytes.count <= Int(Int32.max) else {
            throw ICUError.textTooLong(byteCount: bytes.count)
        }
        if bytes.isEmpty { return [] }
        let source = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
        let sourceLength = Int32(bytes.count)
        // Most transformations keep the length; a little slack avoids a second pass.
        var capacity = bytes.count + bytes.count / 8 + 16
        while true {
            var code: Int32 = 0
            var needed: Int32 = 0
            let result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = buffer.withMemoryRebound(to: CChar.self) { out in
                    nlp_icu_transform(
                        operation, source, sourceLength, out.baseAddress, Int32(out.count), &code)
                }
                count = needed >= 0 && Int(needed) <= capacity ? Int(needed) : 0
            }
            if needed < 0 { throw ICUError.transformFailed(operation: name, code: code) }
            if Int(needed) <= capacity { return result }
            capacity = Int(needed)
        }
    }

    static func transformUTF8(_ bytes: [UInt8], operation: Int32, name: String = "transform")
        throws -> [UInt8]
    {
        try bytes.withUnsafeBufferPointer {
            try transformUTF8($0, operation: operation, name: name)
        }
    }

    private static func transform(_ text: String, operation: Int32, name: String) throws -> String {
        var text = text
        let bytes = try text.withUTF8 { try transformUTF8($0, operation: operation, name: name) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - Character classes

/// ICU's character classes for one scalar, from `Unicode.Scalar.icu`.
public struct ICUScalarProperties: Sendable {
    /// The classified scalar.
    public let scalar: Unicode.Scalar

    private var codePoint: Int32 { Int32(bitPattern: scalar.value) }

    /// Punctuation: general category P* (connector, dash, open/close, quotes, other).
    public var isPunctuation: Bool { nlp_icu_is_punctuation(codePoint) != 0 }
    /// A symbol: general category Sm, Sc, Sk or So (math, currency, modifier, other — emoji too).
    public var isSymbol: Bool { nlp_icu_is_symbol(codePoint) != 0 }
    /// Has the Unicode White_Space property (spaces, tabs, line breaks, NBSP, ideographic space).
    public var isWhitespace: Bool { nlp_icu_is_whitespace(codePoint) != 0 }
    /// A decimal digit of any script: general category Nd (`"7"`, `"٣"`, `"७"`).
    public var isDigit: Bool { nlp_icu_is_digit(codePoint) != 0 }
}

extension Unicode.Scalar {
    /// ICU's classification of this scalar (punctuation, symbol, whitespace, digit), matching
    /// the data the word breaker and normalizer use.
    public var icu: ICUScalarProperties { ICUScalarProperties(scalar: self) }
}
