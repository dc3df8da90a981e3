// An open-addressing hash table from word bytes to entries, with the words in one byte arena.

/// Word bytes → entry index, for counting and lookup without a `String` per word.
///
/// Entries are kept in insertion order in `entries`; their bytes live back to back in one arena.
/// The slot array (a power of two, at most half full) holds entry indices and is probed
/// linearly. The hash is a wyhash-style multiply-mix over 8-byte loads.
///
/// `@unchecked Sendable`: a table is mutated only while a ``VocabularyCounter`` counts or a
/// ``Vocabulary`` is built; a finished ``Vocabulary`` only reads its table.
final class WordTable: @unchecked Sendable {
    struct Entry {
        var hash: UInt64
        var count: Int
        var offset: Int
        var length: Int
    }

    // Dynamic exclusivity checks on these hot properties cost more than the lookups; the class
    // is used from one thread at a time and never hands out `inout` access to them.
    @exclusivity(unchecked) private(set) var entries: ContiguousArray<Entry> = []
    @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaCount = 0
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var slotMask: Int

    init(capacity: Int = 1024) {
        var slotCount = 16
        while slotCount < 2 * capacity { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        arenaCapacity = max(64, capacity * 8)
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
        entries.reserveCapacity(capacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    var count: Int { entries.count }

    /// The bytes of entry `index` (valid until the table changes).
    @inline(__always)
    func bytes(of index: Int) -> UnsafeRawBufferPointer {
        let entry = entries[index]
        return UnsafeRawBufferPointer(start: arena + entry.offset, count: entry.length)
    }

    /// The word of entry `index`.
    func string(of index: Int) -> String { String(decoding: bytes(of: index), as: UTF8.self) }

    /// The entry holding `word`, or `nil`.
    @inline(__always)
    func find(_ word: UnsafeRawBufferPointer) -> Int? {
        let hash = WordTable.hash(word)
        let slot = probe(word, hash)
        let index = slots[slot]
        return index < 0 ? nil : Int(index)
    }

    /// Adds `amount` to the count of `word`, inserting it when new. Returns its entry index.
    @inline(__always)
    @discardableResult
    func add(_ word: UnsafeRawBufferPointer, amount: Int = 1) -> Int {
        let hash = WordTable.hash(word)
        let slot = probe(word, hash)
        let index = slots[slot]
        if index >= 0 {
            entries[Int(index)].count += amount
            return Int(index)
        }
        return insert(word, hash: hash, count: amount, slot: slot)
    }

    /// Keeps only the entries for which `keep` is `true` (in their order) and rebuilds the table
    /// and arena.
    func filter(_ keep: (Entry) -> Bool) {
        rebuild(ContiguousArray(entries.filter(keep)))
    }

    /// Reorders the entries to `order` (indices into the current entries; a subset is allowed).
    func reorder(_ order: [Int]) {
        rebuild(ContiguousArray(order.map { entries[$0] }))
    }

    // MARK: - Internals

    /// The slot holding `word`, or the empty slot where it belongs.
    @inline(__always)
    private func probe(_ word: UnsafeRawBufferPointer, _ hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let index = slots[slot]
            if index < 0 { return slot }
            let entry = entries[Int(index)]
            if entry.hash == hash && entry.length == word.count
                && (word.count == 0 || memoryEqual(arena + entry.offset, word.baseAddress!, word.count))
            {
                return slot
            }
            slot = (slot + 1) & slotMask
        }
    }

    private func insert(_ word: UnsafeRawBufferPointer, hash: UInt64, count: Int, slot: Int) -> Int {
        precondition(entries.count < Int(Int32.max), "a word table holds at most \(Int32.max) words")
        if arenaCount + word.count > arenaCapacity {
            let grown = max(arenaCapacity * 2, arenaCount + word.count)
            let newArena = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            newArena.copyMemory(from: arena, byteCount: arenaCount)
            arena.deallocate()
            arena = newArena
            arenaCapacity = grown
        }
        if let base = word.baseAddress { (arena + arenaCount).copyMemory(from: base, byteCount: word.count) }
        let index = entries.count
        entries.append(Entry(hash: hash, count: count, offset: arenaCount, length: word.count))
        arenaCount += word.count
        slots[slot] = Int32(index)
        if 2 * entries.count > slotMask + 1 { resizeSlots(2 * (slotMask + 1)) }
        return index
    }

    private func resizeSlots(_ slotCount: Int) {
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(index)
        }
    }

    /// Replaces the entries with `kept` (whose offsets point into the current arena), compacting
    /// the arena and rehashing.
    private func rebuild(_ kept: ContiguousArray<Entry>) {
        let bytes = kept.reduce(0) { $0 + $1.length }
        let newArena = UnsafeMutableRawPointer.allocate(byteCount: max(64, bytes), alignment: 8)
        var offset = 0
        var compacted = ContiguousArray<Entry>()
        compacted.reserveCapacity(kept.count)
        for var entry in kept {
            (newArena + offset).copyMemory(from: arena + entry.offset, byteCount: entry.length)
            entry.offset = offset
            offset += entry.length
            compacted.append(entry)
        }
        arena.deallocate()
        arena = newArena
        arenaCapacity = max(64, bytes)
        arenaCount = offset
        entries = compacted
        var slotCount = 16
        while slotCount < 2 * entries.count + 2 { slotCount <<= 1 }
        resizeSlots(slotCount)
    }

    @inline(__always)
    private func memoryEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    // MARK: - Hash

    /// A 64-bit hash of `word`: wyhash's structure (loads of 4 or 8 bytes, 128-bit multiply-mix),
    /// not bit-compatible with it. Deterministic across runs.
    @inline(__always)
    static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
        let s0: UInt64 = 0xA076_1D64_78BD_642F
        let s1: UInt64 = 0xE703_7ED1_A0B4_28DB
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        let n = word.count
        guard let p = word.baseAddress, n > 0 else { return mix(s0, s1) }
        @inline(__always) func r8(_ i: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        @inline(__always) func r4(_ i: Int) -> UInt64 { UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt32.self)) }
        var seed = s0
        let a: UInt64
        let b: UInt64
        if n <= 16 {
            if n >= 4 {
                let q = (n >> 3) << 2
                a = (r4(0) << 32) | r4(q)
                b = (r4(n - 4) << 32) | r4(n - 4 - q)
            } else {
                a = UInt64(word[0]) << 16 | UInt64(word[n >> 1]) << 8 | UInt64(word[n - 1])
                b = 0
            }
        } else {
            var i = 0
            while n - i > 16 {
                seed = mix(r8(i) ^ s1, r8(i + 8) ^ seed)
                i += 16
            }
            a = r8(n - 16)
            b = r8(n - 8)
        }
        return mix(s1 ^ UInt64(n), mix(a ^ s1, b ^ seed))
    }
}
