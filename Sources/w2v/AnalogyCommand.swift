// `w2v analogy`: a is to b as c is to ?, by 3CosAdd or 3CosMul.
import ArgumentParser
import Word2Vec

struct Analogy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an analogy: `w2v analogy king man woman` finds king − man + woman (queen).",
        discussion: """
            Prints the words nearest to vector(A) − vector(B) + vector(C), leaving out A, B and C: \
            "B is to A as C is to ?". 3CosAdd (the default) is word2vec.c's word-analogy and \
            gensim's most_similar(positive=[A, C], negative=[B]); 3CosMul (--method cosmul) is Levy \
            and Goldberg's multiplicative objective, gensim's most_similar_cosmul.

            Examples:
              w2v analogy king man woman
              w2v analogy paris france germany --method cosmul --top 3
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "A (e.g. king).") var a: String
    @Argument(help: "B, subtracted (e.g. man).") var b: String
    @Argument(help: "C, added (e.g. woman).") var c: String

    @Option(help: "cosadd (3CosAdd) or cosmul (3CosMul).")
    var method: AnalogyMethodArgument = .cosadd

    @OptionGroup var ranking: RankingOptions

    func run() throws {
        let vectors = try modelOptions.loadVectors()
        // "b is to a as c is to ?" in the library's terms is a − b + c.
        let answers = try vectors.analogy(
            b, isTo: a, as: c, method: method.method, topN: ranking.top, restrictTo: ranking.restrict)
        print("\(a) − \(b) + \(c):\n")
        print(neighbourTable(answers, scoreTitle: method == .cosadd ? "Cosine similarity" : "3CosMul score"))
    }
}

/// The analogy objective, as a command-line value.
enum AnalogyMethodArgument: String, ExpressibleByArgument, CaseIterable {
    case cosadd, cosmul

    var method: AnalogyMethod { self == .cosadd ? .cosAdd : .cosMul }
}
