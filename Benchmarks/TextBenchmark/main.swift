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
import BenchmarkSupport
import Foundation
import NLPText

struct Options {
    var plain: String?
    var gz: String?
    var icuBytes = 16_000_000
    var repeats = 3
    var jsonPath: String?
}

let tool = BenchmarkTool(name: "TextBenchmark")

func parseOptions() -> Options {
    var options = Options()
    var args = BenchmarkArguments(tool)
    while let flag = args.nextFlag() {
        switch flag {
        case "--plain": options.plain = args.value(flag)
        case "--gz": options.gz = args.value(flag)
        case "--icu-bytes": options.icuBytes = args.positiveInt(flag)
        case "--repeats": options.repeats = args.positiveInt(flag)
        case "--json": options.jsonPath = args.value(flag)
        case "-h", "--help":
            print("usage: TextBenchmark --plain PATH [--gz PATH] [--icu-bytes N] [--repeats N] [--json PATH|-]")
            exit(0)
        default: tool.fail("unknown option \(flag) (see --help)")
        }
    }
    return options
}

// MARK: - Run

let options = parseOptions()
guard let plainPath = options.plain else { tool.fail("--plain PATH is required (see --help)") }
let toStdout = options.jsonPath == "-"

var results: [Measurement] = []
var vocabularyInfo: [String: Any] = [:]
do {
    let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plainPath)))
    tool.log("whitespace tokenizer, in memory (\(text.count) bytes)")
    results.append(tokenizeInMemory(text, repeats: options.repeats))
    tool.log("whitespace tokenizer through Corpus")
    results.append(try tokenizeCorpus(plainPath, bytes: text.count, repeats: options.repeats))
    tool.log("ICU word breaking (first \(options.icuBytes) bytes)")
    results.append(try icuWordBreaking(text, limit: options.icuBytes, repeats: options.repeats))
    tool.log("UnicodeTokenizer, every byte through ICU (first \(options.icuBytes) bytes)")
    results.append(
        try unicodeTokenizing(text, limit: options.icuBytes, repeats: options.repeats, asciiFastPath: false))
    tool.log("UnicodeTokenizer, default (ASCII fast path)")
    results.append(
        try unicodeTokenizing(text, limit: options.icuBytes, repeats: options.repeats, asciiFastPath: true))
    tool.log("vocabulary counting, plain file")
    let (count, vocabulary) = try countVocabulary(
        plainPath, name: "vocab_plain", bytes: text.count, repeats: options.repeats)
    results.append(count)
    vocabularyInfo = [
        "size_min_count_5": vocabulary.count, "total_count": vocabulary.totalCount,
        "most_frequent": Array(vocabulary.words.prefix(6)),
    ]
    if let gz = options.gz {
        tool.log("vocabulary counting, gzip file")
        results.append(try countVocabulary(gz, name: "vocab_gz", bytes: text.count, repeats: options.repeats).0)
    }
    tool.log("id stream")
    results.append(try encodeCorpus(plainPath, vocabulary: vocabulary, bytes: text.count, repeats: options.repeats))
} catch {
    tool.fail("\(error)")
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
    try tool.writeJSON(json, to: path)
}
