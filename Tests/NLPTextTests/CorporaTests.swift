import Foundation
import Testing

@testable import NLPText

@Suite("Committed corpora match corpora/README.md")
struct CorporaTests {
    // MARK: - Inventory

    @Test("The README lists exactly the files in corpora/")
    func inventoryListsEveryFile() throws {
        let listed = try Corpora.inventory().map(\.file).sorted()
        #expect(listed.count >= 8, "inventory rows parsed from README: \(listed)")
        #expect(listed == (try Corpora.dataFiles()))
    }

    @Test("Each file has the size and line count the README states")
    func sizesAndLineCounts() throws {
        for row in try Corpora.inventory() {
            #expect(try Corpora.fileSize(row.file) == row.bytes, "size of \(row)")
            if let lines = row.lines {
                #expect(try Corpora.lines(row.file).count == lines, "line count of \(row)")
            }
        }
    }

    // MARK: - Sentiment

    @Test("movie-snippets.tsv: header, 10,568 rows, labels agree with the rating sign")
    func movieSnippets() throws {
        let lines = try Corpora.lines("movie-snippets.tsv")
        #expect(lines.first == "label\trating\ttext")
        let rows = lines.dropFirst()
        #expect(rows.count == 10_568)
        var positives = 0
        for (index, row) in rows.enumerated() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 3, "line \(index + 2): \(fields.count) fields in \(row)")
            let rating = try #require(Double(fields[1]), "line \(index + 2): rating \(fields[1])")
            #expect(rating != 0 && abs(rating) <= 4, "line \(index + 2): rating \(rating)")
            #expect(fields[0] == (rating > 0 ? "1" : "0"), "line \(index + 2): label \(fields[0]), rating \(rating)")
            #expect(!fields[2].isEmpty, "line \(index + 2): empty text")
            if fields[0] == "1" { positives += 1 }
        }
        #expect(positives == 5_242)
    }

    // MARK: - Word-vector evaluation

    static let analogySections: [(name: String, questions: Int)] = [
        ("capital-common-countries", 506), ("capital-world", 4_524), ("currency", 866), ("city-in-state", 2_467),
        ("family", 506), ("gram1-adjective-to-adverb", 992), ("gram2-opposite", 812), ("gram3-comparative", 1_332),
        ("gram4-superlative", 1_122), ("gram5-present-participle", 1_056), ("gram6-nationality-adjective", 1_599),
        ("gram7-past-tense", 1_560), ("gram8-plural", 1_332), ("gram9-plural-verbs", 870),
    ]

    @Test("questions-words.txt: 19,544 four-word questions in 14 sections")
    func analogyQuestions() throws {
        var sections: [(name: String, questions: Int)] = []
        for line in try Corpora.lines("questions-words.txt") {
            if line.hasPrefix(": ") {
                sections.append((String(line.dropFirst(2)), 0))
            } else {
                #expect(line.split(separator: " ").count == 4, "question \(line)")
                try #require(!sections.isEmpty, "question before the first section: \(line)")
                sections[sections.count - 1].questions += 1
            }
        }
        #expect(sections.count == 14)
        #expect(sections.map(\.questions).reduce(0, +) == 19_544)
        #expect(sections.map(\.name) == Self.analogySections.map(\.name))
        #expect(sections.map(\.questions) == Self.analogySections.map(\.questions))
    }

    @Test("wordsim353.tsv: 353 pairs scored 0 to 10")
    func wordSimilarity() throws {
        let lines = try Corpora.lines("wordsim353.tsv")
        let pairs = lines.filter { !$0.hasPrefix("#") }
        #expect(lines.count - pairs.count == 2, "comment lines")
        #expect(pairs.count == 353)
        for pair in pairs {
            let fields = pair.split(separator: "\t")
            try #require(fields.count == 3, "pair \(pair)")
            let score = try #require(Double(fields[2]), "score in \(pair)")
            #expect((0 ... 10).contains(score), "score in \(pair)")
        }
        #expect(pairs.contains("tiger\ttiger\t10.00"))
    }

    // MARK: - Text generation

    @Test("shakespeare-complete.txt.gz unpacks to the 42 works, 5,057,198 bytes")
    func shakespeare() throws {
        #expect(try GzipFile(path: Corpora.path("shakespeare-complete.txt.gz")).isCompressed)
        let text = try Corpora.text("shakespeare-complete.txt.gz")
        #expect(text.utf8.count == 5_057_198)
        #expect(text.hasPrefix("ALL'S WELL THAT ENDS WELL\n"))
        #expect(text.contains("To be, or not to be"))
        #expect(text.contains("Shall I compare thee to a summer's day?"))
        let bylines = text.components(separatedBy: "\nby William Shakespeare\n").count - 1
        #expect(bylines == 42, "works with a 'by William Shakespeare' line")
    }
}
