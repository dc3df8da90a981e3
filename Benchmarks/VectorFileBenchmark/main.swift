// Vector-file load times (release build) and the files for the gensim cross-check.
//
//   VectorFileBenchmark timing [words] [dimension] [directory]   load times, best of 5
//   VectorFileBenchmark query <model> <word>                     load + one full similarity pass
//   VectorFileBenchmark peer-write <directory>                   ours.bin/.txt + originals for gensim
//   VectorFileBenchmark peer-read <directory>                    compare gensim's files with originals
//   VectorFileBenchmark load-time <file> <n>                     best of n loads, in ms
//   VectorFileBenchmark load <file> <n>                          n loads (for profilers)
import BenchmarkSupport
import Foundation
import NLPCore
import Word2Vec

/// Seeded random vectors: `count` words of 3–12 letters plus the row number, Gaussian values.
func makeVectors(count: Int, dimension: Int, seed: UInt64) throws -> WordVectors {
    var random = SplitMix64(seed: seed)
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    var words = [String]()
    words.reserveCapacity(count)
    for row in 0 ..< count {
        let length = 3 + random.nextInt(below: 10)
        words.append(String((0 ..< length).map { _ in letters[random.nextInt(below: 26)] }) + "\(row)")
    }
    // A few words that test decoding on the other side.
    for (row, word) in ["köln", "東京", "naïve", "émigré"].enumerated() where row < count { words[row] = word }
    var values = [Float](repeating: 0, count: count * dimension)
    for index in values.indices { values[index] = Float(random.nextGaussian()) }
    return try WordVectors(words: words, values: values, dimension: dimension)
}

/// The best wall time of `repeats` runs of `body`, in milliseconds.
func bestMilliseconds(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try bestTime(repeats, body) * 1000
}

/// Cosine of `row` against every row through the stored norms, then the 10 best — the work of
/// `w2v similar` (a plain loop here, not the query module's code).
func topTen(_ vectors: WordVectors, row: Int) -> [(String, Float)] {
    let dimension = vectors.dimension
    let query = vectors.storage.row(row).baseAddress!
    var scores = [Float](repeating: 0, count: vectors.count)
    for other in 0 ..< vectors.count {
        let dot = VectorKernels.dot(query, vectors.storage.base + other * dimension, count: dimension)
        scores[other] = dot / max(vectors.norms[row] * vectors.norms[other], 1e-12)
    }
    scores[row] = -.infinity
    var best: [Int] = []  // the 10 best rows so far, best first
    for other in scores.indices where best.count < 10 || scores[other] > scores[best[best.count - 1]] {
        let place = best.firstIndex { scores[other] > scores[$0] } ?? best.count
        best.insert(other, at: place)
        if best.count > 10 { best.removeLast() }
    }
    return best.map { (vectors.words[$0], scores[$0]) }
}

func timing(count: Int, dimension: Int, directory: String) throws {
    let vectors = try makeVectors(count: count, dimension: dimension, seed: 42)
    let native = directory + "/timing.w2vmodel"
    let binary = directory + "/timing.bin"
    let text = directory + "/timing.txt"
    print("\(count) words × \(dimension): writing files")
    let writeNative = try bestMilliseconds(1) { try vectors.save(to: native) }
    let writeBinary = try bestMilliseconds(1) { try vectors.save(to: binary) }
    let writeText = try bestMilliseconds(1) { try vectors.save(to: text) }
    print(String(format: "write  native %8.1f ms   bin %8.1f ms   txt %8.1f ms", writeNative, writeBinary, writeText))
    var sink = 0
    let loadNative = try bestMilliseconds(5) { sink &+= try NativeModelFile.loadVectors(from: native).count }
    let loadNativeLookup = try bestMilliseconds(5) {
        let loaded = try WordVectors.load(from: native)
        sink &+= loaded.index(of: vectors.words[count / 2]) ?? 0
    }
    let loadNativeQuery = try bestMilliseconds(5) {
        let loaded = try WordVectors.load(from: native)
        sink &+= topTen(loaded, row: loaded.index(of: vectors.words[count / 2])!).count
    }
    let scan = try bestMilliseconds(5) {
        let loaded = try WordVectors.load(from: native)
        sink &+= Int(loaded.storage.buffer.reduce(0, +))
    }
    print(String(format: "load   native + sum of all values %.1f ms", scan))
    let loadBinary = try bestMilliseconds(5) { sink &+= try WordVectors.load(from: binary).count }
    let loadText = try bestMilliseconds(2) { sink &+= try WordVectors.load(from: text).count }
    print(
        String(
            format: "load   native %8.1f ms (+lookup %.1f ms, +top-10 pass %.1f ms)", loadNative, loadNativeLookup,
            loadNativeQuery))
    print(String(format: "load   bin    %8.1f ms   txt %8.1f ms   (sink %d)", loadBinary, loadText, sink))
}

