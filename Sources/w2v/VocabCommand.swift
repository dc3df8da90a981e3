// `w2v vocab`: count a corpus's words, as word2vec.c's -save-vocab writes them.
import ArgumentParser
import CommandLineSupport
import NLPText

struct Vocab: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count the words of a corpus and print or save the vocabulary.",
        discussion: """
            Prints one `word count` line per word, most frequent first, with `</s>` (one per line \
            of the corpus) first — word2vec.c's -save-vocab format. A summary goes to standard \
            error.

            Examples:
              w2v vocab corpus.txt --min-count 5 --output vocab.txt
              zcat corpus.gz | w2v vocab - --top 20
            """)

    @Argument(help: "The corpus: a text file, a .gz file, a directory, or - for standard input.")
    var corpus: String

    @Option(help: "Drop words seen fewer times than this.")
    var minCount: Int = 5

    @Option(help: "Keep at most this many words (the most frequent).")
    var maxVocab: Int?

    @Option(name: [.customShort("n"), .long], help: "Print only the N most frequent entries.")
    var top: Int?

    @Option(name: [.customShort("o"), .long], help: "Write the vocabulary to this file instead of printing it.")
    var output: String?

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
        if let maxVocab, maxVocab < 1 { throw ValidationError("--max-vocab must be positive") }
        if let top, top < 1 { throw ValidationError("--top must be positive") }
    }

    func run() throws {
        let counter = VocabularyCounter()
        let statistics = try counter.count(try Corpus(path: corpus))
        let vocabulary = counter.makeVocabulary(minCount: minCount, maxSize: maxVocab, specialTokens: [.sentenceEnd])
        printDiagnostic(
            "\(statistics.words) words, \(counter.typeCount) distinct, \(vocabulary.count) kept "
                + "(min count \(minCount)\(maxVocab.map { ", at most \($0)" } ?? ""))")
        if let output {
            try vocabulary.save(to: output)
            printDiagnostic("vocabulary written to \(output)")
            return
        }
        let shown = min(vocabulary.count, top ?? vocabulary.count)
        var text = ""
        for id in 0 ..< shown { text += "\(vocabulary[id]) \(vocabulary.frequency(at: id))\n" }
        print(text, terminator: "")
    }
}
