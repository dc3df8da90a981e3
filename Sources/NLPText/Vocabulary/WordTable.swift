// An open-addressing hash table from word bytes to entries, with the words in one byte arena.

/// Word bytes → entry index and count, for counting and lookup without a `String` per word.
///
/// Entries keep insertion (first occurrence) order; their bytes live back to back in one arena.
/// The slots (a power of two, at most half full, probed linearly) hold everything a lookup
/// needs — the hash, the length, the first 8 bytes and the count — so counting a word of at
/// most 8 bytes touches one cache line, and a longer word one more (the arena). The hash is a
/// wyhash-style multiply-mix over 4- and 8-byte loads.
///
/// `@unchecked Sendable`: a table is mutated only while a ``VocabularyCounter`` counts or a
/// ``Vocabulary`` is built; a finished ``Vocabulary`` only reads its table.
final class WordTable: @unchecked Sendable {
    /// Where an entry's bytes are.
    struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
    }

    /// One hash slot (32 bytes): `index < 0` marks an empty slot.
    struct Slot {
        var hash: UInt64
        /// The word's first (up to) 8 bytes, little-endian, zero-padded.
        var prefix: UInt64
        var count: Int
        var index: Int32
        var length: Int32
    }

    // Dynamic exclusivity checks on these hot properties cost more than the lookups; the class
    // is used from one thread at a time and never hands out `inout` access to them.
    @exclusivity(unchecked) private(set) var entries: ContiguousArray<Entry> = []
    /// The slot of each entry.
    @exclusivity(unchecked) private var entrySlots: ContiguousArray<Int32> = []
    @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaCount = 0
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var slotMask: Int

    private static let emptySlot = Slot(hash: 0, prefix: 0, count: 0, index: -1, length: 0)

    init(capacity: Int = 1024) {
        var slotCount = 16
        while slotCount < 2 * capacity { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Self.emptySlot, count: slotCount)
        arenaCapacity = max(64, capacity * 8)
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
        entries.reserveCapacity(capacity)
        entrySlots.reserveCapacity(capacity)
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

    /// The count of entry `index`.
    @inline(__always)
    func count(at index: Int) -> Int { slots[Int(entrySlots[index])].count }

    /// All counts in entry order.
    var counts: [Int] { entrySlots.map { slots[Int($0)].count } }

    /// The entry holding `word`, or `nil`.
    @inline(__always)
    func find(_ word: UnsafeRawBufferPointer) -> Int? {
        let hash = WordTable.hash(word)
        let index = slots[probe(word, hash, WordTable.prefix(word))].index
        return index < 0 ? nil : Int(index)
    }

    /// Adds `amount` to the count of `word`, inserting it when new. Returns its entry index.
    @inline(__always)
    @discardableResult
    func add(_ word: UnsafeRawBufferPointer, amount: Int = 1) -> Int {
        let hash = WordTable.hash(word)
        let prefix = WordTable.prefix(word)
        let slot = probe(word, hash, prefix)
        let index = slots[slot].index
        if index >= 0 {
            slots[slot].count += amount
            return Int(index)
        }
        return insert(word, hash: hash, prefix: prefix, count: amount, slot: slot)
    }

    /// Keeps only the entries whose count satisfies `keep` (in their order) and rebuilds the
    /// table and arena.
    func filter(count keep: (Int) -> Bool) {
        rebuild(entries.indices.filter { keep(count(at: $0)) })
    }

    /// Reorders the entries to `order` (indices into the current entries; a subset is allowed).
    func reorder(_ order: [Int]) { rebuild(order) }

    // MARK: - Internals

    /// The slot holding `word`, or the empty slot where it belongs.
    @inline(__always)
    private func probe(_ word: UnsafeRawBufferPointer, _ hash: UInt64, _ prefix: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let candidate = slots[slot]
            if candidate.index < 0 { return slot }
            if candidate.hash == hash && candidate.prefix == prefix && Int(candidate.length) == word.count {
                if word.count <= 8 { return slot }
                let offset = entries[Int(candidate.index)].offset
                if memoryEqual(arena + offset + 8, word.baseAddress! + 8, word.count - 8) { return slot }
            }
            slot = (slot + 1) & slotMask
        }
    }

    private func insert(
        _ word: UnsafeRawBufferPointer, hash: UInt64, prefix: UInt64, count: Int, slot: Int
    ) -> Int {
        precondition(entries.count < Int(Int32.max), "a word table holds at most \(Int32.max) words")
        precondition(word.count <= Int(Int32.max), "a word of \(word.count) bytes is too long")
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
        entries.append(Entry(hash: hash, offset: arenaCount, length: word.count))
        entrySlots.append(Int32(slot))
        arenaCount += word.count
        slots[slot] = Slot(hash: hash, prefix: prefix, count: count, index: Int32(index), length: Int32(word.count))
        if 2 * entries.count > slotMask + 1 { resizeSlots(2 * (slotMask + 1)) }
        return index
    }

    /// Moves every slot into a new slot array of `slotCount` slots.
    private func resizeSlots(_ slotCount: Int) {
        let old = slots
        let oldCount = slotMask + 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Self.emptySlot, count: slotCount)
        slotMask = slotCount - 1
        for position in 0 ..< oldCount where old[position].index >= 0 {
            let moved = old[position]
            var slot = Int(truncatingIfNeeded: moved.hash) & slotMask
            while slots[slot].index >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = moved
            entrySlots[Int(moved.index)] = Int32(slot)
        }
        old.deallocate()
    }

    /// Keeps the entries `kept` (indices into the current entries) in that order, compacting
    /// the arena and rehashing.
    private func rebuild(_ kept: [Int]) {
        let bytes = kept.reduce(0) { $0 + entries[$1].length }
        let newArena = UnsafeMutableRawPointer.allocate(byteCount: max(64, bytes), alignment: 8)
        var slotCount = 16
        while slotCount < 2 * kept.count + 2 { slotCount <<= 1 }
        let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        newSlots.initialize(repeating: Self.emptySlot, count: slotCount)
        let newMask = slotCount - 1
        var newEntries = ContiguousArray<Entry>()
        var newEntrySlots = ContiguousArray<Int32>()
        newEntries.reserveCapacity(kept.count)
        newEntrySlots.reserveCapacity(kept.count)
        var offset = 0
        for (newIndex, oldIndex) in kept.enumerated() {
            var entry = entries[oldIndex]
            var slotValue = slots[Int(entrySlots[oldIndex])]
            (newArena + offset).copyMemory(from: arena + entry.offset, byteCount: entry.length)
            entry.offset = offset
            offset += entry.length
            slotValue.index = Int32(newIndex)
            var slot = Int(truncatingIfNeeded: entry.hash) & newMask
            while newSlots[slot].index >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = slotValue
            newEntries.append(entry)
            newEntrySlots.append(Int32(slot))
        }
        arena.deallocate()
        slots.deallocate()
        arena = newArena
        arenaCapacity = max(64, bytes)
        arenaCount = offset
        slots = newSlots
        slotMask = newMask
        entries = newEntries
        entrySlots = newEntrySlots
    }

    @inline(__always)
    private func memoryEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
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

    /// The first (up to) 8 bytes of `word` as a little-endian integer, zero-padded, read with at
    /// most two loads that stay inside the word.
    @inline(__always)
    static func prefix(_ word: UnsafeRawBufferPointer) -> UInt64 {
        let n = word.count
        guard let p = word.baseAddress, n > 0 else { return 0 }
        if n >= 8 { return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) }
        if n >= 4 {
            // Two overlapping 4-byte loads: bytes 0–3 and n−4 … n−1.
            let low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | (high &<< UInt64(8 * (n - 4)))
        }
        var value = UInt64(word[0])
        if n > 1 { value |= UInt64(word[1]) << 8 }
        if n > 2 { value |= UInt64(word[2]) << 16 }
        return value
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
