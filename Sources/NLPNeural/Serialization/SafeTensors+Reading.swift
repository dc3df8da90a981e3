// NLPNeural: reading .safetensors files without trusting their headers.
import Foundation
import NLPCore

extension SafeTensors {
    /// Reads a safetensors file with one read bounded by the file's size, validating everything:
    ///
    /// - the header length fits in the file and under `maximumHeaderLength`;
    /// - the header is a UTF-8 JSON object whose entries have a known `dtype`, a `shape` of
    ///   non-negative integers and two integer `data_offsets` inside the data area;
    /// - each tensor's element count × item size equals its byte span;
    /// - the tensors neither overlap nor leave gaps, and cover the data area exactly;
    /// - `__metadata__`, when present, maps strings to strings.
    ///
    /// `F16`, `BF16` and `F64` tensors are converted to `Float32`.
    /// - Throws: `SafeTensorsError` naming the file and the problem.
    public static func read(from path: String) throws -> SafeTensors {
        let bytes = try readWholeFile(path)
        return try bytes.withUnsafeBytes { try SafeTensors(validating: $0, source: path) }
    }

    /// Parses and validates a safetensors file held in memory (see `read(from:)`).
    /// - Parameter source: the name used in error messages.
    /// - Throws: `SafeTensorsError`.
    public init(validating bytes: UnsafeRawBufferPointer, source: String = "<memory>") throws {
        let path = source
        guard bytes.count >= 8 else {
            throw SafeTensorsError.truncated(
                path: path, reason: "\(bytes.count) bytes, fewer than the 8-byte header length")
        }
        let announced = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard announced <= UInt64(Self.maximumHeaderLength) else {
            throw SafeTensorsError.headerTooLarge(path: path, length: announced, limit: Self.maximumHeaderLength)
        }
        let headerLength = Int(announced)
        guard headerLength <= bytes.count - 8 else {
            throw SafeTensorsError.truncated(
                path: path,
                reason: "the header claims \(headerLength) bytes but only \(bytes.count - 8) follow the length")
        }
        let dataStart = 8 + headerLength
        let dataSize = bytes.count - dataStart
        let header = try Self.parseHeader(
            UnsafeRawBufferPointer(rebasing: bytes[8 ..< dataStart]), path: path, dataSize: dataSize)
        try Self.checkLayout(header.entries, dataSize: dataSize, path: path)

        var tensors: [String: Tensor] = [:]
        for entry in header.entries {
            let source = bytes.baseAddress! + dataStart + entry.begin
            tensors[entry.name] = Tensor(shape: entry.shape) { destination in
                entry.dtype.convert(source, into: destination)
            }
        }
        self.init(tensors: tensors, metadata: header.metadata)
    }

    // MARK: - Header validation

