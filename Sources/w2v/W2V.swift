// The `w2v` command-line tool: train and query word2vec embeddings.
import ArgumentParser
import NLPCore

@main
struct W2V: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w2v",
        abstract: "Train and query word2vec word vectors.",
        discussion: """
            Trains word vectors with word2vec's CBOW or skip-gram models (negative sampling \
            and/or hierarchical softmax, on all cores) and answers similarity and analogy \
            queries, with word2vec.c's option names and defaults.

            A first session:
              w2v train corpus.txt          # writes vectors.w2vmodel (CBOW, 100 dimensions)
              w2v similar sweden            # the nearest words, with cosine similarities
              w2v analogy king man woman    # king − man + woman → queen
              w2v evaluate --analogies questions-words.txt

            Query commands read vectors.w2vmodel unless --model (or $W2V_MODEL) names another \
            file; they also read word2vec.c .bin/.txt files and GloVe text. Results go to \
            standard output; progress and diagnostics to standard error. Files are written to a \
            temporary name and renamed, so an interrupted run never leaves a half-written file.
            """,
        version: Toolkit.versionDescription,
        subcommands: [
            Train.self, Similar.self, Analogy.self, Evaluate.self, Phrases.self, Vocab.self, Convert.self,
            Info.self,
        ])
}
