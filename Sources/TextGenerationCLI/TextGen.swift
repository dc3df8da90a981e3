// The `textgen` command-line tool: train character/word language models and sample text.
import ArgumentParser
import NLPCore

@main
struct TextGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "textgen",
        abstract: "Train recurrent language models on text and generate text from a prompt.",
        discussion: """
            Trains char-rnn style language models (stacked LSTM or GRU, characters or words) with \
            stateful truncated backpropagation through time, and samples new text from them.

            A first session:
              textgen train shakespeare.txt -o shakespeare.tgmodel --epochs 5
              textgen sample -m shakespeare.tgmodel --prompt "ROMEO." --temperature 0.8 --seed 1
              textgen evaluate held-out.txt -m shakespeare.tgmodel

            Results go to standard output; progress and diagnostics to standard error. Model \
            files are written under a temporary name and renamed, so an interrupted run never \
            leaves a half-written model.
            """,
        version: Toolkit.versionDescription,
        subcommands: [Train.self, Sample.self, Evaluate.self])
}
