// Loading the native model file: validate the mapped bytes, then use them in place.

extension NativeModelFile {
    /// Maps the file at `path` read-only and returns its word vectors; rows, norms and the word
    /// table stay in the mapping (unmapped when the last user of the vectors is gone), so this
    /// is fast for large models. The training sections are not read.
    /// - Parameter limit: Use only the first `limit` words (the most frequent ones for a trained
    ///   model); `nil` uses all.
    /// - Throws: ``VectorFileError`` for a missing, foreign, truncated or inconsistent file.
    public static func loadVectors(from path: String, limit: Int? = nil) throws -> WordVectors {
        precondition((limit ?? 0) >= 0, "negative limit \(limit ?? 0)")
        return try MappedModel(path: path).vectors(limit: limit ?? .max)
    }

    /// Loads the word vectors (mapped, as ``loadVectors(from:limit:)``) and, when the file has one, the
    /// training state (copied into arrays).
    /// - Throws: ``VectorFileError`` as ``loadVectors(from:limit:)``.
    public static func load(from path: String) throws -> (vectors: WordVectors, trainingState: TrainingState?) {
        let model = try MappedModel(path: path)
        return (try model.vectors(), try model.trainingState())
    }
}

/// A mapped native model file whose header and section table have been checked.
private struct MappedModel {
    typealias Kind = NativeModelLayout.SectionKind
    let file: MappedFile
    let path: String
    let wordCount: Int
    let dimension: Int
    let epochsCompleted: Int
    var sections: [UInt32: (offset: Int, length: Int)] = [:]

    init(path: String) throws {
        file = try MappedFile(path: path)
        self.path = path
        let bytes = file.bytes
        guard NativeModelLayout.hasMagic(bytes) else { throw VectorFileError.notNativeModel(path: path) }
        guard bytes.count >= NativeModelLayout.headerBytes else {
            throw VectorFileError.corruptNativeModel(
                path: path, reason: "\(bytes.count) bytes is shorter than the header")
        }
        let version = Int(bytes.littleEndian(at: 8, as: UInt32.self))
        guard version == NativeModelLayout.version else {
            throw VectorFileError.unsupportedVersion(path: path, version: version, supported: NativeModelLayout.version)
        }
        let sectionCount = Int(bytes.littleEndian(at: 12, as: UInt32.self))
        let rawWords = bytes.littleEndian(at: 16, as: UInt64.self)
        let rawDimension = bytes.littleEndian(at: 24, as: UInt64.self)
        let rawEpochs = bytes.littleEndian(at: 32, as: UInt64.self)
        let recordedLength = bytes.littleEndian(at: 40, as: UInt64.self)
        let corrupt = { (reason: String) in VectorFileError.corruptNativeModel(path: path, reason: reason) }
        guard recordedLength == UInt64(bytes.count) else {
            throw corrupt("the header records \(recordedLength) bytes but the file has \(bytes.count) (truncated?)")
        }
        guard (1 ... NativeModelLayout.maxSections).contains(sectionCount) else {
            throw corrupt("\(sectionCount) sections (expected 1…\(NativeModelLayout.maxSections))")
        }
        // A word needs at least its offset entry, norm, slot and a vector; rows index a UInt32 table.
        guard rawWords < UInt64(UInt32.max), rawWords <= UInt64(bytes.count / 16) else {
            throw corrupt("a word count of \(rawWords) cannot fit in \(bytes.count) bytes")
        }
        guard rawDimension >= 1, rawDimension <= UInt64(bytes.count / 4) else {
            throw corrupt("a dimension of \(rawDimension) is impossible for \(bytes.count) bytes")
        }
        guard rawEpochs <= UInt64(Int32.max) else { throw corrupt("\(rawEpochs) epochs completed") }
        wordCount = Int(rawWords)
        dimension = Int(rawDimension)
        epochsCompleted = Int(rawEpochs)
        let tableEnd = NativeModelLayout.headerBytes + sectionCount * NativeModelLayout.sectionEntryBytes
        guard tableEnd <= bytes.count else { throw corrupt("the section table runs past the end of the file") }
        for index in 0 ..< sectionCount {
            let entry = NativeModelLayout.headerBytes + index * NativeModelLayout.sectionEntryBytes
            let kind = bytes.littleEndian(at: entry, as: UInt32.self)
            let offset = bytes.littleEndian(at: entry + 8, as: UInt64.self)
            let length = bytes.littleEndian(at: entry + 16, as: UInt64.self)
            guard offset >= UInt64(tableEnd), offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset
            else {
                throw corrupt("section \(index) (kind \(kind)) at \(offset)+\(length) lies outside the file")
            }
            guard offset % UInt64(NativeModelLayout.alignment) == 0 else {
                throw corrupt("section \(index) (kind \(kind)) starts at \(offset), not a multiple of 64")
            }
            guard sections.updateValue((Int(offset), Int(length)), forKey: kind) == nil else {
                throw corrupt("section kind \(kind) appears twice")
            }
        }
    }

