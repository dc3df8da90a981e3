import Foundation
import Testing

@testable import NLPText

@Suite("Gzip files through zlib")
struct GzipFileTests {
    /// A fresh directory per test, removed at the end.
    final class TemporaryDirectory {
        let path: String
        init() throws {
            path =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("NLPTextTests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func file(_ name: String) -> String { path + "/" + name }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Deterministic bytes that compress somewhat (text-like, with varied content).
    static func sampleBytes(count: Int) -> [UInt8] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0 ..< count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: 97 + (state >> 59) % 26)
        }
    }

    // MARK: - Round trips

    @Test(
        "Written bytes read back equal",
        arguments: [(0, 6), (1, 6), (1_000, 1), (100_000, 9), (3_000_000, 6)])
    func roundTrip(count: Int, level: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("data.gz")
        let bytes = Self.sampleBytes(count: count)
        try GzipFile.write(bytes, to: path, level: level)
        if count > 1_000 {
            let onDisk = try #require(
                FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(onDisk < count, "the file is compressed")
        }
        let file = try GzipFile(path: path)
        #expect(try file.readToEnd() == bytes)
        #expect(try file.read(maxBytes: 10).isEmpty, "end of file stays at the end")
        #expect(count == 0 || file.isCompressed)
    }

    @Test("More than 1 MB arrives across many bounded reads")
    func chunkedReads() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("big.gz")
        let bytes = Self.sampleBytes(count: 1_500_000)
        try GzipFile.write(bytes, to: path)

        let file = try GzipFile(path: path)
        var result: [UInt8] = []
        var reads = 0
        while true {
            let chunk = try file.read(maxBytes: 65_536)
            if chunk.isEmpty { break }
            #expect(chunk.count <= 65_536)
            result += chunk
            reads += 1
        }
        #expect(reads >= 23)
        #expect(result == bytes)
    }

    @Test("Reading into a reused raw buffer")
    func rawBufferReads() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("raw.gz")
        let bytes = Self.sampleBytes(count: 1_200_000)
        try GzipFile.write(bytes, to: path)

        let file = try GzipFile(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100_000, alignment: 1)
        defer { buffer.deallocate() }
        var result: [UInt8] = []
        while case let count = try file.read(into: buffer), count > 0 {
            result += buffer[..<count]
        }
        #expect(result == bytes)
    }

    @Test("Plain (uncompressed) files read through unchanged")
    func plainFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("plain.txt")
        let text = "just some text\nwith two lines, ünïcode too\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try GzipFile(path: path)
        let bytes = try file.readToEnd()
        #expect(String(decoding: bytes, as: UTF8.self) == text)
        #expect(!file.isCompressed)
    }

    // MARK: - Errors

    @Test("A missing file throws an error naming it")
    func missingFile() throws {
        let path = "/nonexistent-\(UUID().uuidString)/corpus.txt.gz"
        let error = #expect(throws: FileError.self) { try GzipFile(path: path) }
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("No such file") == true)
    }

    @Test("Corrupt and truncated gzip data throw read errors naming the file")
    func corruptData() throws {
        let directory = try TemporaryDirectory()
        let good = directory.file("good.gz")
        try GzipFile.write(Self.sampleBytes(count: 50_000), to: good)
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: good)))

        // A valid 10-byte gzip header followed by garbage.
        let garbage = directory.file("garbage.gz")
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        try Data(header + [UInt8](repeating: 0xFF, count: 200)).write(
            to: URL(fileURLWithPath: garbage))
        // A valid stream cut in half.
        let truncated = directory.file("truncated.gz")
        try Data(compressed.prefix(compressed.count / 2)).write(to: URL(fileURLWithPath: truncated))

        for path in [garbage, truncated] {
            let file = try GzipFile(path: path)
            let error = #expect(throws: FileError.self) { _ = try file.readToEnd() }
            guard case .readFailed(let failedPath, let reason)? = error else {
                Issue.record("expected readFailed, got \(String(describing: error))")
                continue
            }
            #expect(failedPath == path)
            #expect(error?.description.contains(path) == true)
            #expect(!reason.isEmpty)
            #expect(!reason.contains(path), "the path is named once: \(reason)")
        }
    }

    @Test("Invalid compression level and use after close are errors")
    func misuse() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("x.gz")
        #expect(throws: FileError.self) { try GzipFile.write([1, 2, 3], to: path, level: 12) }
        try GzipFile.write([1, 2, 3], to: path)
        let file = try GzipFile(path: path)
        file.close()
        file.close()
        #expect(throws: FileError.closed(path: path)) { _ = try file.read(maxBytes: 4) }
        #expect(throws: FileError.self) {
            try GzipFile.write([1], to: directory.file("no/such/dir.gz"))
        }
    }
}
