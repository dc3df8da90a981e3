// `w2v similar`: the nearest words by cosine similarity, like word2vec.c's `distance`.
import ArgumentParser
import CommandLineSupport
import Foundation
import Word2Vec

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the words nearest to one or more words (cosine similarity).",
        discussion: """
            With one word, prints the words whose vectors have the highest cosine similarity to \
            it. With several, the query is the mean of their unit vectors, minus those given with \
            --negative (gensim's most_similar). The query words themselves are left out.

            Without words, reads queries from standard input, one per line, like word2vec.c's \
            `distance` (an empty line, EXIT or end of input stops).

            Examples:
              w2v similar sweden
              w2v similar king woman --negative man --top 5
              echo paris | w2v similar --model vectors.bin
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "Query words (none: read queries from standard input).")
    var words: [String] = []

    @Option(name: .customLong("negative"), help: "A word to subtract from the query (repeatable).")
    var negativeWords: [String] = []

    @OptionGroup var ranking: RankingOptions

    func run() throws {
        let vectors = try modelOptions.loadVectors()
        if words.isEmpty {
            try runInteractive(vectors)
        } else {
            try printNeighbours(of: words, negative: negativeWords, in: vectors)
        }
    }

    private func printNeighbours(of words: [String], negative: [String], in vectors: WordVectors) throws {
        let neighbours = try vectors.mostSimilar(
            positive: words, negative: negative, topN: ranking.top, restrictTo: ranking.restrict)
        var header = ""
        for word in words + negative {
            if let row = vectors.index(of: word) { header += "Word: \(word)  Position in vocabulary: \(row)\n" }
        }
        print(header)
        print(neighbourTable(neighbours))
    }

    /// distance.c's loop: a prompt, a line of words, a table; errors do not end the session.
    private func runInteractive(_ vectors: WordVectors) throws {
        let prompts = isatty(STDIN_FILENO) == 1
        while true {
            if prompts { writeToStandardError("Enter word or sentence (EXIT to break): ") }
            guard let line = readLine() else { break }
            let query = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if query.isEmpty || query == ["EXIT"] { break }
            do {
                try printNeighbours(of: query, negative: negativeWords, in: vectors)
                print()
            } catch let error as WordVectorsError {
                printDiagnostic("Error: \(error)")
            }
        }
    }
}
