// The toolkit's own model file: vocabulary, vectors, norms, word index and training state, mmap-ready.

/// A model file made to be memory-mapped: ``loadVectors(from:limit:)`` maps it read-only and the rows,
/// norms and word hash table are used in place, so opening a 100k × 300 model costs little more
/// than making the word strings.
///
/// Layout (all integers little-endian, floats IEEE-754 binary32 little-endian):
///
/// ```
/// offset  bytes  field
///      0      8  magic 89 57 32 56 0D 0A 1A 0A  ("\x89W2V\r\n\x1A\n")
///      8      4  version (UInt32) = 1
///     12      4  section count S (UInt32, 1…32)
///     16      8  word count N (UInt64)
///     24      8  dimension D (UInt64, ≥ 1)
///     32      8  epochs completed (UInt64; 0 without a training state)
///     40      8  file length in bytes (UInt64; catches truncation)
///     48     16  reserved, zero
///     64   24×S  section table: kind (UInt32), reserved (UInt32), offset (UInt64), length (UInt64)
///      …         sections, each at an offset that is a multiple of 64, zero padding between
/// ```
///
/// Section kinds: 1 word offsets (`UInt64 × (N+1)`), 2 word bytes (UTF-8, back to back),
/// 3 counts (`Int64 × N`, optional), 4 vectors (`Float32 × N × D`), 5 norms (`Float32 × N`),
/// 6 word hash table (`UInt32` slots: FNV-1a 64 of the word's UTF-8 masked to the slot count, a
/// power of two ≥ 2N, linear probing, `0xFFFFFFFF` = empty), 7 `syn1neg`, 8 `syn1` (each
/// `Float32 × N × D`, optional), 9 training options JSON (UTF-8; present exactly when a
/// ``TrainingState`` was saved). Kinds 1, 2, 4, 5 and 6 are required; unknown kinds are checked
/// for bounds and ignored.
///
/// Loading trusts nothing: magic, version, the recorded file length, every section's bounds and
/// alignment, every size against N and D, the word offsets, the UTF-8 of every word, and the hash
/// table (each word must be found at its own row, so duplicates are rejected) are checked before
/// use, and any failure is a ``VectorFileError``.
public enum NativeModelFile {
    /// Writes `vectors` (and, for continued training, `trainingState`) atomically to `path`.
    /// - Precondition: the training state's weight arrays, when present, hold
    ///   `vectors.count × vectors.dimension` values.
    /// - Throws: ``VectorFileError/cannotWrite(path:reason:)``; the destination is untouched then.
    public static func write(_ vectors: WordVectors, trainingState: TrainingState?, to path: String) throws {
        let rows = vectors.count
        let dimension = vectors.dimension
        let wordBytes = vectors.words.map { Array($0.utf8) }
        var offsets = [UInt64](repeating: 0, count: rows + 1)
        for (row, bytes) in wordBytes.enumerated() { offsets[row + 1] = offsets[row] + UInt64(bytes.count) }
        let table = MappedWordTable.build(wordBytes: wordBytes)

        var sections: [(kind: NativeModelLayout.SectionKind, length: Int, write: (AtomicFileWriter) throws -> Void)] =
            [
                (.wordOffsets, offsets.count * 8, { try writeIntegers(offsets, to: $0) }),
                (
                    .wordBytes, Int(offsets[rows]),
                    { writer in for bytes in wordBytes { try bytes.withUnsafeBytes { try writer.write($0) } } }
                ),
                (
                    .vectors, rows * dimension * 4,
                    { try Word2VecBinaryFormat.writeLittleEndian(vectors.storage.buffer, to: $0) }
                ),
                (
                    .norms, rows * 4,
                    { writer in
                        try vectors.norms.withUnsafeBufferPointer {
                            try Word2VecBinaryFormat.writeLittleEndian($0, to: writer)
                        }
                    }
                ),
                (.wordHashTable, table.count * 4, { try writeIntegers(table, to: $0) }),
            ]
        if let counts = vectors.counts {
            sections.append((.counts, rows * 8, { try writeIntegers(counts.map { Int64($0) }, to: $0) }))
        }
        if let state = trainingState {
            for (kind, weights) in [
                (NativeModelLayout.SectionKind.outputNegative, state.outputNegative),
                (.outputHierarchical, state.outputHierarchical),
            ] {
                guard let weights else { continue }
                precondition(
                    weights.count == rows * dimension,
                    "\(kind) holds \(weights.count) values, not \(rows) × \(dimension)")
                sections.append(
                    (
                        kind, weights.count * 4,
                        { writer in
                            try weights.withUnsafeBufferPointer {
                                try Word2VecBinaryFormat.writeLittleEndian($0, to: writer)
                            }
                        }
                    ))
            }
            let json = Array(state.optionsJSON.utf8)
            sections.append((.optionsJSON, json.count, { writer in try json.withUnsafeBytes { try writer.write($0) } }))
        }

        var placed: [(offset: Int, length: Int)] = []
        var end = NativeModelLayout.headerBytes + sections.count * NativeModelLayout.sectionEntryBytes
        for section in sections {
            let offset = NativeModelLayout.aligned(end)
            placed.append((offset, section.length))
            end = offset + section.length
        }

        var header = [UInt8]()
        header += NativeModelLayout.magic
        appendLittleEndian(UInt32(NativeModelLayout.version), to: &header)
        appendLittleEndian(UInt32(sections.count), to: &header)
        appendLittleEndian(UInt64(rows), to: &header)
        appendLittleEndian(UInt64(dimension), to: &header)
        appendLittleEndian(UInt64(trainingState?.epochsCompleted ?? 0), to: &header)
        appendLittleEndian(UInt64(end), to: &header)
        header += [UInt8](repeating: 0, count: NativeModelLayout.headerBytes - header.count)
        for (section, place) in zip(sections, placed) {
            appendLittleEndian(section.kind.rawValue, to: &header)
            appendLittleEndian(UInt32(0), to: &header)
            appendLittleEndian(UInt64(place.offset), to: &header)
            appendLittleEndian(UInt64(place.length), to: &header)
        }

        let writer = try AtomicFileWriter(destination: path)
        try header.withUnsafeBytes { try writer.write($0) }
        var position = header.count
        for (section, place) in zip(sections, placed) {
            try writer.writeZeros(place.offset - position)
            try section.write(writer)
            position = place.offset + place.length
        }
        try writer.commit()
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func writeIntegers<T: FixedWidthInteger>(_ values: [T], to writer: AtomicFileWriter) throws {
        #if _endian(little)
            try values.withUnsafeBytes { try writer.write($0) }
        #else
            try values.map { $0.littleEndian }.withUnsafeBytes { try writer.write($0) }
        #endif
    }
}
