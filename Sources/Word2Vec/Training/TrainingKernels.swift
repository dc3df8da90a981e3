// The SIMD arithmetic of training: dot products and row updates on padded rows of 16-float chunks.

import Foundation

/// One register of floats.
typealias Chunk = SIMD16<Float>

/// Row arithmetic on rows of `chunks` 16-float chunks (the padded stride of
/// ``SharedTrainingMemory``). Everything inlines into the training loops.
enum TrainingKernels {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ chunk: Int) -> Chunk {
        UnsafeRawPointer(p + chunk &* 16).loadUnaligned(as: Chunk.self)
    }

    @inline(__always)
    static func store(_ value: Chunk, _ p: UnsafeMutablePointer<Float>, _ chunk: Int) {
        UnsafeMutableRawPointer(p + chunk &* 16).storeBytes(of: value, as: Chunk.self)
    }

    /// `a · b`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, chunks: Int) -> Float {
        var s0 = Chunk()
        var s1 = Chunk()
        var c = 0
        while c &+ 1 < chunks {
            s0 = s0.addingProduct(load(a, c), load(b, c))
            s1 = s1.addingProduct(load(a, c &+ 1), load(b, c &+ 1))
            c &+= 2
        }
        if c < chunks { s0 = s0.addingProduct(load(a, c), load(b, c)) }
        return (s0 + s1).sum()
    }

    /// `a · b0 … a · b3`, reading `a` once.
    @inline(__always)
    static func dot4(
        _ a: UnsafePointer<Float>, _ b0: UnsafePointer<Float>, _ b1: UnsafePointer<Float>,
        _ b2: UnsafePointer<Float>, _ b3: UnsafePointer<Float>, chunks: Int
    ) -> SIMD4<Float> {
        var s0 = Chunk()
        var s1 = Chunk()
        var s2 = Chunk()
        var s3 = Chunk()
        for c in 0 ..< chunks {
            let x = load(a, c)
            s0 = s0.addingProduct(x, load(b0, c))
            s1 = s1.addingProduct(x, load(b1, c))
            s2 = s2.addingProduct(x, load(b2, c))
            s3 = s3.addingProduct(x, load(b3, c))
        }
        return SIMD4(s0.sum(), s1.sum(), s2.sum(), s3.sum())
    }

    /// `y += a · x`.
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, chunks: Int) {
        let scale = Chunk(repeating: a)
        for c in 0 ..< chunks { store(load(y, c).addingProduct(scale, load(x, c)), y, c) }
    }

    /// `y += a0·x0 + a1·x1 + a2·x2 + a3·x3`, reading and writing `y` once.
    @inline(__always)
    static func axpy4(
        _ a: SIMD4<Float>, _ x0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>, _ x2: UnsafePointer<Float>,
        _ x3: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, chunks: Int
    ) {
        let a0 = Chunk(repeating: a[0])
        let a1 = Chunk(repeating: a[1])
        let a2 = Chunk(repeating: a[2])
        let a3 = Chunk(repeating: a[3])
        for c in 0 ..< chunks {
            let sum = load(y, c).addingProduct(a0, load(x0, c)).addingProduct(a1, load(x1, c))
            store(sum.addingProduct(a2, load(x2, c)).addingProduct(a3, load(x3, c)), y, c)
        }
    }

    /// `y += x`.
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, chunks: Int) {
        for c in 0 ..< chunks { store(load(y, c) + load(x, c), y, c) }
    }

    /// `y = 0`.
    @inline(__always)
    static func zero(_ y: UnsafeMutablePointer<Float>, chunks: Int) {
        for c in 0 ..< chunks { store(Chunk(), y, c) }
    }

    /// `y *= a`.
    @inline(__always)
    static func scale(_ y: UnsafeMutablePointer<Float>, by a: Float, chunks: Int) {
        for c in 0 ..< chunks { store(load(y, c) * a, y, c) }
    }
}

/// word2vec.c's sigmoid table (1000 entries over `[−6, 6)`) and a finer table of the loss terms.
struct SigmoidTables: Sendable {
    /// word2vec.c's `MAX_EXP`.
    static let maxExp: Float = 6
    /// word2vec.c's `EXP_TABLE_SIZE`.
    static let size = 1000
    /// Entries of the loss table.
    static let lossSize = 8192

    /// `σ(x)` at `x = (i / size · 2 − 1) · maxExp`, as word2vec.c.
    let sigmoid: [Float]
    /// `softplus(x) = log(1 + eˣ)` at the centres of `lossSize` bins over `[−maxExp, maxExp)`.
    let softplus: [Float]

    init() {
        sigmoid = (0 ..< Self.size).map { i in
            let x = (Double(i) / Double(Self.size) * 2 - 1) * Double(Self.maxExp)
            return Float(1 / (1 + Foundation.exp(-x)))
        }
        softplus = (0 ..< Self.lossSize).map { i in
            let x = ((Double(i) + 0.5) / Double(Self.lossSize) * 2 - 1) * Double(Self.maxExp)
            return Float(Foundation.log1p(Foundation.exp(x)))
        }
    }

    /// `softplus(x)` from the table, or its asymptotes outside `[−maxExp, maxExp)` (error < 10⁻⁵).
    @inline(__always)
    static func softplus(_ x: Float, table: UnsafePointer<Float>) -> Float {
        if x >= maxExp { return x + Foundation.exp(-x) }
        if x < -maxExp { return Foundation.exp(x) }
        return table[Int((x + maxExp) * (Float(lossSize) / maxExp / 2))]
    }
}
