import Foundation
import Testing
import _TestSupport

/// `similar`, `analogy`, `evaluate`, `convert`, `vocab` and `phrases` on committed vector
/// fixtures and generated corpora, through the built binary.
@Suite("w2v query and corpus commands")
struct QueryCommandTests {
    static let glove = repositoryRoot + "/corpora/glove.6B.50d.top3k.w2v.bin"
    static let gloveText = repositoryRoot + "/corpora/glove.6B.50d.top3k.w2v.txt"

    @Test("similar on the GloVe fixture: king's neighbours include queen and prince")
    func similarKing() throws {
        let result = try runProduct("w2v", ["similar", "king", "--model", Self.glove])
        #expect(result.status == 0, "\(result.standardError)")
        let words = tableWords(result.standardOutput)
        #expect(words.count == 10)
        #expect(words.contains("queen") && words.contains("prince"), "\(words)")
        #expect(!words.contains("king"))
    }

    @Test("analogy king man woman answers queen, by 3CosAdd and by 3CosMul")
    func analogy() throws {
        for method in ["cosadd", "cosmul"] {
            let result = try runProduct(
                "w2v", ["analogy", "king", "man", "woman", "--model", Self.glove, "--method", method, "-n", "3"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.hasPrefix("king − man + woman:"))
            #expect(tableWords(result.standardOutput).first == "queen", "\(result.standardOutput)")
        }
    }

    @Test("an unknown word is a clear error with close spellings, exit 1")
    func unknownWord() throws {
        let result = try runProduct("w2v", ["similar", "kinng", "--model", Self.glove])
        #expect(result.status == 1 && !result.terminatedBySignal)
        #expect(result.standardError.contains("'kinng' is not in the vocabulary"), "\(result.standardError)")
        #expect(result.standardError.contains("'king'"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("without words, similar reads queries from standard input like distance.c")
    func interactive() throws {
        let result = try runProduct(
            "w2v", ["similar", "--model", Self.glove, "-n", "3"], input: "paris\nnosuchword\nEXIT\nking\n")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Word: paris"))
        #expect(!result.standardOutput.contains("Word: king"))
        #expect(result.standardError.contains("'nosuchword' is not in the vocabulary"))
    }

    @Test("a missing default model says how to make one; a bad model file is an error, not a crash")
    func missingAndBadModels() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 10)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try runW2V(["similar", "cat"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no model at 'vectors.w2vmodel'"), "\(missing.standardError)")
        #expect(missing.standardError.contains("w2v train"))
        let liar = directory.appendingPathComponent("liar.bin")
        try Data("1000000000 300\nthe ".utf8).write(to: liar)
        let lying = try runW2V(["similar", "the", "--model", "liar.bin"], in: directory)
        #expect(lying.status == 1 && !lying.terminatedBySignal, "\(lying.standardError)")
        #expect(lying.standardError.contains("liar.bin"))
    }

    @Test("evaluate prints per-section accuracy and word-pair correlations")
    func evaluate() throws {
        let result = try runProduct(
            "w2v",
            [
                "evaluate", "--model", Self.glove, "--analogies", repositoryRoot + "/corpora/questions-words.txt",
                "--pairs", repositoryRoot + "/corpora/wordsim353.tsv",
            ])
        #expect(result.status == 0, "\(result.standardError)")
        // The same numbers as gensim 4.4 on this file (Benchmarks/query.sh): 925 of 1367 seen.
        #expect(result.standardOutput.contains("total"))
        #expect(result.standardOutput.contains("correct 925 / seen 1367"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Spearman 0.6207"), "\(result.standardOutput)")
    }

    @Test("convert GloVe text without a header to word2vec binary and back to the same neighbours")
    func convertGlove() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 10)
        defer { try? FileManager.default.removeItem(at: directory) }
        let glove = directory.appendingPathComponent("glove.txt")
        let text = try String(contentsOfFile: Self.gloveText, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().joined(separator: "\n")
            .appending("\n").write(to: glove, atomically: true, encoding: .utf8)
        let convert = try runW2V(["convert", "glove.txt", "out.bin", "--from", "glove"], in: directory)
        #expect(convert.status == 0, "\(convert.standardError)")
        let native = try runW2V(["convert", "out.bin", "out.w2vmodel"], in: directory)
        #expect(native.status == 0, "\(native.standardError)")
        let expected = try runProduct("w2v", ["similar", "france", "--model", Self.glove, "-n", "5"])
        for model in ["out.bin", "out.w2vmodel"] {
            let result = try runW2V(["similar", "france", "--model", model, "-n", "5"], in: directory)
            #expect(result.status == 0)
            #expect(result.standardOutput == expected.standardOutput)
        }
        let unknownFormat = try runW2V(["convert", "out.bin", "out.xyz"], in: directory)
        #expect(unknownFormat.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.xyz").path))
    }

    @Test("vocab lists </s> then words by count, from a file or standard input")
    func vocab() throws {
        let corpus = "b a b\nc b a\n"
        let result = try runProduct("w2v", ["vocab", "-", "--min-count", "1"], input: corpus)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "</s> 2\nb 3\na 2\nc 1\n")
        #expect(result.standardError.contains("6 words, 3 distinct, 4 kept"))
    }

