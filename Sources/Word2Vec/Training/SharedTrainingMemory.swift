// Everything the worker threads share: the weight matrices (raced on purpose) and read-only tables.

import NLPCore

/// The memory all training threads use at once, behind raw pointers.
///
/// `@unchecked Sendable` because the weight matrices (``input`` = `syn0`, ``outputNegative`` =
/// `syn1neg`, ``outputHierarchical`` = `syn1`) are read and written by every thread without any
/// lock or atomic: this is "Hogwild!" (Recht et al. 2011), the scheme of word2vec.c and gensim.
/// Two threads rarely touch the same row at the same time, and when they do, one sparse update
/// may be partly lost or mixed with another — a small extra noise in stochastic gradient descent
/// that does not hurt convergence, while locking would serialize training. Floats are written
/// whole, so no value is ever torn; only update order is unspecified. With one thread there is no
/// race and training is deterministic.
///
/// Every other buffer here (the id stream, sentence starts, Huffman paths, noise and
/// subsampling tables) is filled once in `init` and only read afterwards.
final class SharedTrainingMemory: @unchecked Sendable {
    /// Vocabulary size (rows of every matrix).
    let rows: Int
    /// The vector dimension.
    let dimension: Int
    /// Floats between row starts: `dimension` rounded up to 16 (one SIMD16 register); the padding
    /// stays zero because every update of a row is a combination of other rows' padding.
    let stride: Int
    /// `syn0`, `rows × stride`.
    let input: UnsafeMutablePointer<Float>
    /// `syn1neg`, `rows × stride`, when negative sampling is on.
    let outputNegative: UnsafeMutablePointer<Float>?
    /// `syn1`, `rows × stride`, when hierarchical softmax is on.
    let outputHierarchical: UnsafeMutablePointer<Float>?

    /// The corpus as ids (shared with the caller's array, not copied).
    let ids: [Int32]
    /// Sentence `s` is `ids[sentenceStarts[s] ..< sentenceStarts[s + 1]]`.
    let sentenceStarts: [Int]
    /// Per id: keep probability × 2³² (2³² = always keep).
    let keepThresholds: UnsafeMutableBufferPointer<UInt64>
    /// Alias-method tables of the noise distribution.
    let noiseThreshold: UnsafeMutableBufferPointer<UInt32>
    let noiseAlias: UnsafeMutableBufferPointer<Int32>
    let noiseFirstID: Int
    /// Huffman codes and paths, flat, with per-word offsets.
    let codeBits: UnsafeMutableBufferPointer<UInt8>
    let pathNodes: UnsafeMutableBufferPointer<Int32>
    let pathOffsets: UnsafeMutableBufferPointer<Int>

    init(
        rows: Int, dimension: Int, negativeSampling: Bool, hierarchicalSoftmax: Bool, ids: [Int32],
        sentenceStarts: [Int], keepProbabilities: [Double], noise: NoiseDistribution?, tree: HuffmanTree?
    ) {
        self.rows = rows
        self.dimension = dimension
        let stride = (dimension + 15) & ~15
        self.stride = stride
        func matrix() -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, rows * stride * 4), alignment: 64)
            return raw.initializeMemory(as: Float.self, repeating: 0, count: rows * stride)
        }
        input = matrix()
        outputNegative = negativeSampling ? matrix() : nil
        outputHierarchical = hierarchicalSoftmax ? matrix() : nil
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[..<array.count])
        }
        self.ids = ids
        self.sentenceStarts = sentenceStarts
        keepThresholds = copy(keepProbabilities.map { UInt64(($0 * 4_294_967_296.0).rounded(.down)) })
        noiseThreshold = copy(noise?.threshold ?? [])
        noiseAlias = copy(noise?.alias ?? [])
        noiseFirstID = noise?.firstID ?? 1
        codeBits = copy(tree?.codeBits ?? [])
        pathNodes = copy(tree?.pathNodes ?? [])
        pathOffsets = copy(tree?.offsets ?? [])
    }

    deinit {
        input.deallocate()
        outputNegative?.deallocate()
        outputHierarchical?.deallocate()
        pathNodes.baseAddress?.deallocate()
        noiseAlias.baseAddress?.deallocate()
        pathOffsets.baseAddress?.deallocate()
        keepThresholds.baseAddress?.deallocate()
        noiseThreshold.baseAddress?.deallocate()
        codeBits.baseAddress?.deallocate()
    }

    /// Fills `syn0` with uniform random values: word2vec.c's `[−0.5, 0.5) / dimension`, or gensim
    /// 4's `[−1, 1) / dimension` (twice the range).
    func randomizeInput(seed: UInt64, initialization: VectorInitialization = .word2vecC) {
        var generator = SplitMix64(seed: seed)
        let scale = (initialization == .gensim ? 2 : 1) / Float(dimension)
        for row in 0 ..< rows {
            let base = input + row * stride
            for k in 0 ..< dimension { base[k] = (generator.nextUnitFloat() - 0.5) * scale }
        }
    }

    /// Copies `values` (`rows × dimension`, row-major) into `matrix`.
    func load(_ values: [Float], into matrix: UnsafeMutablePointer<Float>) {
        precondition(values.count == rows * dimension, "\(values.count) values for \(rows) × \(dimension)")
        values.withUnsafeBufferPointer { source in
            for row in 0 ..< rows {
                (matrix + row * stride).update(from: source.baseAddress! + row * dimension, count: dimension)
            }
        }
    }

    /// The rows of `matrix` without padding (`rows × dimension`).
    func values(of matrix: UnsafeMutablePointer<Float>) -> [Float] {
        [Float](unsafeUninitializedCapacity: rows * dimension) { buffer, count in
            for row in 0 ..< rows {
                (buffer.baseAddress! + row * dimension).initialize(from: matrix + row * stride, count: dimension)
            }
            count = rows * dimension
        }
    }
}
