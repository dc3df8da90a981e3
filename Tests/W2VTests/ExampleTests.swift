import Foundation
import Testing
import _TestSupport

/// Runs the built examples, so the README's snippets keep compiling and doing what they say.
@Suite("Examples")
struct ExampleTests {
    @Test("tensor-tour prints the README's shapes and agrees with the naive loop")
    func tensorTour() throws {
        let result = try runProduct("tensor-tour", [])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "[32, 100] [32]")
        #expect(lines.contains("rows sum to 1: true"))
        let differenceLine = lines.first { $0.hasPrefix("max |BLAS − naive loop|") } ?? ""
        let difference = Float(differenceLine.split(separator: " ").last ?? "") ?? .infinity
        #expect(difference < 1e-4, "\(differenceLine)")
    }

    @Test("text-pipeline splits the movie snippets, vectorizes them and finds phrases")
    func textPipeline() throws {
        let result = try runProduct("text-pipeline", [repositoryRoot + "/corpora/movie-snippets.tsv"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // 10,568 snippets, 80 % stratified for training: 8,454 rows of 40 ids; 2,114 tf-idf rows.
        #expect(lines.first == "classes: 8454 examples, 2 classes: 0 4261 (50.4%), 1 4193 (49.6%)")
        #expect(lines.dropFirst().first == "train ids: [8454, 40] test tf-idf: [2114, 10000]")
        #expect(lines.last?.hasPrefix("phrases: ") == true)
        #expect(lines.last?.contains("_") == true)
    }

    @Test("text-pipeline reports a missing file and exits 1")
    func textPipelineMissingFile() throws {
        let result = try runProduct("text-pipeline", ["/nonexistent/snippets.tsv"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent/snippets.tsv"))
    }
}

extension ExampleTests {
    @Test("keras-tour trains Embedding → LSTM → Dense on the snippets, saves, reloads and plots")
    func kerasTour() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keras-tour-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try runProduct(
            "keras-tour", [repositoryRoot + "/corpora/movie-snippets.tsv", directory, "1"], timeout: 300)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("Total params: 328,353"))
        #expect(lines.contains("reloaded predictions identical: true"))
        // One epoch already beats the majority class (50.4 %) clearly.
        let accuracy = lines.first { $0.hasPrefix("test accuracy: ") }.flatMap { Float($0.dropFirst(15)) } ?? 0
        #expect(accuracy > 0.6, "\(lines)")
        #expect(result.standardError.contains("Epoch 1/1"))
        #expect(FileManager.default.fileExists(atPath: directory + "/keras-tour-loss.svg"))
    }
}

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The word2vec example on the synthetic two-topic corpus.
@Suite("word2vec example")
struct Word2VecExampleTests {
    @Test("word2vec-tour trains, saves, reloads and finds a word's class mates")
    func word2vecTour() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 1500)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runProduct("word2vec-tour", [directory.appendingPathComponent("corpus.txt").path, "bus"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("33 words × 100") == true, "\(result.standardOutput)")
        let neighbours = lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(neighbours.count == 5)
        #expect(neighbours.prefix(3).allSatisfy(W2VTestCorpus.vehicles.contains), "\(neighbours)")
    }
}
