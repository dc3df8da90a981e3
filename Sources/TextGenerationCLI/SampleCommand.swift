// `textgen sample`: generate text from a trained model, streamed to standard output.
import ArgumentParser
import Foundation
import TextGeneration

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate text from a model, continuing a prompt.",
        discussion: """
            Primes the model with --prompt, then draws --length characters (or words) one at a \
            time and prints them as they come: the prompt first, then the new text. Sampling \
            divides the logits by --temperature (0: always the most likely token), optionally \
            keeping only the --top-k most likely tokens or the smallest set whose probability \
            reaches --top-p. The same --seed gives the same text.

            Examples:
              textgen sample -m shakespeare.tgmodel --prompt "ROMEO." --temperature 0.8 --seed 1
              textgen sample -m shakespeare.tgmodel --top-p 0.9 --length 1000 --stop-at "\\n\\n"
            """)

    @Option(name: [.customShort("m"), .long], help: "The model file.")
    var model = "model.tgmodel"

    @Option(help: "The text to continue.")
    var prompt = ""

    @Option(help: "The most characters (or words) to generate.")
    var length = 500

    @Option(help: "Softmax temperature; 0 picks the most likely token (greedy).")
    var temperature: Float = 1

    @Option(help: "Sample among the k most likely tokens.")
    var topK: Int?

    @Option(help: "Sample among the most likely tokens holding this much probability (nucleus).")
    var topP: Float?

    @Option(help: "Seed of the sampler.")
    var seed: UInt64 = 0

    @Option(help: "Stop once the generated text ends with this string (\\n is a line end).")
    var stopAt: String?

    @Flag(help: "Print only the generated text, not the prompt.")
    var noPrompt = false

    func validate() throws {
        guard length >= 0 else { throw ValidationError("--length must not be negative") }
        guard temperature >= 0, temperature.isFinite else { throw ValidationError("--temperature must be ≥ 0") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1]") }
        if topK != nil && topP != nil { throw ValidationError("use --top-k or --top-p, not both") }
    }

    var strategy: SamplingStrategy {
        if temperature == 0 { return .greedy }
        if let topK { return .topK(topK, temperature: temperature) }
        if let topP { return .topP(topP, temperature: temperature) }
        return .temperature(temperature)
    }

    func run() throws {
        let languageModel = try LanguageModel.load(from: model)
        let stop = stopAt.map { $0.replacingOccurrences(of: "\\n", with: "\n") }
        let output = FileHandle.standardOutput
        if !noPrompt { output.write(Data(prompt.utf8)) }
        try languageModel.generate(prompt: prompt, length: length, strategy: strategy, seed: seed, stopAt: stop) {
            token in
            output.write(Data(token.utf8))
            return true
        }
        output.write(Data("\n".utf8))
    }
}
