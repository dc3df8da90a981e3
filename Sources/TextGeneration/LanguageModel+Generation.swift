// TextGeneration: priming with a prompt and generating token by token with carried state.
import NLPCore
import NLPNeural

extension LanguageModel {
    /// Generates text after `prompt`, streaming each token as it is produced.
    ///
    /// The prompt is run through the network once (priming the recurrent state, char-rnn
    /// `-primetext`); then each new token is fed back one step at a time with the state carried,
    /// so a token costs one step of the network, not a pass over the text so far. An empty prompt
    /// starts from a line end when the vocabulary has one (else from token 0).
    ///
    /// ```swift
    /// let text = try model.generate(prompt: "ROMEO.", length: 200, strategy: .topP(0.9, temperature: 0.8),
    ///                               seed: 1, stopAt: "\n\n") { token in print(token, terminator: ""); return true }
    /// ```
    /// - Parameters:
    ///   - prompt: The text to continue (not included in the result).
    ///   - length: The most tokens to generate.
    ///   - strategy: How each token is drawn.
    ///   - seed: The sampler's seed: the same seed, prompt and model give the same text.
    ///   - stopAt: Generation stops once the generated text ends with this string (it is kept).
    ///   - onToken: Receives each token's text in order; returning `false` stops generation.
    /// - Returns: The generated text (what `onToken` received, concatenated).
    /// - Throws: `TextGenerationError.unknownToken` when a character model meets a prompt character
    ///   outside its vocabulary; `.invalidOption` for a bad strategy or a negative length.
    @discardableResult
    public func generate(
        prompt: String, length: Int, strategy: SamplingStrategy = .temperature(1), seed: UInt64 = 0,
        stopAt: String? = nil, onToken: (String) -> Bool = { _ in true }
    ) throws -> String {
        try strategy.validate()
        guard length >= 0 else {
            throw TextGenerationError.invalidOption(name: "length", value: "\(length)", reason: "must not be negative")
        }
        var primer = try tokenizer.encode(prompt)
        if primer.isEmpty {
            primer = [tokenizer.tokens.firstIndex(of: "\n") ?? 0]
        }
        var generator = SplitMix64(seed: seed)
        resetStates()
        defer { resetStates() }
        var logits = lastLogits(forward(makeInput(batch: 1, steps: primer.count) { _, t in primer[t] }))
        var text = ""
        var previous: Int? = prompt.isEmpty ? nil : primer.last
        for _ in 0 ..< length {
            let id = strategy.sample(logits: logits, using: &generator)
            let piece = tokenizer.text(of: id, after: previous)
            text += piece
            previous = id
            guard onToken(piece) else { break }
            if let stopAt, !stopAt.isEmpty, text.hasSuffix(stopAt) { break }
            logits = lastLogits(forward(makeInput(batch: 1, steps: 1) { _, _ in id }))
        }
        return text
    }

    /// The logits of the last step of a `[1, T, V]` output.
    private func lastLogits(_ output: Tensor) -> [Float] {
        let V = vocabularySize
        return output.withUnsafeBufferPointer { Array($0[($0.count - V)...]) }
    }

    /// The next-token logits after `prompt` (from zero state; the state is reset afterwards).
    /// - Throws: `TextGenerationError.unknownToken` for an unknown prompt character,
    ///   `.textTooShort` for an empty prompt.
    public func nextTokenLogits(after prompt: String) throws -> [Float] {
        let ids = try tokenizer.encode(prompt)
        guard !ids.isEmpty else { throw TextGenerationError.textTooShort(what: "the prompt", tokens: 0, needed: 1) }
        resetStates()
        defer { resetStates() }
        return lastLogits(forward(makeInput(batch: 1, steps: ids.count) { _, t in ids[t] }))
    }
}
