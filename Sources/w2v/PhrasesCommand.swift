// `w2v phrases`: word2phrase — join frequent bigrams like `new york` into `new_york`.
import ArgumentParser
import CommandLineSupport
import Foundation
import NLPText

struct Phrases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join frequent word pairs into phrases (word2phrase): new york → new_york.",
        discussion: """
            Counts words and bigrams in INPUT, scores each bigram as word2phrase does, \
            (count(ab) − min-count) / (count(a) · count(b)) · total words, and writes INPUT to \
            OUTPUT with every bigram scoring above --threshold joined by "_". Each --passes pass \
            runs on the previous pass's output, so later passes can form longer phrases \
            (word2phrase is usually run twice, with a lower threshold the second time). Lines are \
            kept; words are separated by single spaces.

            INPUT is read twice per pass, so it must be a file (plain or .gz), not standard input.

            Example:
              w2v phrases corpus.txt corpus-phrases.txt --threshold 100 --passes 2
            """)

    @Argument(help: "The corpus (plain text or .gz).") var input: String
    @Argument(help: "Where to write the corpus with phrases joined.") var output: String

    @Option(help: "Join a bigram when its score is above this (word2phrase -threshold).")
    var threshold: Double = 100

    @Option(help: "Ignore words and bigrams seen fewer times; also the score's discount.")
    var minCount: Int = 5

    @Option(help: "Passes; pass k uses threshold / k (longer phrases on later passes).")
    var passes: Int = 1

    @Option(help: "Score: word2phrase, gensim (original Mikolov et al. scorer) or npmi.")
    var scoring: String = "word2phrase"

    func validate() throws {
        guard input != "-" else { throw ValidationError("phrases reads INPUT twice: give a file, not standard input") }
        guard minCount >= 0 else { throw ValidationError("--min-count must not be negative") }
        guard (1 ... 10).contains(passes) else { throw ValidationError("--passes must be in 1...10") }
        guard PhraseScoring(rawValue: scoring) != nil else {
            let names = PhraseScoring.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown --scoring '\(scoring)' (one of: \(names))")
        }
    }

    func run() throws {
        var source = input
        for pass in 1 ... passes {
            let options = PhraseOptions(
                minCount: minCount, threshold: threshold / Double(pass), scoring: PhraseScoring(rawValue: scoring)!)
            let corpus = try Corpus(path: source)
            var counts = PhraseCounts(options: options)
            try corpus.forEachSentence(maxLength: Int.max) { counts.learn(sentence: $0) }
            let model = PhraseModel(tables: [counts.makeTable()])
            let destination = pass == passes ? output : output + ".pass\(pass)"
            let writer = try AtomicTextWriter(path: destination)
            var joined = 0
            try corpus.forEachSentence(maxLength: Int.max) { sentence in
                let phrased = model.apply(to: sentence)
                joined += sentence.count - phrased.count
                try writer.write(phrased.joined(separator: " ") + "\n")
            }
            try writer.commit()
            if source != input { try? FileManager.default.removeItem(atPath: source) }
            printDiagnostic(
                "pass \(pass): \(counts.totalWords) words, \(model.tables[0].count) phrases, \(joined) joins → \(destination)"
            )
            source = destination
        }
    }
}
