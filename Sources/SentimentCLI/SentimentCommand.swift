// The `sentiment` command-line tool: train, evaluate and use text classifiers.
import ArgumentParser
import NLPCore

@main
struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Train sentiment (or any text) classifiers and use them.",
        discussion: """
            Trains a classifier on labelled text: a TSV or CSV file with a header (choose the \
            columns with --text-column and --label-column), or a folder holding one subfolder of \
            text files per class. Two labels make a binary classifier, more a multi-class one.

            A first session:
              sentiment train reviews.tsv --output sentiment.safetensors
              sentiment predict "a gorgeous, witty film" "a dull mess"
              sentiment evaluate test.tsv --model sentiment.safetensors
              sentiment cross-validate reviews.tsv --folds 10 --model gru --embeddings vectors.w2vmodel

            Results go to standard output, progress bars to standard error. Model files are \
            written to a temporary name and renamed.
            """,
        version: Toolkit.versionDescription,
        subcommands: [Train.self, Evaluate.self, Predict.self, CrossValidate.self])
}
