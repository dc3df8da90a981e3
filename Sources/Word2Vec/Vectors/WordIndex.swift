// Word → row lookups: an eagerly built dictionary, or a hash table stored in a mapped model file.
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The word → row map behind ``WordVectors/index(of:)``.
///
/// Two backings: a Swift dictionary (built while a vector set is made in memory or parsed from a
/// word2vec/GloVe file, which needs it anyway to find duplicate words), or the byte-keyed hash
/// table of a memory-mapped native model file, which needs no building at all — that is what makes
/// `w2v similar` start fast. The mapped table compares UTF-8 bytes; Swift compares strings by
/// canonical equivalence, so a lookup the table misses for a non-ASCII word falls back to a
/// dictionary built on first need (ASCII strings are equal exactly when their bytes are).
final class WordIndex: Sendable {
    private let eager: [String: Int]?
    private let table: MappedWordTable?
    private let words: [String]
    private let lazy = Mutex<[String: Int]?>(nil)

    /// An index over a prebuilt dictionary.
    init(dictionary: [String: Int], words: [String]) {
        eager = dictionary
        table = nil
        self.words = words
    }

    /// An index over a mapped hash table (see ``NativeModelFile``).
    init(table: MappedWordTable, words: [String]) {
        eager = nil
        self.table = table
        self.words = words
    }

    /// The row of `word`, or `nil`.
    func row(of word: String) -> Int? {
        if let eager { return eager[word] }
        guard let table else { return nil }
        var word = word
        let (found, isASCII) = word.withUTF8 { bytes -> (Int?, Bool) in
            let found = table.row(of: UnsafeRawBufferPointer(bytes))
            return (found, found != nil || bytes.allSatisfy { $0 < 0x80 })
        }
        if let found { return found }
        return isASCII ? nil : dictionary[word]
    }

    /// Every word with its row (built on first use for a mapped table).
    var dictionary: [String: Int] {
        if let eager { return eager }
        return lazy.withLock { cached in
            if let cached { return cached }
            var built = [String: Int](minimumCapacity: words.count)
            // A crafted file may hold canonically equal spellings twice: the first one wins.
            for (row, word) in words.enumerated() where built[word] == nil { built[word] = row }
            cached = built
            return built
        }
    }
}

/// An open-addressing hash table over the words of a mapped native model file: FNV-1a 64 of the
/// UTF-8 bytes, linear probing, `UInt32.max` marks an empty slot, slot count a power of two.
struct MappedWordTable: @unchecked Sendable {
    /// The slots (row numbers).
    let slots: UnsafePointer<UInt32>
    /// `slotCount - 1`.
    let mask: Int
    /// `count + 1` byte offsets into `wordBytes`, nondecreasing, checked at load.
    let wordOffsets: UnsafePointer<UInt64>
    /// The words' UTF-8 bytes, back to back.
    let wordBytes: UnsafeRawPointer
    /// The number of words.
    let count: Int
    /// Keeps the mapping alive while the table is in use.
    let owner: AnyObject & Sendable

    /// FNV-1a, 64 bits: the stable hash the native file stores its table with.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The bytes of word `row`.
    func word(_ row: Int) -> UnsafeRawBufferPointer {
        let start = Int(wordOffsets[row])
        return UnsafeRawBufferPointer(start: wordBytes + start, count: Int(wordOffsets[row + 1]) - start)
    }

    /// The row whose word has exactly these bytes, or `nil`. Probes at most every slot once, so a
    /// corrupt full table cannot loop forever.
    func row(of bytes: UnsafeRawBufferPointer) -> Int? {
        var slot = Int(truncatingIfNeeded: MappedWordTable.hash(bytes)) & mask
        for _ in 0 ... mask {
            let row = slots[slot]
            if row == UInt32.max { return nil }
            if Int(row) < count {
                let candidate = word(Int(row))
                if candidate.count == bytes.count
                    && (bytes.isEmpty || memcmp(candidate.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
                {
                    return Int(row)
                }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Slot contents for `words` (UTF-8 byte strings, unique): `slotCount` is a power of two
    /// at least twice the word count.
    static func build(wordBytes: [[UInt8]]) -> [UInt32] {
        var slotCount = 8
        while slotCount < 2 * wordBytes.count { slotCount *= 2 }
        var slots = [UInt32](repeating: UInt32.max, count: slotCount)
        let mask = slotCount - 1
        for (row, bytes) in wordBytes.enumerated() {
            var slot = bytes.withUnsafeBytes { Int(truncatingIfNeeded: hash($0)) } & mask
            while slots[slot] != UInt32.max { slot = (slot + 1) & mask }
            slots[slot] = UInt32(row)
        }
        return slots
    }
}
