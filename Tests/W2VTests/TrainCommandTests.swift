import Foundation
import Testing
import _TestSupport

/// `w2v train` and the query commands, run as a user runs them: the built binary on a corpus
/// written to a temporary directory.
@Suite("w2v train and similar")
struct TrainCommandTests {
    /// Small, quick settings for the debug build: 1,500 lines, one thread, a fixed seed.
    static let quick = ["--size", "20", "--min-count", "1", "--sample", "0", "--iter", "3", "--threads", "1"]

    @Test("train then similar with no flags: each word's nearest neighbours are its own class")
    func trainThenSimilar() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 1500)
        defer { try? FileManager.default.removeItem(at: directory) }
        let train = try runW2V(["train", "corpus.txt", "--seed", "3"] + Self.quick, in: directory)
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardError.contains("model written to vectors.w2vmodel"))
        #expect(train.standardError.contains("epoch 3/3: loss"))
        #expect(train.standardOutput.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["corpus.txt", "vectors.w2vmodel"])

        let similar = try runW2V(["similar", "cat"], in: directory)
        #expect(similar.status == 0, "\(similar.standardError)")
        let lines = similar.standardOutput.split(separator: "\n")
        #expect(lines.first == "Word: cat  Position in vocabulary: \(lines.first?.split(separator: " ").last ?? "")")
        #expect(lines.contains { $0.contains("Word       Cosine similarity") })
        let neighbours = tableWords(similar.standardOutput)
        #expect(neighbours.count == 10)
        let animals = Set(W2VTestCorpus.animals)
        #expect(neighbours.prefix(5).allSatisfy(animals.contains), "\(neighbours)")
    }

    @Test("one thread and a seed give byte-identical models; another seed differs")
    func determinism() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 600)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, seed) in [("a.bin", "5"), ("b.bin", "5"), ("c.bin", "6")] {
            let result = try runW2V(
                ["train", "corpus.txt", "-o", name, "--seed", seed, "-q"] + Self.quick, in: directory)
            #expect(result.status == 0, "\(result.standardError)")
        }
        let bytes = try ["a.bin", "b.bin", "c.bin"].map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        #expect(bytes[0] == bytes[1])
        #expect(bytes[0] != bytes[2])
        #expect(bytes[0].starts(with: Data("33 20\n".utf8)))
    }

    @Test("standard input, .bin output, convert to text, and queries on each file agree")
    func stdinBinaryAndConvert() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 600)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: directory.appendingPathComponent("corpus.txt"), encoding: .utf8)
        let train = try runW2V(
            ["train", "-", "-o", "v.bin", "-q", "--seed", "2"] + Self.quick, in: directory, input: text)
        #expect(train.status == 0, "\(train.standardError)")
        let convert = try runW2V(["convert", "v.bin", "v.txt"], in: directory)
        #expect(convert.status == 0, "\(convert.standardError)")
        #expect(convert.standardError.contains("33 words × 20 → v.txt"))
        let fromBinary = try runW2V(["similar", "bus", "--model", "v.bin", "-n", "4"], in: directory)
        let fromText = try runW2V(["similar", "bus", "--model", "v.txt", "-n", "4"], in: directory)
        #expect(fromBinary.status == 0 && fromText.status == 0)
        #expect(tableWords(fromBinary.standardOutput) == tableWords(fromText.standardOutput))
        #expect(tableWords(fromBinary.standardOutput).count == 4)
    }

    @Test("skip-gram with word2vec.c's per-context negatives and with hierarchical softmax only")
    func skipGramVariants() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 600)
        defer { try? FileManager.default.removeItem(at: directory) }
        for extra in [["--shared-negatives", "0"], ["--hs", "1", "--negative", "0"]] {
            let train = try runW2V(["train", "corpus.txt", "--cbow", "0", "-q"] + Self.quick + extra, in: directory)
            #expect(train.status == 0, "\(train.standardError)")
            let similar = try runW2V(["similar", "dog", "-n", "3"], in: directory)
            #expect(tableWords(similar.standardOutput).allSatisfy(W2VTestCorpus.animals.contains), "\(extra)")
        }
        let bad = try runW2V(["train", "corpus.txt", "--shared-negatives", "2"], in: directory)
        #expect(bad.status != 0 && bad.standardError.contains("--shared-negatives must be 0 or 1"))
    }

    /// A training option: two settings that must give different vectors, and a value it refuses.
    struct OptionCase: Sendable, CustomTestStringConvertible {
        var settings: [[String]]
        var refused: String
        var message: String
        var testDescription: String { settings[1].joined(separator: " ") }
    }

    static let optionCases = [
        // The floor of the learning-rate decay.
        OptionCase(
            settings: [[], ["--min-alpha", "0.01"]], refused: "--min-alpha=-1",
            message: "--min-alpha must be zero or positive"),
        // With 1 thread the two schedules differ only in the linear one's "+ 1" denominator.
        OptionCase(
            settings: [["--alpha-schedule", "linear"], ["--alpha-schedule", "gensim-corpus-file"]],
            refused: "--alpha-schedule=cosine", message: "alpha-schedule"),
        OptionCase(
            settings: [["--initialization", "word2vec-c"], ["--initialization", "gensim"]],
            refused: "--initialization=zeros", message: "initialization"),
    ]

    @Test("training options change the vectors; bad values are refused", arguments: optionCases)
    func trainingOption(_ option: OptionCase) throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 600)
        defer { try? FileManager.default.removeItem(at: directory) }
        var models: [Data] = []
        for setting in option.settings {
            let train = try runW2V(
                ["train", "corpus.txt", "-o", "v.bin", "-q"] + Self.quick + setting, in: directory)
            #expect(train.status == 0, "\(train.standardError)")
            models.append(try Data(contentsOf: directory.appendingPathComponent("v.bin")))
        }
        #expect(models[0].count == models[1].count && models[0] != models[1], "the option changed nothing")
        let bad = try runW2V(["train", "corpus.txt", option.refused], in: directory)
        #expect(bad.status != 0 && bad.standardError.contains(option.message), "\(bad.standardError)")
    }

    @Test("--resume continues the saved model and rewrites it")
    func resume() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 600)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try runW2V(["train", "corpus.txt", "-q"] + Self.quick, in: directory)
        #expect(first.status == 0, "\(first.standardError)")
        let model = directory.appendingPathComponent("vectors.w2vmodel")
        let before = try Data(contentsOf: model)
        let again = try runW2V(["train", "corpus.txt", "--resume", "--iter", "1", "--threads", "1"], in: directory)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("epoch 1/1"))
        let after = try Data(contentsOf: model)
        #expect(after.count == before.count && after != before)

        let binary = try runW2V(["train", "corpus.txt", "-o", "v.bin", "-q"] + Self.quick, in: directory)
        #expect(binary.status == 0)
        let cannot = try runW2V(["train", "corpus.txt", "-o", "v.bin", "--resume"], in: directory)
        #expect(cannot.status != 0 && !cannot.terminatedBySignal)
        #expect(cannot.standardError.contains("v.bin"))
    }

    @Test("Ctrl-C stops training cleanly: exit 130 and no model or temporary file")
    func interrupt() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 4000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("w2v")
        process.arguments = ["train", "corpus.txt", "--iter", "200", "--min-count", "1", "--threads", "1"]
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning)
        process.interrupt()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files == ["corpus.txt"])
    }
}

/// The words of a neighbour table (the lines after the `---` rule).
func tableWords(_ output: String) -> [String] {
    let lines = output.split(separator: "\n")
    guard let rule = lines.firstIndex(where: { $0.hasPrefix("-----") }) else { return [] }
    return lines[(rule + 1)...].compactMap { $0.split(separator: " ").first.map(String.init) }
}

/// Runs the built `w2v` in `directory`, so relative paths and the default model path resolve
/// there (and `$W2V_MODEL` is unset).
func runW2V(_ arguments: [String], in directory: URL, input: String? = nil) throws -> CommandResult {
    try runProduct("w2v", arguments, input: input, environment: ["W2V_MODEL": nil], currentDirectory: directory)
}
