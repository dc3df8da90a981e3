// TextGeneration: choosing the next token from the logits — greedy, temperature, top-k, top-p.
import Foundation
import NLPCore

/// How the next token is drawn from the model's logits `z`.
///
/// ```swift
/// greedy:            argmax z                                    (char-rnn -sample 0)
/// temperature(t):    p = softmax(z / t)                          (char-rnn -temperature)
/// topK(k, t):        p restricted to the k largest, renormalised
/// topP(p₀, t):       the fewest most likely tokens whose mass reaches p₀ (nucleus sampling [1])
/// ```
/// Ties in the ordering are broken by the lower id, so the support is deterministic.
///
/// [1]: Holtzman et al., 2020, "The Curious Case of Neural Text Degeneration".
public enum SamplingStrategy: Equatable, Sendable {
    /// Always the most likely token.
    case greedy
    /// Sampling from the softmax of `logits / temperature`.
    case temperature(Float)
    /// Sampling among the `k` most likely tokens.
    case topK(Int, temperature: Float)
    /// Sampling among the smallest set of most likely tokens whose probability reaches `p`.
    case topP(Float, temperature: Float)

    /// Checks the parameters.
    /// - Throws: `TextGenerationError.invalidOption` naming the bad value.
    public func validate() throws {
        func check(_ temperature: Float) throws {
            guard temperature > 0, temperature.isFinite else {
                throw TextGenerationError.invalidOption(
                    name: "temperature", value: "\(temperature)", reason: "must be positive (use greedy for 0)")
            }
        }
        switch self {
        case .greedy: return
        case .temperature(let t): try check(t)
        case .topK(let k, let t):
            guard k >= 1 else {
                throw TextGenerationError.invalidOption(name: "top-k", value: "\(k)", reason: "must be at least 1")
            }
            try check(t)
        case .topP(let p, let t):
            guard p > 0 && p <= 1 else {
                throw TextGenerationError.invalidOption(name: "top-p", value: "\(p)", reason: "must be in (0, 1]")
            }
            try check(t)
        }
    }

    /// The distribution this strategy samples from: probabilities over all `logits.count` tokens,
    /// zero outside the allowed support (greedy puts all mass on the argmax).
    public func distribution(logits: [Float]) -> [Double] {
        precondition(!logits.isEmpty, "no logits to sample from")
        var probabilities = [Double](repeating: 0, count: logits.count)
        switch self {
        case .greedy:
            probabilities[Self.argmax(logits)] = 1
            return probabilities
        case .temperature(let t):
            return Self.softmax(logits, temperature: t)
        case .topK(let k, let t):
            let order = Self.descendingOrder(logits)
            let kept = order.prefix(min(k, logits.count))
            let softmax = Self.softmax(logits, temperature: t)
            let mass = kept.reduce(0) { $0 + softmax[$1] }
            for i in kept { probabilities[i] = softmax[i] / mass }
            return probabilities
        case .topP(let p, let t):
            let softmax = Self.softmax(logits, temperature: t)
            let order = Self.descendingOrder(logits)
            var mass = 0.0
            var kept: [Int] = []
            for i in order {
                kept.append(i)
                mass += softmax[i]
                if mass >= Double(p) { break }
            }
            for i in kept { probabilities[i] = softmax[i] / mass }
            return probabilities
        }
    }

    /// Draws one token id from ``distribution(logits:)`` with `generator`.
    public func sample(logits: [Float], using generator: inout SplitMix64) -> Int {
        if case .greedy = self { return Self.argmax(logits) }
        let probabilities = distribution(logits: logits)
        let u = generator.nextUnitDouble()
        var cumulative = 0.0
        var last = 0
        for (i, p) in probabilities.enumerated() where p > 0 {
            cumulative += p
            last = i
            if u < cumulative { return i }
        }
        return last
    }

    /// The index of the largest logit (the lowest index among ties).
    static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for i in logits.indices where logits[i] > logits[best] { best = i }
        return best
    }

    /// Indices by decreasing logit, ties by increasing index.
    static func descendingOrder(_ logits: [Float]) -> [Int] {
        logits.indices.sorted { logits[$0] != logits[$1] ? logits[$0] > logits[$1] : $0 < $1 }
    }

    /// `softmax(logits / temperature)` in Double.
    static func softmax(_ logits: [Float], temperature: Float) -> [Double] {
        let t = Double(temperature)
        let maximum = Double(logits.max()!)
        let exps = logits.map { Foundation.exp((Double($0) - maximum) / t) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}
