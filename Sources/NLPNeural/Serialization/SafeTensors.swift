// NLPNeural: named tensors in the safetensors format (Hugging Face), written atomically.
import NLPCore

/// Named `Float32` tensors plus string metadata, stored in the safetensors format.
///
/// The layout, as the Python `safetensors` library writes it:
/// ```text
/// [8 bytes]  N, the header length (little-endian UInt64)
/// [N bytes]  JSON: {"__metadata__": {"key": "value", …},
///                   "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …}
///            padded with spaces to a multiple of 8
/// [rest]     the tensors' little-endian bytes, back to back, in header order (sorted by name)
/// ```
/// Offsets are relative to the start of the data area. The writer stores `F32`; the reader also
/// converts `F16`, `BF16` and `F64` to `Float32`, and trusts nothing in the header (see
/// `read(from:)`).
///
/// ```swift
/// let file = SafeTensors(tensors: ["embeddings": table], metadata: ["vocabulary": "10000"])
/// try file.write(to: "model.safetensors")
/// let loaded = try SafeTensors.read(from: "model.safetensors")
/// ```
///
/// Based on: https://github.com/huggingface/safetensors (format description in README.md).
public struct SafeTensors: Sendable {
    /// The largest header the reader accepts (the Python library's limit is 100 MB too).
    public static let maximumHeaderLength = 100_000_000
    /// The header key that holds the string metadata.
    public static let metadataKey = "__metadata__"

    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// Free-form string metadata (stored under `"__metadata__"`).
    public var metadata: [String: String]

    /// Creates a file's contents.
    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor names in file order: sorted by name, as the Python library does for one dtype.
    public var sortedNames: [String] { tensors.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) } }

    // MARK: - Writing

    /// Writes the file atomically: a temporary file in the same directory, flushed and renamed.
    /// - Throws: `SafeTensorsError.invalidArgument` for a reserved or empty tensor name,
    ///   `.cannotWrite` when the file system refuses; the target is then unchanged.
    public func write(to path: String) throws {
        let header = try encodedHeader()
        let names = sortedNames
        do {
            try AtomicFileWriter.write(to: path) { sink in
                try sink.write(header)
                for name in names {
                    try tensors[name]!.withUnsafeBufferPointer { buffer in
                        try Self.withLittleEndianBytes(buffer) { try sink.write($0) }
                    }
                }
            }
        } catch let failure as AtomicWriteFailure {
            throw SafeTensorsError.cannotWrite(path: failure.path, reason: failure.reason)
        }
    }

    /// The whole file as bytes (header and data), as `write(to:)` stores it.
    /// - Throws: `SafeTensorsError.invalidArgument` for a reserved or empty tensor name.
    public func encoded() throws -> [UInt8] {
        var bytes = try encodedHeader()
        for name in sortedNames {
            tensors[name]!.withUnsafeBufferPointer { buffer in
                Self.withLittleEndianBytes(buffer) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// The 8-byte length and the space-padded JSON header.
    func encodedHeader() throws -> [UInt8] {
        var json = "{"
        var first = true
        if !metadata.isEmpty {
            json += Self.jsonString(Self.metadataKey) + ":{"
            let keys = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
            json += keys.map { Self.jsonString($0) + ":" + Self.jsonString(metadata[$0]!) }.joined(separator: ",")
            json += "}"
            first = false
        }
        var offset = 0
        for name in sortedNames {
            guard !name.isEmpty, name != Self.metadataKey else {
                throw SafeTensorsError.invalidArgument(
                    reason: "tensor name \"\(name)\" is reserved or empty")
            }
            let tensor = tensors[name]!
            let end = offset + tensor.count * SafeTensorsDType.float32.itemSize
            if !first { json += "," }
            first = false
            json += Self.jsonString(name) + ":{\"dtype\":\"F32\",\"shape\":["
            json += tensor.shape.map(String.init).joined(separator: ",")
            json += "],\"data_offsets\":[\(offset),\(end)]}"
            offset = end
        }
        json += "}"
        var header = Array(json.utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        var length = UInt64(header.count).littleEndian
        var bytes = withUnsafeBytes(of: &length) { Array($0) }
        bytes.append(contentsOf: header)
        return bytes
    }

    /// Calls `body` with the scalars' little-endian bytes (the buffer itself on little-endian hosts).
    static func withLittleEndianBytes<R>(
        _ buffer: UnsafeBufferPointer<Float>, _ body: (UnsafeRawBufferPointer) throws -> R
    ) rethrows -> R {
        #if _endian(little)
            return try body(UnsafeRawBufferPointer(buffer))
        #else
            let swapped = buffer.map { $0.bitPattern.littleEndian }
            return try swapped.withUnsafeBytes(body)
        #endif
    }

    /// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
