import Foundation
import Testing
import _TestSupport

/// Runs the built `sentiment` binary: the CLI as a user sees it.
@Suite("sentiment CLI")
struct SentimentCommandTests {
    /// The first `rows` data rows of movie-snippets.tsv in a temporary file.
    static func smallData(rows: Int) throws -> String {
        let text = try String(contentsOfFile: SentimentFixtures.movieSnippetsPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The file alternates labels unevenly; take rows from both ends for both classes.
        let body = Array(lines[1 ... rows / 2]) + Array(lines[(lines.count - 1 - rows / 2) ..< (lines.count - 1)])
        return try SentimentFixtures.write(([lines[0]] + body).joined(separator: "\n") + "\n", name: "small.tsv")
    }

    @Test("train, predict (arguments and stdin) and evaluate with a saved model")
    func trainPredictEvaluate() throws {
        let data = try Self.smallData(rows: 600)
        let directory = try SentimentFixtures.makeDirectory()
        let model = directory.appendingPathComponent("m.safetensors").path
        let plot = directory.appendingPathComponent("history.svg").path
        let train = try runProduct(
            "sentiment", ["train", data, "--epochs", "3", "--output", model, "--plot", plot, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("model written to \(model)"))
        #expect(train.standardOutput.contains("val_accuracy"))
        #expect(FileManager.default.fileExists(atPath: model))
        #expect(FileManager.default.fileExists(atPath: plot))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("history-accuracy.svg").path))

        let predict = try runProduct("sentiment", ["predict", "a good film", "", "--model", model])
        #expect(predict.status == 0, "\(predict.standardError)")
        let lines = predict.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 3 && ["0", "1"].contains(fields[0]) && Double(fields[1]) != nil, "\(line)")
        }
        let stdin = try runProduct("sentiment", ["predict", "--model", model], input: "one\ntwo words\n\nthree\n")
        #expect(stdin.status == 0, "\(stdin.standardError)")
        #expect(stdin.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).count == 5)

        let evaluate = try runProduct("sentiment", ["evaluate", data, "--model", model])
        #expect(evaluate.status == 0, "\(evaluate.standardError)")
        #expect(evaluate.standardOutput.contains("accuracy"))
        #expect(evaluate.standardOutput.contains("precision"))
        #expect(evaluate.standardOutput.contains("confusion"))
    }

    @Test("--ensemble: train saves one file of two models; predict and evaluate read it; cross-validate runs it")
    func ensemble() throws {
        let data = try Self.smallData(rows: 400)
        let model = try SentimentFixtures.makeDirectory().appendingPathComponent("e.safetensors").path
        let train = try runProduct(
            "sentiment",
            ["train", data, "--ensemble", "--epochs", "2", "--units", "8", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("mlp:"))
        #expect(train.standardOutput.contains("gru:"))
        #expect(train.standardOutput.contains("ensemble of 2 models written to \(model)"))
        let predict = try runProduct("sentiment", ["predict", "a good film", "a dull mess", "--model", model])
        #expect(predict.status == 0, "\(predict.standardError)")
        #expect(predict.standardOutput.split(separator: "\n").count == 2)
        let evaluate = try runProduct("sentiment", ["evaluate", data, "--model", model])
        #expect(evaluate.status == 0, "\(evaluate.standardError)")
        #expect(evaluate.standardOutput.contains("accuracy"))
        let crossValidate = try runProduct(
            "sentiment",
            ["cross-validate", data, "--ensemble", "--folds", "2", "--epochs", "1", "--units", "4", "--quiet"])
        #expect(crossValidate.status == 0, "\(crossValidate.standardError)")
        #expect(crossValidate.standardOutput.split(separator: "\n").last?.hasPrefix("mean") == true)
    }

    @Test("cross-validate prints a row per fold and the mean")
    func crossValidate() throws {
        let data = try Self.smallData(rows: 300)
        let result = try runProduct(
            "sentiment", ["cross-validate", data, "--folds", "3", "--epochs", "2", "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n")
        #expect(rows.count == 5, "\(result.standardOutput)")
        #expect(rows.last?.hasPrefix("mean") == true)
        #expect(result.standardError.contains("fold 3/3"))
    }

    @Test("bad input: clear messages and a non-zero exit")
    func errors() throws {
        let missing = try runProduct("sentiment", ["train", "/nonexistent/data.tsv"])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("/nonexistent/data.tsv"))

        let data = try Self.smallData(rows: 100)
        let column = try runProduct("sentiment", ["train", data, "--text-column", "review"])
        #expect(column.status != 0)
        #expect(column.standardError.contains("no column 'review'"))

        let noModel = try runProduct("sentiment", ["predict", "hello", "--model", "/nonexistent/m.safetensors"])
        #expect(noModel.status != 0)
        #expect(noModel.standardError.contains("/nonexistent/m.safetensors"))

        let embeddings = try runProduct(
            "sentiment", ["train", data, "--embeddings", SentimentFixtures.gloveBinaryPath, "--model", "mlp"])
        #expect(embeddings.status != 0)
        #expect(embeddings.standardError.contains("sequence model"))

        let folds = try runProduct("sentiment", ["cross-validate", data, "--folds", "1"])
        #expect(folds.status != 0)
        #expect(folds.standardError.contains("at least 2"))
    }
}
