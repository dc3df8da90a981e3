import Foundation

@testable import NLPText

/// A fresh temporary directory for corpus tests, removed at the end.
final class CorpusTestDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("CorpusTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` (subdirectories are created) and returns the path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String { try write(Array(text.utf8), to: name) }
}

/// Deterministic text-like bytes: words of 1–12 letters (some non-ASCII), single and double
/// spaces, tabs and newlines.
func sampleCorpusText(words: Int, seed: UInt64 = 7) -> String {
    var state = seed
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    let letters = Array("abcdefghijklmnopqrstuvwxyzéü日")
    var text = ""
    for _ in 0 ..< words {
        let length = 1 + Int(next() % 12)
        for _ in 0 ..< length { text.append(letters[Int(next() % UInt64(letters.count))]) }
        switch next() % 20 {
        case 0: text += "\n"
        case 1: text += "  "
        case 2: text += "\t"
        case 3: text += "\r\n"
        default: text += " "
        }
    }
    return text
}

/// All tokens of a corpus, `</s>` for sentence ends.
func corpusTokens(_ corpus: Corpus) throws -> (tokens: [String], statistics: CorpusStatistics) {
    var tokens: [String] = []
    let statistics = try corpus.forEachToken(marksSentenceEnds: true) { token in
        switch token {
        case .word(let bytes): tokens.append(String(decoding: bytes, as: UTF8.self))
        case .sentenceEnd: tokens.append("</s>")
        }
    }
    return (tokens, statistics)
}
