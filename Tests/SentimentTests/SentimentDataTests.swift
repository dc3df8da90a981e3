import Foundation
import NLPNeural
import NLPText
import Testing

@testable import Sentiment

@Suite("Loading data and model files")
struct SentimentDataTests {
    @Test("movie-snippets.tsv: 10,568 rows, labels sorted as strings")
    func movieSnippets() throws {
        let dataset = try SentimentData.load(SentimentFixtures.movieSnippetsPath)
        #expect(dataset.count == 10568)
        #expect(dataset.labelNames == ["0", "1"])
        #expect(dataset.classCounts == [5326, 5242])
    }

    @Test("CSV by extension, empty text kept, folder per class")
    func formats() throws {
        let csv = try SentimentFixtures.write("review,stars\n\"good, really\",pos\n,neg\n", name: "data.csv")
        let dataset = try SentimentData.load(csv, textColumn: "review", labelColumn: "stars")
        #expect(dataset.texts == ["good, really", ""])
        #expect(dataset.labelNames == ["neg", "pos"])
        let root = try SentimentFixtures.makeDirectory()
        for (label, text) in [("neg", "awful"), ("pos", "lovely")] {
            let folder = root.appendingPathComponent(label)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent("1.txt"))
        }
        let folders = try SentimentData.load(root.path)
        #expect(folders.labelNames == ["neg", "pos"])
        #expect(folders.texts == ["awful", "lovely"])
    }

    @Test("bad files give errors naming the file and the problem")
    func badFiles() throws {
        let missingColumn = try SentimentFixtures.write("label\ttext\n1\tgood\n", name: "a.tsv")
        #expect {
            try SentimentData.load(missingColumn, textColumn: "review")
        } throws: { error in
            "\(error)".contains("no column 'review'") && "\(error)".contains(missingColumn)
        }
        let ragged = try SentimentFixtures.write("label\ttext\n1\tgood\n0\tbad\textra\n", name: "b.tsv")
        #expect {
            try SentimentData.load(ragged)
        } throws: { error in
            "\(error)".contains("\(ragged):3")
        }
        let empty = try SentimentFixtures.write("", name: "c.tsv")
        #expect {
            try SentimentData.load(empty)
        } throws: { error in
            "\(error)".contains("empty")
        }
        #expect {
            try SentimentData.load("/nonexistent/data.tsv")
        } throws: { error in
            "\(error)".contains("/nonexistent/data.tsv")
        }
        let url = try SentimentFixtures.makeDirectory().appendingPathComponent("latin1.tsv")
        try Data(Array("label\ttext\n1\tgood\n0\tcaf".utf8) + [0xE9] + Array("\n".utf8)).write(to: url)
        #expect(throws: SentimentError.invalidUTF8(path: url.path, line: 3)) { try SentimentData.load(url.path) }
    }

    @Test("model files: missing, damaged, or not a sentiment model give clear errors")
    func badModelFiles() throws {
        #expect(throws: (any Error).self) { try SentimentClassifier.load(from: "/nonexistent/model.safetensors") }
        let garbage = try SentimentFixtures.write("not a model at all", name: "garbage.safetensors")
        #expect(throws: (any Error).self) { try SentimentClassifier.load(from: garbage) }
        // A plain NLPNeural model is a valid archive, but not a sentiment classifier.
        let model = Sequential([Dense(units: 1, activation: .sigmoid)], inputShape: [4])
        try model.build(seed: 1)
        let plain = try SentimentFixtures.makeDirectory().appendingPathComponent("plain.safetensors").path
        try model.save(to: plain)
        #expect {
            try SentimentClassifier.load(from: plain)
        } throws: { error in
            "\(error)".contains("not saved by SentimentClassifier")
        }
        // A truncated sentiment model.
        let classifier = try SentimentClassifier.train(
            texts: ["good", "bad", "fine", "awful"], labels: ["1", "0", "1", "0"],
            configuration: SentimentConfiguration(epochs: 1, earlyStoppingPatience: nil))
        let path = try SentimentFixtures.makeDirectory().appendingPathComponent("model.safetensors").path
        try classifier.save(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try SentimentClassifier.load(from: path) }
    }
}
