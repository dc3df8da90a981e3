// The measured passes: whitespace tokenizing, ICU word breaking, vocabulary counting, id stream.
import BenchmarkSupport
import Foundation
import NLPText

/// One result row.
struct Measurement {
    var name: String
    /// What was timed, for the report.
    var api: String
    var bytes: Int
    var words: Int
    var timing: Timing
    var megabytesPerSecond: Double { Double(bytes) / timing.best / 1e6 }
    var wordsPerSecond: Double { Double(words) / timing.best }

    var json: [String: Any] {
        [
            "name": name, "api": api, "bytes": bytes, "words": words, "best_s": timing.best,
            "median_s": timing.median, "repeats": timing.repeats, "mb_per_s": megabytesPerSecond,
            "words_per_s": wordsPerSecond,
        ]
    }
}

/// Where results go so the optimizer cannot drop the work that produced them.
nonisolated(unsafe) var blackHole = 0

/// The whitespace tokenizer over the whole text already in memory (no I/O).
func tokenizeInMemory(_ text: [UInt8], repeats: Int) -> Measurement {
    var words = 0
    let tokenizer = WhitespaceTokenizer(marksSentenceEnds: true)
    let timing = measure(repeats: repeats) {
        var count = 0
        var length = 0
        text.withUnsafeBytes { raw in
            _ = tokenizer.forEachToken(in: raw) { token in
                if case .word(let word) = token {
                    count += 1
                    length &+= word.count
                }
            }
        }
        words = count
        blackHole &+= length
    }
    return Measurement(
        name: "whitespace_memory", api: "WhitespaceTokenizer.forEachToken over a [UInt8] in memory",
        bytes: text.count, words: words, timing: timing)
}

/// Reading the plain file through `Corpus` (chunks, UTF-8 check, line count) and tokenizing.
func tokenizeCorpus(_ path: String, bytes: Int, repeats: Int) throws -> Measurement {
    var words = 0
    let corpus = try Corpus(path: path)
    let timing = try measure(repeats: repeats) {
        var length = 0
        let statistics = try corpus.forEachToken(marksSentenceEnds: true) { token in
            if case .word(let word) = token { length &+= word.count }
        }
        words = statistics.words
        blackHole &+= length
    }
    return Measurement(
        name: "whitespace_corpus", api: "Corpus(path:).forEachToken (file in page cache)", bytes: bytes,
        words: words, timing: timing)
}

/// ICU word breaking, line by line, over the first `limit` bytes (lines are made into Strings
/// before timing).
func icuWordBreaking(_ text: [UInt8], limit: Int, repeats: Int) throws -> Measurement {
    var end = min(limit, text.count)
    while end < text.count && text[end - 1] != 0x0A { end += 1 }
    let lines = text[..<end].split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    let breaker = try ICUWordBreaker()
    var words = 0
    let timing = try measure(repeats: repeats) {
        var count = 0
        for line in lines { count += try breaker.words(in: line).count }
        words = count
    }
    return Measurement(
        name: "icu_words", api: "ICUWordBreaker.words(in:) per line (en_US)", bytes: end, words: words, timing: timing)
}

/// `UnicodeTokenizer` with its defaults (Keras-like lower-case and strip punctuation) over the first
/// `limit` bytes, in one call on the UTF-8 bytes; `asciiFastPath: false` sends every byte through ICU.
func unicodeTokenizing(_ text: [UInt8], limit: Int, repeats: Int, asciiFastPath: Bool) throws -> Measurement {
    var end = min(limit, text.count)
    while end < text.count && text[end - 1] != 0x0A { end += 1 }
    var tokenizer = try UnicodeTokenizer()
    tokenizer.usesASCIIFastPath = asciiFastPath
    var words = 0
    let timing = measure(repeats: repeats) {
        var count = 0
        var length = 0
        text.withUnsafeBufferPointer { buffer in
            tokenizer.forEachToken(inUTF8: UnsafeBufferPointer(rebasing: buffer[..<end])) { token in
                count += 1
                length &+= token.count
            }
        }
        words = count
        blackHole &+= length
    }
    return Measurement(
        name: asciiFastPath ? "unicode_default" : "unicode_icu_only",
        api: asciiFastPath
            ? "UnicodeTokenizer() lower+strip punctuation, ASCII fast path"
            : "UnicodeTokenizer() lower+strip punctuation, every byte through ICU",
        bytes: end, words: words, timing: timing)
}

/// Counting the vocabulary of a whole corpus file and building the vocabulary (min count 5).
func countVocabulary(_ path: String, name: String, bytes: Int, repeats: Int) throws -> (Measurement, Vocabulary) {
    var vocabulary: Vocabulary?
    var words = 0
    let corpus = try Corpus(path: path)
    let timing = try measure(repeats: repeats) {
        let counter = VocabularyCounter()
        let statistics = try counter.count(corpus)
        words = statistics.words
        vocabulary = counter.makeVocabulary(minCount: 5, specialTokens: [.sentenceEnd])
    }
    return (
        Measurement(
            name: name, api: "VocabularyCounter.count(Corpus) + makeVocabulary(minCount: 5)", bytes: bytes,
            words: words, timing: timing),
        vocabulary!
    )
}

/// Turning the whole corpus into the word id stream.
func encodeCorpus(_ path: String, vocabulary: Vocabulary, bytes: Int, repeats: Int) throws -> Measurement {
    var words = 0
    let corpus = try Corpus(path: path)
    let timing = try measure(repeats: repeats) {
        let stream = try vocabulary.encode(corpus)
        words = stream.ids.count + stream.droppedWords
        blackHole &+= stream.sentenceCount
    }
    return Measurement(
        name: "encode_ids", api: "Vocabulary.encode(Corpus) -> WordIDStream", bytes: bytes, words: words,
        timing: timing)
}
