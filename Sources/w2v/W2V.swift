// The `w2v` command-line tool: train and query word2vec embeddings.
import ArgumentParser
import NLPCore

@main
struct W2V: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w2v",
        abstract: "Train and query word2vec embeddings.",
        discussion: """
            The toolkit's word-vector tool. `w2v info` prints the numeric backend in use and runs a \
            small matrix-product check.
            """,
        version: Toolkit.versionDescription,
        subcommands: [Info.self])
}
