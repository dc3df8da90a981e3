import Foundation
import Testing

@testable import NLPText

@Suite("Phrase table files")
struct PhraseFileTests {
    private static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("PhraseFileTests-\(UUID().uuidString)-\(name)")
            .path
    }

    @Test("Save then load gives an equal table with exact scores")
    func roundTrip() throws {
        var counts = PhraseCounts(options: PhraseOptions(minCount: 0, threshold: 1))
        counts.learn(sentences: [["new", "york", "city"], ["new", "york", "times"], ["i", "love", "new", "york"]])
        let table = counts.makeTable()
        #expect(table.count > 3)
        let path = Self.temporaryPath("phrases.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try table.write(to: path)
        let loaded = try PhraseTable(contentsOf: path)
        #expect(loaded == table)
        #expect(loaded.phrases.map(\.score) == table.phrases.map(\.score))
        #expect(loaded.apply(to: ["new", "york"]) == ["new_york"])
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first
        #expect(firstLine.map(String.init) == table.phrases[0].description)
    }

    @Test("Multi-word phrases load and join any split")
    func multiWord() throws {
        let table = try PhraseTable(parsing: "# pass 2\n\nnew_york_times 3.15\r\nunited_states\t12\n")
        #expect(table.count == 2)
        #expect(table.apply(to: ["new_york", "times"]) == ["new_york_times"])
        #expect(table.apply(to: ["new", "york_times"]) == ["new_york_times"])
        #expect(table.score(of: "united_states") == 12)
    }

    @Test(
        "Malformed lines are errors naming the line",
        arguments: [
            ("new_york\n", 1, "missing score"),
            ("new_york 2.5\nunited_states abc\n", 2, "not a finite number"),
            ("newyork 3.5\n", 1, "no '_'"),
            ("_york 3.5\n", 1, "no '_'"),
            ("new_york 1 2\n", 1, "3 fields"),
            ("new_york 1\nnew_york 2\n", 2, "already listed on line 1"),
            ("new_york nan\n", 1, "not a finite number"),
            ("new_york inf\n", 1, "not a finite number"),
            ("# comment\n\nnew_york x\n", 3, "not a finite number"),
        ])
    func malformed(text: String, line: Int, fragment: String) {
        do {
            _ = try PhraseTable(parsing: text, source: "phrases.txt")
            Issue.record("no error for \(text.debugDescription)")
        } catch let error as PhraseFileError {
            guard case .malformedLine(let path, let errorLine, let reason) = error else { return }
            #expect(path == "phrases.txt")
            #expect(errorLine == line)
            #expect(reason.contains(fragment), "\(reason)")
            #expect(error.description.hasPrefix("phrases.txt:\(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("A missing file is a FileError naming it")
    func missingFile() {
        let path = Self.temporaryPath("absent.txt")
        #expect(throws: FileError.self) { try PhraseTable(contentsOf: path) }
    }
}