    @Test("phrases joins a frequent pair and keeps the lines")
    func phrases() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 10)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = ""
        let fillers = (0 ..< 40).map { "w\($0)" }
        for index in 0 ..< 200 {
            text += "\(fillers[index % 40]) \(fillers[index * 7 % 40]) new york \(fillers[index * 13 % 40])\n"
        }
        try text.write(to: directory.appendingPathComponent("city.txt"), atomically: true, encoding: .utf8)
        let result = try runW2V(["phrases", "city.txt", "out.txt", "--threshold", "2"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let output = try String(contentsOf: directory.appendingPathComponent("out.txt"), encoding: .utf8)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 200)
        #expect(lines.allSatisfy { $0.contains("new_york") }, "\(lines.first ?? "")")
        #expect(output.components(separatedBy: "_").count == 201)
        let stdin = try runW2V(["phrases", "-", "out.txt"], in: directory)
        #expect(stdin.status != 0 && stdin.standardError.contains("standard input"))
    }

    @Test("help reads like a man page: every command and word2vec.c's option names")
    func help() throws {
        let top = try runProduct("w2v", ["--help"])
        #expect(top.status == 0)
        for command in ["train", "similar", "analogy", "evaluate", "phrases", "vocab", "convert", "info"] {
            #expect(top.standardOutput.contains("  \(command)"), "\(command)")
        }
        let train = try runProduct("w2v", ["help", "train"])
        for option in [
            "--size", "--window", "--negative", "--hs", "--sample", "--min-count", "--threads", "--iter", "--alpha",
            "--cbow",
        ] {
            #expect(train.standardOutput.contains(option), "\(option)")
        }
        let bad = try runProduct("w2v", ["train", "x.txt", "--cbow", "2"])
        #expect(bad.status != 0 && bad.standardError.contains("--cbow must be 0 or 1"))
    }

    @Test("training errors: a missing corpus and a bad option exit 1 with the reason")
    func trainingErrors() throws {
        let directory = try W2VTestCorpus.makeDirectory(lines: 10)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try runW2V(["train", "nope.txt"], in: directory)
        #expect(missing.status == 1 && missing.standardError.contains("nope.txt"), "\(missing.standardError)")
        let size = try runW2V(["train", "corpus.txt", "--size", "0"], in: directory)
        #expect(size.status == 1 && size.standardError.contains("dimension"), "\(size.standardError)")
        let rare = try runW2V(["train", "corpus.txt", "--min-count", "1000000"], in: directory)
        #expect(rare.status == 1 && rare.standardError.contains("min count"), "\(rare.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files == ["corpus.txt"])
    }
}
