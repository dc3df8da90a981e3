// The byte layout of the native model file: header, section table, section kinds.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The native model file's layout (all integers little-endian; see ``NativeModelFile``).
enum NativeModelLayout {
    /// `\x89 W 2 V \r \n \x1A \n` — PNG-style: the high byte and line ends catch text-mode damage.
    static let magic: [UInt8] = [0x89, 0x57, 0x32, 0x56, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The version this build writes and reads.
    static let version = 1
    /// Bytes before the section table.
    static let headerBytes = 64
    /// Bytes per section table entry.
    static let sectionEntryBytes = 24
    /// The most sections a file may list.
    static let maxSections = 32
    /// Section offsets are multiples of this.
    static let alignment = 64

    /// What a section holds.
    enum SectionKind: UInt32, CaseIterable {
        /// `UInt64 × (words + 1)`: where each word starts in ``wordBytes``; the last entry is its length.
        case wordOffsets = 1
        /// The words' UTF-8 bytes, back to back.
        case wordBytes = 2
        /// `Int64 × words`: corpus counts (optional).
        case counts = 3
        /// `Float32 × words × dimension`: the input vectors, row-major.
        case vectors = 4
        /// `Float32 × words`: each row's Euclidean norm.
        case norms = 5
        /// `UInt32 × slots`: word hash table (FNV-1a 64 of the UTF-8, linear probing, `0xFFFFFFFF` empty,
        /// slots a power of two ≥ 2 × words).
        case wordHashTable = 6
        /// `Float32 × words × dimension`: negative-sampling output weights (`syn1neg`, optional).
        case outputNegative = 7
        /// `Float32 × words × dimension`: hierarchical-softmax weights (`syn1`, optional).
        case outputHierarchical = 8
        /// UTF-8 JSON of the training options; present exactly when a training state was saved.
        case optionsJSON = 9
    }

    /// Whether `bytes` starts with the magic.
    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    /// Whether the file at `path` starts with the magic (reads 8 bytes; `false` when unreadable).
    static func fileHasMagic(path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: magic.count)
        let got = start.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, magic.count) }
        return got == magic.count && start == magic
    }

    /// `value` rounded up to a multiple of ``alignment``.
    static func aligned(_ value: Int) -> Int { (value + alignment - 1) / alignment * alignment }
}

extension UnsafeRawBufferPointer {
    /// The little-endian integer at `offset` (the caller checked the bounds).
    func littleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
