// The per-token half of UnicodeTokenizer: for the ASCII scanner's words, case mapping and
// punctuation stripping (ICU's tokens arrive mapped and stripped from C); for all tokens, number
// placeholders and emoji filtering.

/// Turns word segments into tokens for ``UnicodeTokenizer``, reusing one scratch buffer.
struct TokenEmitter {
    private let lowersASCII: Bool
    private let stripsPunctuation: Bool
    private let keepsEmoji: Bool
    private let numbers: UnicodeTokenizer.NumberHandling
    private let placeholder: [UInt8]
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    /// Heap space for tokens longer than `scratch`.
    private var overflow: [UInt8] = []

    init(options: UnicodeTokenizer, scratch: UnsafeMutableBufferPointer<UInt8>) {
        lowersASCII = options.caseMapping != .preserve || options.normalization == .nfkcCasefold
        stripsPunctuation = options.punctuation == .strip
        keepsEmoji = options.keepsEmoji
        numbers = options.numbers
        if case .replace(let token) = options.numbers { placeholder = Array(token.utf8) } else { placeholder = [] }
        self.scratch = scratch
    }

    /// Emits a segment found by the ASCII scanner (case not yet mapped).
    @inline(__always)
    mutating func emitASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, kind: WordKind,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let token = UnsafeBufferPointer(rebasing: bytes[range])
        if kind == .number, !token.contains(where: { $0 | 0x20 &- 0x61 < 26 }), try emitNumber(body) { return }
        let strips = stripsPunctuation && kind != .none
        guard lowersASCII || strips else { return try body(token) }
        let lowers = lowersASCII
        try emitRewritten(maximumCount: token.count, body) { out in
            var written = 0
            for byte in token {
                if strips && Self.isASCIIPunctuation(byte) { continue }
                out[written] = lowers && byte &- 0x41 < 26 ? byte | 0x20 : byte
                written += 1
            }
            return written
        }
    }

    /// Emits a token from ``ICUTokenStream``, which has already normalized, case-mapped and (when
    /// asked) stripped it of punctuation: what is left is number and emoji handling.
    @inline(__always)
    mutating func emitICU(
        _ token: UnsafeBufferPointer<UInt8>, kind: WordKind, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        switch kind {
        case .emoji:
            if keepsEmoji { try body(token) }
        case .number:
            // Stripping removes no letters (no punctuation is alphabetic), so testing the
            // stripped token is the same as testing the segment.
            if case .keep = numbers { return try body(token) }
            if !Self.containsLetters(token), try emitNumber(body) { return }
            try body(token)
        case .word, .kana, .ideographic, .none:
            try body(token)
        }
    }

    /// `true` when `token` has an alphabetic scalar (e.g. "mp3", which ICU calls a number).
    static func containsLetters(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var hasNonASCII = false
        for byte in token {
            if byte >= 0x80 { hasNonASCII = true } else if byte | 0x20 &- 0x61 < 26 { return true }
        }
        guard hasNonASCII else { return false }
        return String(decoding: token, as: UTF8.self).unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// Handles a number token; returns `false` when it should be treated like a word.
    private func emitNumber(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Bool {
        switch numbers {
        case .keep: return false
        case .drop: return true
        case .replace:
            try placeholder.withUnsafeBufferPointer { try body($0) }
            return true
        }
    }

    /// Writes a token of at most `maximumCount` bytes with `fill` (which returns the count it
    /// wrote) into the scratch buffer, or the overflow array when it is longer, and passes it to
    /// `body` unless it is empty.
    private mutating func emitRewritten(
        maximumCount: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void,
        fill: (UnsafeMutableBufferPointer<UInt8>) -> Int
    ) rethrows {
        if maximumCount <= scratch.count {
            let count = fill(scratch)
            if count > 0 { try body(UnsafeBufferPointer(rebasing: scratch[..<count])) }
            return
        }
        if maximumCount > overflow.count { overflow = [UInt8](repeating: 0, count: maximumCount) }
        try overflow.withUnsafeMutableBufferPointer { space in
            let count = fill(space)
            if count > 0 { try body(UnsafeBufferPointer(rebasing: space[..<count])) }
        }
    }

    // MARK: - Character classes

    /// ASCII punctuation that can occur inside an ICU word: `_ . ' , ; :` (and all other ASCII
    /// punctuation, for completeness).
    @inline(__always)
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21 ... 0x23, 0x25 ... 0x2A, 0x2C ... 0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B ... 0x5D, 0x5F, 0x7B, 0x7D:
            return true  // !"# %&'()* ,-./ : ; ? @ [\] _ { }  (general category P*)
        default:
            return false
        }
    }
}
