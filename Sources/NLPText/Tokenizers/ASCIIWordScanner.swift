// ICU's word-break rules (UAX #29 as tailored by ICU's root rules) restricted to ASCII, for the
// tokenizer's fast path. Tests check that it finds the same words as ICU on real and random text.

/// The Word_Break property of an ASCII byte, as far as the word rules need it.
@usableFromInline
enum ASCIIWordClass: UInt8 {
    /// Spaces, controls, symbols and the punctuation that never joins words.
    case other
    /// `A`–`Z`, `a`–`z`, and `@`, which ICU's root rules add to ALetter so that e-mail addresses
    /// and handles stay whole ("foo@bar.com").
    case letter
    /// `0`–`9` (Numeric).
    case digit
    /// `_` (ExtendNumLet): joins letters, digits and other underscores.
    case underscore
    /// `.` (MidNumLet): joins letter–letter and digit–digit.
    case midNumLet
    /// `'` (Single_Quote, treated as MidNumLetQ): joins letter–letter and digit–digit.
    case singleQuote
    /// `,` and `;` (MidNum): join digit–digit only.
    case midNum
    /// `:` (MidLetter in UAX #29): joins letter–letter only.
    case midLetter

    @inlinable @inline(__always)
    init(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "@"):
            self = .letter
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): self = .digit
        case UInt8(ascii: "_"): self = .underscore
        case UInt8(ascii: "."): self = .midNumLet
        case UInt8(ascii: "'"): self = .singleQuote
        case UInt8(ascii: ","), UInt8(ascii: ";"): self = .midNum
        case UInt8(ascii: ":"): self = ASCIIWordScanner.colonJoinsLetters ? .midLetter : .other
        default: self = .other
        }
    }

    /// Letters, digits and underscores start and continue a word on their own (WB5, WB8–WB10,
    /// WB13a, WB13b).
    @inlinable var isWordCore: Bool { rawValue >= 1 && rawValue <= 3 }
}

/// Finds the word segments of ASCII text the way ICU's word breaker does.
@usableFromInline
enum ASCIIWordScanner {
    /// Whether `:` joins letters ("a:b" as one word). UAX #29 lists it as MidLetter, but ICU's
    /// root rules remove it (it is a Swedish/Finnish tailoring).
    @usableFromInline static let colonJoinsLetters = false

    /// `true` for the ASCII white space that always separates words: space, `\t`, `\n`, `\v`,
    /// `\f`, `\r`.
    @inlinable @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Calls `body` with the byte range and kind of each word segment (letters, numbers, and runs
    /// joined by `_`, `.`, `'`, `,`, `;`) of `bytes[range]`, which must be ASCII. With
    /// `includesPunctuation`, every other byte except white space is passed too, as a one-byte
    /// segment of kind ``WordKind/none`` (ICU breaks between any two of them).
    @inlinable
    static func forEachWord(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, includesPunctuation: Bool,
        _ body: (Range<Int>, WordKind) throws -> Void
    ) rethrows {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let first = ASCIIWordClass(byte: bytes[i])
            guard first.isWordCore else {
                if includesPunctuation && !isWhitespace(bytes[i]) { try body(i ..< i + 1, .none) }
                i += 1
                continue
            }
            let start = i
            // ICU's status is that of the last rule applied: the last character decides, and an
            // underscore inherits from the one before it ("a1" and "1_" are numbers, "1__" and
            // "1a" words, "_" alone is not a word).
            var kind: WordKind = first == .letter ? .word : (first == .digit ? .number : .none)
            i += 1
            while i < end {
                let current = ASCIIWordClass(byte: bytes[i])
                if current.isWordCore {
                    switch current {
                    case .letter: kind = .word
                    case .digit: kind = .number
                    default: kind = kind == .number && bytes[i - 1] != UInt8(ascii: "_") ? .number : .word
                    }
                    i += 1
                    continue
                }
                // WB6/WB7: letter (MidLetter | MidNumLetQ) letter; WB11/WB12: digit (MidNum |
                // MidNumLetQ) digit. The byte before a joiner is always part of this word.
                guard current != .other, i + 1 < end else { break }
                let previous = ASCIIWordClass(byte: bytes[i - 1])
                let next = ASCIIWordClass(byte: bytes[i + 1])
                if previous == .letter && next == .letter && current != .midNum {
                    kind = .word
                } else if previous == .digit && next == .digit && current != .midLetter {
                    kind = .number
                } else {
                    break
                }
                i += 2
            }
            if kind != .none || includesPunctuation { try body(start ..< i, kind) }
        }
    }
}
