// Generation: seeded determinism, the step path, streaming, stop conditions, bad prompts.
import Foundation
import NLPCore
import Testing
import TextGeneration

@Suite("Generation")
struct GenerationTests {
    @Test("the same seed gives the same text; another seed gives another", arguments: [RecurrentCell.lstm, .gru])
    func seededDeterminism(cell: RecurrentCell) throws {
        let model = try Fixtures.characterModel("abcdefgh ij\n", cell: cell, layers: 2)
        let first = try model.generate(prompt: "abc", length: 60, strategy: .temperature(1), seed: 7)
        let again = try model.generate(prompt: "abc", length: 60, strategy: .temperature(1), seed: 7)
        let other = try model.generate(prompt: "abc", length: 60, strategy: .temperature(1), seed: 8)
        #expect(first == again)
        #expect(first != other)
        #expect(first.unicodeScalars.count == 60)
    }

    @Test("greedy generation step by step equals re-running the whole text each step")
    func stepPathEqualsRerun() throws {
        let model = try Fixtures.characterModel("abcdefgh ij\n", layers: 2, units: 10, seed: 5)
        let prompt = "hi ja"
        let generated = try model.generate(prompt: prompt, length: 15, strategy: .greedy)
        var text = prompt
        for _ in 0 ..< 15 {
            let logits = try model.nextTokenLogits(after: text)
            text +=
                model.tokenizer.tokens[
                    logits.indices.max { logits[$0] < logits[$1] || (logits[$0] == logits[$1] && $0 > $1) }!]
        }
        #expect(prompt + generated == text)
    }

    @Test("tokens stream in order; returning false stops; the length is a limit")
    func streaming() throws {
        let model = try Fixtures.characterModel()
        var received: [String] = []
        let text = try model.generate(prompt: "ab", length: 25, seed: 3) { token in
            received.append(token)
            return true
        }
        #expect(received.count == 25)
        #expect(received.joined() == text)
        var count = 0
        let stopped = try model.generate(prompt: "ab", length: 25, seed: 3) { _ in
            count += 1
            return count < 5
        }
        #expect(stopped == received.prefix(5).joined())
        #expect(try model.generate(prompt: "ab", length: 0, seed: 3).isEmpty)
    }

    @Test("generation stops right after the stop string")
    func stopString() throws {
        let model = try Fixtures.characterModel("ab\n")
        for seed in UInt64(0) ..< 5 {
            let text = try model.generate(prompt: "a", length: 200, seed: seed, stopAt: "b")
            #expect(text.hasSuffix("b"))
            #expect(!text.dropLast().contains("b"))
        }
        let multi = try model.generate(prompt: "a", length: 400, seed: 1, stopAt: "ab\n")
        #expect(multi.hasSuffix("ab\n"))
        #expect(multi.components(separatedBy: "ab\n").count == 2)
    }

    @Test("a prompt character outside the vocabulary is an error naming it; an empty prompt works")
    func prompts() throws {
        let model = try Fixtures.characterModel()
        #expect(throws: TextGenerationError.unknownToken("Z", position: 1)) {
            try model.generate(prompt: "aZ", length: 5)
        }
        #expect(try model.generate(prompt: "", length: 5, seed: 1).unicodeScalars.count == 5)
        #expect(throws: TextGenerationError.self) {
            try model.generate(prompt: "a", length: 5, strategy: .temperature(0))
        }
    }

    @Test("word models generate vocabulary words joined with spaces; unknown prompt words are <unk>")
    func wordModel() throws {
        let text = "the king is dead .\nlong live the king .\n"
        let model = try LanguageModel(
            tokenizer: .word(WordTokenizer(fitting: text)),
            configuration: LanguageModelConfiguration(layers: 1, units: 8))
        let generated = try model.generate(prompt: "the queen", length: 12, seed: 2)
        let words = Set(WordTokenizer(fitting: text).words)
        let tokens = WordTokenizer(fitting: generated).words.dropFirst()
        #expect(tokens.allSatisfy { words.contains($0) }, "\(generated)")
    }
}