    /// One tensor's header entry after validation.
    struct Entry {
        var name: String
        var dtype: SafeTensorsDType
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    /// Decodes the JSON header and validates every entry on its own.
    static func parseHeader(
        _ header: UnsafeRawBufferPointer, path: String, dataSize: Int
    ) throws -> (entries: [Entry], metadata: [String: String]) {
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(header))
        } catch {
            throw SafeTensorsError.invalidHeader(path: path, reason: "not a JSON object (\(Self.summary(of: error)))")
        }
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in object {
            if name == metadataKey {
                metadata = try parseMetadata(value, path: path)
                continue
            }
            entries.append(try parseEntry(name: name, value, path: path, dataSize: dataSize))
        }
        return (entries, metadata)
    }

    private static func parseMetadata(_ value: JSONValue, path: String) throws -> [String: String] {
        if value == .null { return [:] }
        guard case .object(let fields) = value else {
            throw SafeTensorsError.invalidHeader(path: path, reason: "\"\(metadataKey)\" is not an object")
        }
        return try fields.mapValues {
            guard case .string(let text) = $0 else {
                throw SafeTensorsError.invalidHeader(
                    path: path, reason: "\"\(metadataKey)\" holds a non-string value \($0)")
            }
            return text
        }
    }

    private static func parseEntry(name: String, _ value: JSONValue, path: String, dataSize: Int) throws -> Entry {
        func invalid(_ reason: String) -> SafeTensorsError {
            .invalidHeader(path: path, reason: "tensor \"\(name)\": \(reason)")
        }
        guard case .object(let fields) = value else { throw invalid("the entry is not an object") }
        guard case .string(let typeName) = fields["dtype"] else {
            throw invalid("\"dtype\" is missing or not a string")
        }
        guard let dtype = SafeTensorsDType(rawValue: typeName) else {
            throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: typeName)
        }
        guard case .array(let dimensions) = fields["shape"] else {
            throw invalid("\"shape\" is missing or not an array")
        }
        let shape = try dimensions.map { dimension in
            guard let size = naturalNumber(dimension) else {
                throw invalid("shape \(JSONValue.array(dimensions)) holds \(dimension), not a non-negative integer")
            }
            return size
        }
        guard case .array(let offsets) = fields["data_offsets"], offsets.count == 2 else {
            throw invalid("\"data_offsets\" is missing or not a pair")
        }
        guard let begin = naturalNumber(offsets[0]), let end = naturalNumber(offsets[1]) else {
            throw invalid("data_offsets \(JSONValue.array(offsets)) are not non-negative integers")
        }
        guard begin <= end, end <= dataSize else {
            throw SafeTensorsError.offsetsOutOfBounds(
                path: path, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        var expectedBytes = dtype.itemSize
        for size in shape {
            let (product, overflow) = expectedBytes.multipliedReportingOverflow(by: size)
            guard !overflow else { throw invalid("shape \(shape) is too large") }
            expectedBytes = product
        }
        guard expectedBytes == end - begin else {
            throw SafeTensorsError.sizeMismatch(
                path: path, tensor: name, shape: shape, dtype: typeName, expectedBytes: expectedBytes,
                foundBytes: end - begin)
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// A JSON number that is a non-negative integer below 2⁵³ (exact in a Double), or `nil`.
    private static func naturalNumber(_ value: JSONValue) -> Int? {
        guard case .number(let x) = value, x >= 0, x == x.rounded(), x < 0x1p53 else { return nil }
        return Int(x)
    }

    /// Checks that the tensors tile the data area: no overlap, no gap, nothing left over.
    static func checkLayout(_ entries: [Entry], dataSize: Int, path: String) throws {
        let ordered = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for entry in ordered {
            if entry.begin < covered {
                throw SafeTensorsError.invalidLayout(
                    path: path,
                    reason: "tensor \"\(entry.name)\" [\(entry.begin), \(entry.end)] overlaps \"\(previous ?? "")\" "
                        + "(ends at \(covered))")
            }
            if entry.begin > covered {
                throw SafeTensorsError.invalidLayout(
                    path: path,
                    reason: "bytes \(covered)..<\(entry.begin) before tensor \"\(entry.name)\" belong to no tensor")
            }
            covered = entry.end
            previous = entry.name
        }
        guard covered == dataSize else {
            throw SafeTensorsError.invalidLayout(
                path: path, reason: "the tensors cover \(covered) of the \(dataSize) data bytes")
        }
    }

    /// A one-line summary of a JSON decoding error.
    private static func summary(of error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0)" } ?? context.debugDescription
        }
        return "\(error)"
    }

    // MARK: - File access

    /// The file's bytes, from one allocation bounded by the size `fstat` reports.
    static func readWholeFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SafeTensorsError.cannotRead(path: path, reason: systemMessage()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SafeTensorsError.cannotRead(path: path, reason: systemMessage())
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SafeTensorsError.cannotRead(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = Foundation.read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = systemMessage()
                    return
                }
                if count == 0 { return }  // the file shrank: validation reports what is missing
                initialized += count
            }
        }
        if let failure { throw SafeTensorsError.cannotRead(path: path, reason: failure) }
        return bytes
    }
}
