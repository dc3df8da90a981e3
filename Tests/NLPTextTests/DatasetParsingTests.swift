import Foundation
import Testing

@testable import NLPText

private func parse(_ text: String, _ options: DelimitedTextOptions) throws -> DelimitedLoadResult {
    try LabeledTextDataset.parse(delimitedText: text, options: options, source: "data.csv")
}

private let csv = DelimitedTextOptions(format: .csv)

@Suite("Labelled text from CSV and TSV")
struct DatasetParsingTests {
    @Test(
        "CSV quoting edge cases (RFC 4180)",
        arguments: [
            ("text,label\n\"hello, world\",pos\n", "hello, world"),
            ("text,label\n\"she said \"\"hi\"\"\",pos\n", "she said \"hi\""),
            ("text,label\n\"line one\nline two\",pos\n", "line one\nline two"),
            ("text,label\r\nplain,pos\r\n", "plain"),
            ("text,label\n\"\",pos\n", ""),
            ("text,label\nab\"c,pos\n", "ab\"c"),  // a quote inside an unquoted field is data
            ("\u{FEFF}text,label\nbom,pos", "bom"),  // byte order mark, no final newline
            ("text,label\n\"a\r\nb\",pos\n", "a\r\nb"),  // CRLF inside quotes is kept
            ("text,label\n\"tab\there\",pos\n\n\n", "tab\there"),  // trailing blank lines
        ])
    func csvQuoting(text: String, expected: String) throws {
        let result = try parse(text, csv)
        #expect(result.dataset.texts == [expected])
        #expect(result.dataset.labelNames == ["pos"])
    }

    @Test("TSV is plain: quotes are characters, tabs always separate")
    func tsv() throws {
        let text = "label\trating\ttext\n1\t2.5\t\"quoted\" text, with comma\n0\t-1.0\tsecond\n"
        let result = try parse(text, DelimitedTextOptions())
        #expect(result.dataset.texts == ["\"quoted\" text, with comma", "second"])
        #expect(result.dataset.labelNames == ["0", "1"])
        #expect(result.dataset.labels == [1, 0])
    }

    @Test(
        "Columns by name or index, with or without a header",
        arguments: [
            (true, DelimitedTextOptions.Column.name("review"), DelimitedTextOptions.Column.name("stars")),
            (true, .index(2), .index(0)),
            (false, .index(2), .index(0)),
        ])
    func columns(hasHeader: Bool, text: DelimitedTextOptions.Column, label: DelimitedTextOptions.Column) throws {
        let body = "5\tx\tgreat\n1\ty\tawful\n"
        let file = hasHeader ? "stars\tid\treview\n" + body : body
        let options = DelimitedTextOptions(hasHeader: hasHeader, textColumn: text, labelColumn: label)
        let dataset = try parse(file, options).dataset
        #expect(dataset.texts == ["great", "awful"])
        #expect(dataset.labelNames == ["1", "5"])
        #expect(dataset.labels == [1, 0])
    }

    @Test(
        "Label mappings",
        arguments: [
            (
                LabelMapping.threshold(0, above: "positive", otherwise: "negative"),
                ["positive", "negative", "negative"]
            ),
            (.table(["2.5": "good", "-1": "bad", "0": "bad"]), ["good", "bad", "bad"]),
            (
                .custom { Double($0).map { $0 >= 0 ? "nonnegative" : "negative" } },
                ["nonnegative", "negative", "nonnegative"]
            ),
        ])
    func labelMapping(mapping: LabelMapping, expected: [String]) throws {
        let text = "rating\ttext\n2.5\ta\n-1\tb\n 0 \tc\n"  // the label value is trimmed
        let dataset = try parse(text, DelimitedTextOptions(labelColumn: "rating", labelMapping: mapping)).dataset
        #expect(dataset.labels.map { dataset.labelNames[$0] } == expected)
        #expect(dataset.labelNames == Array(Set(expected)).sorted())
    }