    /// The bytes of a section, checked to hold `elements × elementBytes` bytes.
    func section(_ kind: Kind, elements: Int? = nil, elementBytes: Int = 1, required: Bool = true) throws
        -> UnsafeRawBufferPointer?
    {
        guard let place = sections[kind.rawValue] else {
            if required {
                throw VectorFileError.corruptNativeModel(path: path, reason: "the \(kind) section is missing")
            }
            return nil
        }
        if let elements {
            let (expected, overflow) = elements.multipliedReportingOverflow(by: elementBytes)
            guard !overflow, expected == place.length else {
                throw VectorFileError.corruptNativeModel(
                    path: path,
                    reason: "the \(kind) section has \(place.length) bytes, expected \(elements) × \(elementBytes)")
            }
        }
        return UnsafeRawBufferPointer(rebasing: file.bytes[place.offset ..< place.offset + place.length])
    }

    /// The first `min(limit, wordCount)` words' vectors (all sections are checked in full).
    func vectors(limit: Int = .max) throws -> WordVectors {
        let corrupt = { (reason: String) in VectorFileError.corruptNativeModel(path: path, reason: reason) }
        let (rowValues, overflow) = wordCount.multipliedReportingOverflow(by: dimension)
        guard !overflow else { throw corrupt("\(wordCount) × \(dimension) values overflow") }
        let offsetBytes = try section(.wordOffsets, elements: wordCount + 1, elementBytes: 8)!
        let wordBytes = try section(.wordBytes)!
        let vectorBytes = try section(.vectors, elements: rowValues, elementBytes: 4)!
        let normBytes = try section(.norms, elements: wordCount, elementBytes: 4)!
        let tableBytes = try section(.wordHashTable)!
        let countBytes = try section(.counts, elements: wordCount, elementBytes: 8, required: false)

        let rows = min(limit, wordCount)
        let offsets = offsetBytes.bindMemory(to: UInt64.self)
        guard offsets[0] == 0, offsets[wordCount] == UInt64(wordBytes.count) else {
            throw corrupt("the word offsets do not span the \(wordBytes.count) word bytes")
        }
        var words = [String]()
        words.reserveCapacity(rows)
        for row in 0 ..< rows {
            guard offsets[row] <= offsets[row + 1], offsets[row + 1] <= UInt64(wordBytes.count),
                offsets[row + 1] - offsets[row] <= UInt64(VectorFileLimits.maxWordBytes)
            else { throw corrupt("word \(row) has a bad byte range \(offsets[row])..<\(offsets[row + 1])") }
            let bytes = UnsafeRawBufferPointer(rebasing: wordBytes[Int(offsets[row]) ..< Int(offsets[row + 1])])
            let (word, isValid) = decodeUTF8(bytes)
            guard isValid else { throw corrupt("word \(row) is not valid UTF-8") }
            words.append(word)
        }

        let slotCount = tableBytes.count / 4
        guard tableBytes.count % 4 == 0, slotCount >= 2 * wordCount, slotCount >= 8, slotCount & (slotCount - 1) == 0
        else {
            throw corrupt("the word table's \(tableBytes.count) bytes are not a power-of-two slot count ≥ 2 × words")
        }
        let table = MappedWordTable(
            slots: tableBytes.bindMemory(to: UInt32.self).baseAddress!, mask: slotCount - 1,
            wordOffsets: offsets.baseAddress!,
            wordBytes: wordBytes.baseAddress ?? UnsafeRawPointer(offsets.baseAddress!),
            count: rows, owner: file)
        for row in 0 ..< rows where table.row(of: table.word(row)) != row {
            throw corrupt("word \(row) '\(words[row])' is not found at its row in the word table (duplicate?)")
        }

        let norms = Array(normBytes.bindMemory(to: Float.self).prefix(rows))
        var counts: [Int]?
        if let countBytes {
            let values = countBytes.bindMemory(to: Int64.self).prefix(rows)
            if let bad = values.firstIndex(where: { $0 < 0 }) { throw corrupt("word \(bad) has a negative count") }
            counts = values.map { Int($0) }
        }
        let owner = file
        let storage = VectorStorage(
            adopting: vectorBytes.bindMemory(to: Float.self).baseAddress!, rowCount: rows, dimension: dimension,
            release: { withExtendedLifetime(owner) {} })
        return WordVectors(
            words: words, storage: storage, counts: counts, norms: norms, index: WordIndex(table: table, words: words))
    }

    func trainingState() throws -> TrainingState? {
        guard let jsonBytes = try section(.optionsJSON, required: false) else { return nil }
        guard let json = String(validating: jsonBytes, as: UTF8.self) else {
            throw VectorFileError.corruptNativeModel(path: path, reason: "the training options are not valid UTF-8")
        }
        let values = wordCount * dimension
        let negative = try section(.outputNegative, elements: values, elementBytes: 4, required: false)
        let hierarchical = try section(.outputHierarchical, elements: values, elementBytes: 4, required: false)
        return TrainingState(
            outputNegative: negative.map { Array($0.bindMemory(to: Float.self)) },
            outputHierarchical: hierarchical.map { Array($0.bindMemory(to: Float.self)) },
            optionsJSON: json, epochsCompleted: epochsCompleted)
    }
}
