import Foundation
import NLPCore
import NLPNeural
import Testing
import _TestSupport

/// A fresh temporary directory, removed by the caller.
func makeIOTestDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nn-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A hand-made safetensors file: the 8-byte length (given or the header's) + header + data.
func craftedSafeTensors(header: String, data: [UInt8] = [], announcedLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    var length = (announcedLength ?? UInt64(headerBytes.count)).littleEndian
    return withUnsafeBytes(of: &length) { Array($0) } + headerBytes + data
}

/// The case name of a `SafeTensorsError`, for table tests.
func safeTensorsErrorKind(_ error: Error) -> String {
    guard let error = error as? SafeTensorsError else { return "other: \(error)" }
    switch error {
    case .cannotRead: return "cannotRead"
    case .cannotWrite: return "cannotWrite"
    case .truncated: return "truncated"
    case .headerTooLarge: return "headerTooLarge"
    case .invalidHeader: return "invalidHeader"
    case .unsupportedDType: return "unsupportedDType"
    case .sizeMismatch: return "sizeMismatch"
    case .offsetsOutOfBounds: return "offsetsOutOfBounds"
    case .invalidLayout: return "invalidLayout"
    case .invalidArgument: return "invalidArgument"
    }
}

/// A corrupt file and the error it must produce.
struct CorruptFile: Sendable, CustomStringConvertible {
    let description: String
    let bytes: [UInt8]
    let expected: String
}

private let f32Entry = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#

let corruptSafeTensorsFiles: [CorruptFile] = [
    CorruptFile(description: "shorter than the length field", bytes: [1, 0, 0], expected: "truncated"),
    CorruptFile(
        description: "header longer than the file", bytes: craftedSafeTensors(header: f32Entry, announcedLength: 500),
        expected: "truncated"),
    CorruptFile(
        description: "lying header length 2^60", bytes: craftedSafeTensors(header: f32Entry, announcedLength: 1 << 60),
        expected: "headerTooLarge"),
    CorruptFile(
        description: "header length above the 100 MB cap",
        bytes: craftedSafeTensors(header: f32Entry, announcedLength: 200_000_000), expected: "headerTooLarge"),
    CorruptFile(
        description: "offsets beyond the end",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0]),
        expected: "offsetsOutOfBounds"),
    CorruptFile(
        description: "reversed offsets",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "offsetsOutOfBounds"),
    CorruptFile(
        description: "overlapping tensors",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
                + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
            data: .init(repeating: 0, count: 12)),
        expected: "invalidLayout"),
    CorruptFile(
        description: "a gap between tensors",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
                + #""b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
            data: .init(repeating: 0, count: 12)),
        expected: "invalidLayout"),
    CorruptFile(
        description: "bytes after the last tensor",
        bytes: craftedSafeTensors(header: f32Entry, data: .init(repeating: 0, count: 12)), expected: "invalidLayout"),
    CorruptFile(
        description: "shape and byte span disagree",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "sizeMismatch"),
    CorruptFile(
        description: "a shape whose size overflows",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[4000000000000,4000000000000],"data_offsets":[0,8]}}"#,
            data: .init(repeating: 0, count: 8)),
        expected: "invalidHeader"),
    CorruptFile(
        description: "bad JSON", bytes: craftedSafeTensors(header: #"{"a":{"dtype":"F32","#, data: []),
        expected: "invalidHeader"),
    CorruptFile(description: "a JSON array", bytes: craftedSafeTensors(header: "[1, 2]"), expected: "invalidHeader"),
    CorruptFile(
        description: "negative dimension",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "invalidHeader"),
    CorruptFile(
        description: "fractional offset",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8.5]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "invalidHeader"),
    CorruptFile(
        description: "missing dtype",
        bytes: craftedSafeTensors(
            header: #"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "invalidHeader"),
    CorruptFile(
        description: "unknown dtype",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "unsupportedDType"),
    CorruptFile(
        description: "integer dtype",
        bytes: craftedSafeTensors(
            header: #"{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8)),
        expected: "unsupportedDType"),
    CorruptFile(
        description: "metadata with a number",
        bytes: craftedSafeTensors(header: #"{"__metadata__":{"epochs":3}}"#), expected: "invalidHeader"),
    CorruptFile(
        description: "header that is not UTF-8",
        bytes: craftedSafeTensors(header: "{}").enumerated().map { $0 == 9 ? 0xFF : $1 },
        expected: "invalidHeader"),
]

@Suite("SafeTensors")
struct SafeTensorsTests {
    static let sample = SafeTensors(
        tensors: [
            "layers.1.dense.kernel": randomTensor([3, 2], seed: 1),
            "layers.0.embedding.embeddings": randomTensor([5, 3], seed: 2),
            "scalar": Tensor(scalar: -7.25),
            "empty": Tensor(zeros: [0, 4]),
            "special": Tensor([.infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
        ],
        metadata: ["format": "test", "json": #"{"a": "b\n", "c": [1, 2]}"#, "unicode": "naïve 日本 \u{1}"])

    @Test("write then read gives the same tensors and metadata")
    func roundTrip() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        try Self.sample.write(to: path)
        let loaded = try SafeTensors.read(from: path)
        #expect(loaded.metadata == Self.sample.metadata)
        #expect(Set(loaded.tensors.keys) == Set(Self.sample.tensors.keys))
        for (name, tensor) in Self.sample.tensors {
            #expect(loaded.tensors[name]?.shape == tensor.shape, "\(name)")
            // Bit-exact, including -0 and subnormals.
            #expect(loaded.tensors[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == Self.sample.encoded())
    }

    @Test("the layout is the Python library's: padded header, tensors sorted by name")
    func layout() throws {
        let bytes = try Self.sample.encoded()
        let headerLength = bytes[0 ..< 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect((8 + headerLength) % 8 == 0)
        let header = String(decoding: bytes[8 ..< 8 + headerLength], as: UTF8.self)
        #expect(header.hasPrefix("{\"__metadata__\":{"))
        #expect(header.hasSuffix("}") || header.hasSuffix(" "))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(bytes[8 ..< 8 + headerLength])) as? [String: Any])
        var previousEnd = 0
        for name in Self.sample.sortedNames {
            let entry = try #require(object[name] as? [String: Any])
            #expect(entry["dtype"] as? String == "F32")
            let offsets = try #require(entry["data_offsets"] as? [Int])
            #expect(offsets[0] == previousEnd, "\(name) starts where the previous tensor ends")
            previousEnd = offsets[1]
        }
        #expect(8 + headerLength + previousEnd == bytes.count)
        #expect(Self.sample.sortedNames.first == "empty")
    }

    @Test("reads the file safetensors.torch.save_file wrote (F32, F64, F16, BF16, scalar, empty)")
    func readsPythonFile() throws {
        let expected = try GoldenFixture.load("python_safetensors").case("python.safetensors")
        let loaded = try SafeTensors.read(from: GoldenFixture.path("python.safetensors"))
        #expect(loaded.metadata == (try expected.strings("metadata")))
        let tensors = try expected.tensorDictionary("tensors")
        #expect(Set(loaded.tensors.keys) == Set(tensors.keys))
        for (name, tensor) in tensors {
            let actual = try #require(loaded.tensors[name], "\(name)")
            #expect(actual.shape == tensor.shape, "\(name)")
            #expect(actual.scalars == tensor.scalars, "\(name): \(actual.scalars) vs \(tensor.scalars)")
        }
        #expect(loaded.tensors["f16_matrix"]?.scalars == [0.5, -1.25, 65504, 0x1p-24])
        #expect(loaded.tensors["bf16_vector"]?.scalars == [1.5, -3, 0x1p100])
        #expect(loaded.tensors["f64_vector"]?.scalars == [0.1, -2.5, 1e10])
    }

    @Test("half precision converts exactly, infinities and NaN included")
    func halfPrecisionSpecials() throws {
        // 0x7C00 = +inf, 0xFC00 = -inf, 0x7E00 = NaN, 0x8000 = -0, 0x3C00 = 1, 0x0001 = 2^-24
        let halves: [UInt16] = [0x7C00, 0xFC00, 0x7E00, 0x8000, 0x3C00, 0x0001, 0x03FF]
        let data = halves.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bytes = craftedSafeTensors(header: #"{"h":{"dtype":"F16","shape":[7],"data_offsets":[0,14]}}"#, data: data)
        let tensor = try bytes.withUnsafeBytes { try SafeTensors(validating: $0) }.tensors["h"]!
        let x = tensor.scalars
        #expect(x[0] == .infinity && x[1] == -.infinity && x[2].isNaN)
        #expect(x[3] == 0 && x[3].sign == .minus)
        #expect(x[4] == 1 && x[5] == 0x1p-24 && x[6] == Float(0x3FF) * 0x1p-24)
    }

    @Test("corrupt files give a clear error naming the file", arguments: corruptSafeTensorsFiles)
    func rejectsCorruptFile(_ corrupt: CorruptFile) throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("corrupt.safetensors").path
        try Data(corrupt.bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SafeTensors.read(from: path)
            Issue.record("\(corrupt) was accepted")
        } catch {
            #expect(safeTensorsErrorKind(error) == corrupt.expected, "\(error)")
            #expect("\(error)".contains(path), "the message names the file: \(error)")
        }
    }

    @Test("a file cut short is rejected")
    func truncatedRealFile() throws {
        let bytes = try Self.sample.encoded()
        for cut in [4, 9, bytes.count / 2, bytes.count - 1] {
            #expect(throws: SafeTensorsError.self) {
                try Array(bytes.prefix(cut)).withUnsafeBytes { try SafeTensors(validating: $0) }
            }
        }
    }

    @Test("missing files and directories cannot be read")
    func unreadable() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in [directory.path, directory.appendingPathComponent("none.safetensors").path] {
            do {
                _ = try SafeTensors.read(from: path)
                Issue.record("read \(path)")
            } catch {
                #expect(safeTensorsErrorKind(error) == "cannotRead", "\(error)")
            }
        }
    }

    @Test("a failed write leaves no file and no temporary file")
    func failedWrite() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no/such/dir/model.safetensors").path
        do {
            try Self.sample.write(to: missing)
            Issue.record("wrote into a missing directory")
        } catch {
            #expect(safeTensorsErrorKind(error) == "cannotWrite", "\(error)")
            #expect("\(error)".contains(missing))
        }
        let reserved = SafeTensors(tensors: ["__metadata__": Tensor([1])])
        let path = directory.appendingPathComponent("reserved.safetensors").path
        #expect(throws: SafeTensorsError.self) { try reserved.write(to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("overwriting replaces the whole file")
    func overwrite() throws {
        let directory = try makeIOTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        try Self.sample.write(to: path)
        let small = SafeTensors(tensors: ["x": Tensor([1, 2])])
        try small.write(to: path)
        #expect(try SafeTensors.read(from: path).tensors == small.tensors)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    }
}
