// Shared helpers for the vector-file tests: temporary directories, fixture paths, byte builders.
import Foundation
import NLPCore
import Testing
import Word2Vec

/// A fresh directory under the system's temporary directory, removed by `body`'s end.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "w2v-format-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The path of a committed file under `corpora/`.
func corporaPath(_ name: String, file: StaticString = #filePath) -> String {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpora/\(name)").path
}

/// Writes raw bytes to `path`.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The bytes of the file at `path`.
func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The little-endian bytes of `values`.
func littleEndianBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
}

/// Seeded random vectors with words `w0`, `w1`, … (plus a few non-ASCII ones).
func randomVectors(count: Int, dimension: Int, seed: UInt64, counts: Bool = false) throws -> WordVectors {
    var random = SplitMix64(seed: seed)
    let special = ["köln", "東京", "naïve", "a\u{0301}"]
    let words = (0 ..< count).map { $0 < special.count ? special[$0] : "w\($0)" }
    let values = (0 ..< count * dimension).map { _ in Float(random.nextGaussian()) }
    return try WordVectors(
        words: words, values: values, dimension: dimension, counts: counts ? (0 ..< count).map { 1000 - $0 } : nil)
}

/// Every value of `vectors`, row-major.
func allValues(_ vectors: WordVectors) -> [Float] { Array(vectors.storage.buffer) }

/// The names in `directory` (to check that no temporary file was left behind).
func directoryListing(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// Expects `body` to throw a ``VectorFileError`` matching `matches`, and returns its message.
@discardableResult
func expectVectorFileError(
    _ matches: (VectorFileError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> String? {
    do {
        try body()
        Issue.record("expected a VectorFileError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as VectorFileError {
        #expect(matches(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
        return error.description
    } catch {
        Issue.record("expected a VectorFileError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
