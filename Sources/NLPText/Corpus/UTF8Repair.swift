// Finding and replacing invalid UTF-8 with U+FFFD, the way Swift's `String(decoding:as:)` does.

/// Validates UTF-8 and replaces each maximal invalid subsequence with U+FFFD (EF BF BD), the
/// "substitution of maximal subparts" of the Unicode standard (§3.9), which Swift's
/// `String(decoding:as:)` and the WHATWG encoding standard use too. Overlong forms, surrogates
/// (ED A0–BF) and code points above U+10FFFF are invalid.
enum UTF8Repair {
    /// The UTF-8 encoding of U+FFFD REPLACEMENT CHARACTER.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The number of invalid sequences in `bytes` (0 when it is valid UTF-8).
    static func invalidSequenceCount(in bytes: UnsafeRawBufferPointer) -> Int {
        if ByteScan.isASCII(bytes) { return 0 }
        return scan(bytes, into: nil).invalid
    }

    /// Writes `bytes` to `output` with every invalid sequence replaced by U+FFFD.
    /// - Precondition: `output` holds at least `3 * bytes.count` bytes (each invalid byte can
    ///   become three).
    /// - Returns: the number of bytes written and the number of sequences replaced.
    static func repair(
        _ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer
    ) -> (count: Int, invalid: Int) {
        scan(bytes, into: output)
    }

    /// Walks `bytes`; with an `output`, copies valid sequences and writes U+FFFD for invalid ones.
    private static func scan(
        _ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer?
    ) -> (count: Int, invalid: Int) {
        let n = bytes.count
        var i = 0
        var written = 0
        var invalid = 0
        @inline(__always) func copy(_ from: Int, _ length: Int) {
            guard let output, length > 0 else { return }
            (output + written).copyMemory(from: bytes.baseAddress! + from, byteCount: length)
            written += length
        }
        while i < n {
            // ASCII runs, 8 bytes at a time.
            var run = i
            while run + 8 <= n
                && bytes.baseAddress!.loadUnaligned(fromByteOffset: run, as: UInt64.self)
                    & 0x8080_8080_8080_8080 == 0
            {
                run += 8
            }
            while run < n && bytes[run] < 0x80 { run += 1 }
            copy(i, run - i)
            i = run
            guard i < n else { break }

            let (length, valid) = sequence(at: i, in: bytes)
            if valid {
                copy(i, length)
            } else {
                invalid += 1
                if let output {
                    (output + written).storeBytes(of: 0xEF, as: UInt8.self)
                    (output + written + 1).storeBytes(of: 0xBF, as: UInt8.self)
                    (output + written + 2).storeBytes(of: 0xBD, as: UInt8.self)
                    written += 3
                }
            }
            i += length
        }
        return (written, invalid)
    }

    /// The sequence starting with the non-ASCII byte at `i`: its length, and whether it is a
    /// valid character. An invalid sequence is the lead byte plus the continuation bytes that
    /// were still acceptable (the maximal subpart), at least one byte.
    @inline(__always)
    private static func sequence(at i: Int, in bytes: UnsafeRawBufferPointer) -> (length: Int, valid: Bool) {
        let lead = bytes[i]
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2 ... 0xDF: needed = 1
        case 0xE0: (needed, low) = (2, 0xA0)
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: needed = 2
        case 0xED: (needed, high) = (2, 0x9F)
        case 0xF0: (needed, low) = (3, 0x90)
        case 0xF1 ... 0xF3: needed = 3
        case 0xF4: (needed, high) = (3, 0x8F)
        default: return (1, false)
        }
        var length = 1
        while length <= needed {
            guard i + length < bytes.count else { return (length, false) }
            let byte = bytes[i + length]
            guard byte >= low && byte <= high else { return (length, false) }
            (low, high) = (0x80, 0xBF)
            length += 1
        }
        return (length, true)
    }
}
