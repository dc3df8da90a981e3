// The `textgen` binary as a user runs it: train on a temporary file, sample, evaluate, errors.
import Foundation
import Testing
import _TestSupport

@Suite("textgen command line")
struct CommandLineTests {
    static let quick = [
        "--layers", "1", "--units", "12", "--batch-size", "4", "--seq-length", "10", "--epochs", "2",
        "--learning-rate", "0.01", "--sample-length", "20", "--threads", "1",
    ]

    static func textgen(_ arguments: [String], in directory: URL) throws -> CommandResult {
        try runProduct("textgen", arguments, currentDirectory: directory)
    }

    @Test("train, then sample twice with a seed (identical), then evaluate")
    func trainSampleEvaluate() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.repetitive.write(
            to: directory.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)

        let train = try Self.textgen(["train", "corpus.txt", "-o", "tiny.tgmodel"] + Self.quick, in: directory)
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.isEmpty)
        #expect(train.standardError.contains("epoch 2: train loss"))
        #expect(train.standardError.contains("validation loss"))
        #expect(train.standardError.contains("bpc"))
        #expect(train.standardError.contains("--- sample (temperature 0.8) ---"))
        #expect(train.standardError.contains("model written to tiny.tgmodel"))

        let arguments = [
            "sample", "-m", "tiny.tgmodel", "--prompt", "abc", "--length", "50", "--seed", "4", "--top-k", "3",
        ]
        let first = try Self.textgen(arguments, in: directory)
        let second = try Self.textgen(arguments, in: directory)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardOutput.hasPrefix("abc"))
        #expect(first.standardOutput.unicodeScalars.count == 3 + 50 + 1)
        let other = try Self.textgen(
            [
                "sample", "-m", "tiny.tgmodel", "--prompt", "abc", "--length", "50", "--seed", "5", "--temperature",
                "1.5",
            ],
            in: directory)
        #expect(other.standardOutput != first.standardOutput)

        let evaluate = try Self.textgen(["evaluate", "corpus.txt", "-m", "tiny.tgmodel"], in: directory)
        #expect(evaluate.status == 0, "\(evaluate.standardError)")
        #expect(evaluate.standardOutput.contains("bits per character: "))
        #expect(evaluate.standardOutput.contains("perplexity: "))

        let resume = try Self.textgen(
            ["train", "corpus.txt", "-o", "tiny.tgmodel", "--resume", "--epochs", "3", "--sample-length", "0"],
            in: directory)
        #expect(resume.status == 0, "\(resume.standardError)")
        #expect(resume.standardError.contains("resuming at epoch 3"))
        #expect(resume.standardError.contains("3 epoch(s) done"))
    }

    @Test("errors give a message and a non-zero exit status")
    func errors() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("empty.txt").path, contents: Data())
        _ = FileManager.default.createFile(
            atPath: directory.appendingPathComponent("bad.txt").path, contents: Data([0x61, 0xFF, 0x62]))
        _ = FileManager.default.createFile(
            atPath: directory.appendingPathComponent("junk.tgmodel").path, contents: Data(repeating: 7, count: 64))
        let cases: [([String], String)] = [
            (["train", "missing.txt"], "missing.txt"),
            (["train", "empty.txt"], "holds no text"),
            (["train", "bad.txt"], "not UTF-8"),
            (["sample", "-m", "missing.tgmodel"], "missing.tgmodel"),
            (["sample", "-m", "junk.tgmodel"], "junk.tgmodel"),
            (["sample", "--top-p", "1.5"], "--top-p"),
            (["train", "bad.txt", "--resume", "-o", "none.tgmodel"], "does not exist"),
            (["train", "empty.txt", "--schedule", "linear"], "--schedule"),
        ]
        for (arguments, message) in cases {
            let result = try Self.textgen(arguments, in: directory)
            #expect(result.status != 0 && !result.terminatedBySignal, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }

    @Test("--schedule cosine anneals the learning rate epoch by epoch; the default keeps it")
    func cosineSchedule() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.repetitive.write(
            to: directory.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        /// The learning rate printed at the end of each epoch.
        func epochRates(_ extra: [String]) throws -> [Double] {
            let train = try Self.textgen(
                ["train", "corpus.txt", "-o", "tiny.tgmodel"] + Self.quick + ["--sample-length", "0"] + extra,
                in: directory)
            #expect(train.status == 0, "\(train.standardError)")
            return train.standardError.split(separator: "\n").filter {
                $0.hasPrefix("epoch ") && $0.contains(": train loss")
            }
            .compactMap { line in line.split(separator: " ").last.flatMap { Double($0) } }
        }
        let constant = try epochRates([])
        #expect(constant == [0.01, 0.01])
        let cosine = try epochRates(["--schedule", "cosine"])
        // Half-way through the run the rate is lr / 2; at the end of the last epoch close to zero.
        #expect(cosine.count == 2 && abs(cosine[0] - 0.005) < 0.001 && cosine[1] < 1e-4, "\(cosine)")
    }

    @Test("a prompt with a character the model does not know is a clear error")
    func unknownPromptCharacter() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.repetitive.write(
            to: directory.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        let train = try Self.textgen(
            ["train", "corpus.txt", "-q"] + Self.quick.dropLast(2) + ["--epochs", "1"], in: directory)
        #expect(train.status == 0, "\(train.standardError)")
        let sample = try Self.textgen(["sample", "--prompt", "xyz"], in: directory)
        #expect(sample.status != 0)
        #expect(sample.standardError.contains("\"x\" at position 0 is not in the model's vocabulary"))
    }

    @Test(
        "train notes an OPENBLAS_CORETYPE that overrides this CPU's kernel, and only then",
        arguments: [("Haswell", true), (nil, false)] as [(String?, Bool)])
    func notesKernelOverride(coreType: String?, overrides: Bool) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.repetitive.write(
            to: directory.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        let train = try runProduct(
            "textgen", ["train", "corpus.txt", "-o", "tiny.tgmodel"] + Self.quick,
            environment: ["OPENBLAS_CORETYPE": coreType], currentDirectory: directory)
        #expect(train.status == 0, "\(train.standardError)")
        let noted = train.standardError.contains("note: OPENBLAS_CORETYPE=Haswell is set in the environment")
        // Only a CPU whose own kernel is SkylakeX sees Haswell as an override.
        #expect(noted == (overrides && cpuHasAVX512), "\(train.standardError)")
    }
}
