// TextBenchmark: whitespace tokenizing, ICU word breaking, vocabulary counting and id encoding.
//
// Run through `bash Benchmarks/text.sh CORPUS.gz` to compare with Python and gensim in the same
// run, or directly:
//
//     swift build -c release --product TextBenchmark
//     .build/release/TextBenchmark --plain corpus.txt [--gz corpus.txt.gz]
//
// Options:
//   --plain PATH        the decompressed corpus (byte-throughput tests read it; required)
//   --gz PATH           the gzip corpus: vocabulary counting is also timed on it (decompression included)
//   --icu-bytes N       bytes of the corpus given to ICU (default 16000000; ICU is slow)
//   --repeats N         timed passes per measurement, best kept (default 3)
//   --json PATH|-       also write the results as JSON (`-`: JSON to stdout, no table)
import Foundation
import NLPText

struct Options {
    var plain: String?
    var gz: String?
    var icuBytes = 16_000_000
    var repeats = 3
    var jsonPath: String?
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("TextBenchmark: \(message)\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let v = args.popFirst() else { fail("\(flag) needs a value") }
        return v
    }
    func positive(_ flag: String) -> Int {
        guard let n = Int(value(flag)), n > 0 else { fail("\(flag) needs a positive integer") }
        return n
    }
    while let flag = args.popFirst() {
        switch flag {
        case "--plain": options.plain = value(flag)
        case "--gz": options.gz = value(flag)
        case "--icu-bytes": options.icuBytes = positive(flag)
        case "--repeats": options.repeats = positive(flag)
        case "--json": options.jsonPath = value(flag)
        case "-h", "--help":
            print("usage: TextBenchmark --plain PATH [--gz PATH] [--icu-bytes N] [--repeats N] [--json PATH|-]")
            exit(0)
        default: fail("unknown option \(flag) (see --help)")
        }
    }
    return options
}

func log(_ message: String) { FileHandle.standardError.write(Data("TextBenchmark: \(message)\n".utf8)) }
func fmt(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
func padRight(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

// MARK: - Run

let options = parseOptions()
guard let plainPath = options.plain else { fail("--plain PATH is required (see --help)") }
let toStdout = options.jsonPath == "-"

var results: [Measurement] = []
var vocabularyInfo: [String: Any] = [:]
do {
    let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plainPath)))
    log("whitespace tokenizer, in memory (\(text.count) bytes)")
    results.append(tokenizeInMemory(text, repeats: options.repeats))
    log("whitespace tokenizer through Corpus")
    results.append(try tokenizeCorpus(plainPath, bytes: text.count, repeats: options.repeats))
    log("ICU word breaking (first \(options.icuBytes) bytes)")
    results.append(try icuWordBreaking(text, limit: options.icuBytes, repeats: options.repeats))
    log("UnicodeTokenizer, every byte through ICU (first \(options.icuBytes) bytes)")
    results.append(
        try unicodeTokenizing(text, limit: options.icuBytes, repeats: options.repeats, asciiFastPath: false))
    log("UnicodeTokenizer, default (ASCII fast path)")
    results.append(
        try unicodeTokenizing(text, limit: options.icuBytes, repeats: options.repeats, asciiFastPath: true))
    log("vocabulary counting, plain file")
    let (count, vocabulary) = try countVocabulary(
        plainPath, name: "vocab_plain", bytes: text.count, repeats: options.repeats)
    results.append(count)
    vocabularyInfo = [
        "size_min_count_5": vocabulary.count, "total_count": vocabulary.totalCount,
        "most_frequent": Array(vocabulary.words.prefix(6)),
    ]
    if let gz = options.gz {
        log("vocabulary counting, gzip file")
        results.append(try countVocabulary(gz, name: "vocab_gz", bytes: text.count, repeats: options.repeats).0)
    }
    log("id stream")
    results.append(try encodeCorpus(plainPath, vocabulary: vocabulary, bytes: text.count, repeats: options.repeats))
} catch {
    fail("\(error)")
}

if !toStdout {
    print("NLPText benchmark — best of \(options.repeats) passes; MB = 10^6 bytes of the decompressed corpus")
    print(
        padRight("measurement", 18) + pad("MB/s", 9) + pad("Mwords/s", 10) + pad("best s", 9) + pad("median s", 10)
            + "  api")
    for r in results {
        print(
            padRight(r.name, 18) + pad(fmt(r.megabytesPerSecond, 1), 9) + pad(fmt(r.wordsPerSecond / 1e6, 2), 10)
                + pad(fmt(r.timing.best, 3), 9) + pad(fmt(r.timing.median, 3), 10) + "  " + r.api)
    }
    print("vocabulary: \(vocabularyInfo)")
}

if let path = options.jsonPath {
    let json: [String: Any] = [
        "implementation": "NLPText", "plain": plainPath, "gz": options.gz ?? "", "repeats": options.repeats,
        "results": results.map(\.json), "vocabulary": vocabularyInfo,
    ]
    let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
    if toStdout {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    } else {
        do { try data.write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path): \(error)") }
    }
}
