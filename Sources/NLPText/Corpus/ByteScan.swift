// Word-at-a-time scans over raw bytes used by the corpus reader.

/// Helpers that look at 8 bytes per step (SWAR) where it matters.
enum ByteScan {
    /// How many times `byte` occurs in `bytes`.
    static func count(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(byte)
        var total = 0
        var i = 0
        while i + 8 <= bytes.count {
            let t = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            // High bit set exactly in the zero bytes of t.
            let zero = ~(((t & (ones &* 0x7F)) &+ ones &* 0x7F) | t) & (ones &* 0x80)
            total += zero.nonzeroBitCount
            i += 8
        }
        while i < bytes.count {
            if bytes[i] == byte { total += 1 }
            i += 1
        }
        return total
    }

    /// `true` when every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 32 <= bytes.count {
            high |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            high |= base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
            high |= base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            i += 32
        }
        while i < bytes.count {
            high |= UInt64(bytes[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The index of the last whitespace byte (see ``WhitespaceTokenizer/isWhitespace(_:)``) in
    /// `bytes`, or `nil`.
    static func lastWhitespace(in bytes: UnsafeRawBufferPointer) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if WhitespaceTokenizer.isWhitespace(bytes[i]) { return i }
            i -= 1
        }
        return nil
    }

    /// The index of the first whitespace byte in `bytes`, or `nil`.
    static func firstWhitespace(in bytes: UnsafeRawBufferPointer) -> Int? {
        bytes.firstIndex(where: WhitespaceTokenizer.isWhitespace)
    }
}