func query(path: String, word: String) throws {
    let vectors = try WordVectors.load(from: path)
    guard let row = vectors.index(of: word) else { throw WordVectorsError.unknownWord(word, suggestions: []) }
    for (other, score) in topTen(vectors, row: row) { print(other, String(format: "%.4f", score)) }
}

func peerWrite(directory: String) throws {
    let vectors = try makeVectors(count: 2000, dimension: 25, seed: 7)
    try vectors.save(to: directory + "/ours.bin")
    try vectors.save(to: directory + "/ours.txt")
    try vectors.words.joined(separator: "\n").appending("\n").write(
        toFile: directory + "/original.words", atomically: true, encoding: .utf8)
    try Data(buffer: vectors.storage.buffer).write(to: URL(fileURLWithPath: directory + "/original.f32"))
    print("wrote ours.bin, ours.txt, original.words, original.f32 (\(vectors.count) × \(vectors.dimension))")
}

func peerRead(directory: String) throws {
    let words = try String(contentsOfFile: directory + "/original.words", encoding: .utf8)
        .split(separator: "\n").map(String.init)
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/original.f32"))
    let values = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    let dimension = values.count / words.count
    for name in ["gensim.bin", "gensim.txt", "gensim-noheader.txt"] {
        let (loaded, report) = try WordVectors.loadWithReport(from: directory + "/" + name)
        var maxDifference: Float = 0
        var missing = 0
        for (row, word) in words.enumerated() {
            guard let other = loaded.index(of: word) else {
                missing += 1
                continue
            }
            for k in 0 ..< dimension {
                maxDifference = max(maxDifference, abs(loaded.storage.row(other)[k] - values[row * dimension + k]))
            }
        }
        print(
            "\(name): format \(report.format), \(loaded.count) words, \(missing) missing, max |difference| \(maxDifference)"
        )
    }
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "timing":
        let count = arguments.count > 2 ? Int(arguments[2])! : 100_000
        let dimension = arguments.count > 3 ? Int(arguments[3])! : 300
        let directory = arguments.count > 4 ? arguments[4] : NSTemporaryDirectory()
        try timing(count: count, dimension: dimension, directory: directory)
    case "query": try query(path: arguments[2], word: arguments[3])
    case "load-time":
        // Best of N loads in milliseconds (for the gensim comparison script).
        var sink = 0
        let best = try bestMilliseconds(Int(arguments[3])!) { sink &+= try WordVectors.load(from: arguments[2]).count }
        print(String(format: "%.2f", best))
        if sink < 0 { print(sink) }
    case "load":
        // Loads a file N times (for profilers).
        var sink = 0
        for _ in 0 ..< Int(arguments[3])! { sink &+= try WordVectors.load(from: arguments[2]).count }
        print(sink)
    case "peer-write": try peerWrite(directory: arguments[2])
    case "peer-read": try peerRead(directory: arguments[2])
    default:
        FileHandle.standardError.write(Data("usage: VectorFileBenchmark timing|query|peer-write|peer-read …\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