    @Test("An explicit label order fixes the ids")
    func labelOrder() throws {
        let options = DelimitedTextOptions(labelNames: ["negative", "neutral", "positive"])
        let dataset = try parse("label\ttext\npositive\ta\nnegative\tb\n", options).dataset
        #expect(dataset.labels == [2, 0])
        #expect(dataset.classCounts == [1, 0, 1])
        #expect(
            dataset.classSummary == "2 examples, 3 classes: negative 1 (50.0%), neutral 0 (0.0%), positive 1 (50.0%)")
    }

    /// Line 1 header; line 2 good; line 3 ragged; lines 4–5 one quoted record; line 6 text after a
    /// closing quote; line 7 a label that is not a number; line 8 good.
    static let badFile = "text,label\ngood,1\nragged,1,extra\n\"two\nlines\",0\n\"x\"y,1\nbad label,abc\nfine,-2\n"

    @Test("Strict loading stops at the first bad row with its line")
    func strict() {
        let options = DelimitedTextOptions(format: .csv, labelMapping: .threshold(0, above: "pos", otherwise: "neg"))
        #expect(throws: DatasetError.badRow(path: "data.csv", line: 3, reason: "3 fields, expected 2")) {
            try parse(Self.badFile, options)
        }
    }

    @Test("Lenient loading skips bad rows and reports their lines")
    func lenient() throws {
        let options = DelimitedTextOptions(
            format: .csv, labelMapping: .threshold(0, above: "pos", otherwise: "neg"), badRows: .skip)
        let result = try parse(Self.badFile, options)
        #expect(result.dataset.texts == ["good", "two\nlines", "fine"])
        #expect(result.dataset.labels.map { result.dataset.labelNames[$0] } == ["pos", "neg", "neg"])
        #expect(result.skippedRows.map(\.line) == [3, 6, 7])
        #expect(result.skippedRows[1].reason.contains("after the closing quote"))
        #expect(result.skippedRows[2].reason == "label 'abc' is not a number")
    }

    @Test("Labels outside an explicit order are bad rows")
    func unknownLabel() throws {
        let options = DelimitedTextOptions(labelNames: ["neg", "pos"], badRows: .skip)
        let result = try parse("label\ttext\npos\ta\nmaybe\tb\nneg\tc\n", options)
        #expect(result.dataset.count == 2)
        #expect(result.skippedRows == [SkippedRow(line: 3, reason: "label 'maybe' is not one of [\"neg\", \"pos\"]")])
    }

    @Test(
        "File-level errors are clear",
        arguments: [
            ("text,label\n\"open,1\nmore\n", csv, DatasetError.unterminatedQuote(path: "data.csv", line: 2)),
            (
                "review\tlabel\nx\t1\n", DelimitedTextOptions(),
                .missingColumn(path: "data.csv", column: "'text'", available: ["review", "label"])
            ),
            (
                "x\t1\n", DelimitedTextOptions(hasHeader: false, textColumn: 3, labelColumn: 1),
                .missingColumn(path: "data.csv", column: "#3 (rows have 2 fields)", available: [])
            ),
            (
                "x\t1\n", DelimitedTextOptions(hasHeader: false),
                .missingColumn(path: "data.csv", column: "'text' (the file has no header; use an index)", available: [])
            ),
            ("", DelimitedTextOptions(), .noExamples(path: "data.csv", reason: "the file is empty")),
            ("text\tlabel\n", DelimitedTextOptions(), .noExamples(path: "data.csv", reason: "no data rows")),
        ])
    func fileErrors(text: String, options: DelimitedTextOptions, expected: DatasetError) {
        #expect(throws: expected) { try parse(text, options) }
    }

    @Test("Error messages name the file and line")
    func messages() {
        #expect(
            DatasetError.badRow(path: "a.tsv", line: 7, reason: "3 fields, expected 2").description
                == "a.tsv:7: 3 fields, expected 2")
        #expect(
            DatasetError.missingColumn(path: "a.tsv", column: "'text'", available: ["x", "y"]).description
                == "a.tsv: no column 'text'; columns are 'x', 'y'")
    }

    @Test("Files load through GzipFile (plain or gzip)")
    func loadFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString).tsv.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GzipFile.write(Array("label\ttext\npos\tgood film\nneg\tdull\n".utf8), to: path)
        let dataset = try LabeledTextDataset.load(delimitedFile: path).dataset
        #expect(dataset.texts == ["good film", "dull"] && dataset.labelNames == ["neg", "pos"])
        #expect(throws: FileError.self) { try LabeledTextDataset.load(delimitedFile: path + ".missing") }
    }
}
