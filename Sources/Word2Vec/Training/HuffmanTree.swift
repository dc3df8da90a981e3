// The binary tree of hierarchical softmax: a Huffman code per word over the word counts.

/// Huffman codes and inner-node paths for hierarchical softmax (word2vec.c `CreateBinaryTree`).
///
/// Word `w`'s path runs from the root to its leaf: ``points(of:)`` are the inner nodes visited
/// (indices `0 ..< count − 1` into the output matrix `syn1`, the root being `count − 2`) and
/// ``codes(of:)`` the branch taken at each (0 or 1). Frequent words get short codes. Ties are
/// broken by id, so the tree is deterministic.
public struct HuffmanTree: Sendable, Equatable {
    /// All codes, word after word.
    public let codeBits: [UInt8]
    /// All paths, word after word (same layout as ``codeBits``).
    public let pathNodes: [Int32]
    /// Word `w`'s code is `codeBits[offsets[w] ..< offsets[w + 1]]`.
    public let offsets: [Int]

    /// The tree over `counts` (one per word, in id order).
    /// - Precondition: at least two counts, none negative.
    public init(counts: [Int]) {
        let n = counts.count
        precondition(n >= 2, "a Huffman tree needs at least 2 words, got \(n)")
        precondition(counts.allSatisfy { $0 >= 0 }, "counts must not be negative")
        // Leaves sorted by rising count (ties by id) and inner nodes created in rising weight
        // order: the classic two-queue construction.
        let leaves = (0 ..< n).sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
        var weight = [Int](repeating: 0, count: 2 * n - 1)  // nodes: leaves 0..<n, inner n..<2n-1
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var branch = [UInt8](repeating: 0, count: 2 * n - 1)
        for i in 0 ..< n { weight[i] = counts[i] }
        var leafNext = 0
        var innerNext = n
        func takeSmallest(_ innerEnd: Int) -> Int {
            if leafNext < n && (innerNext >= innerEnd || weight[leaves[leafNext]] <= weight[innerNext]) {
                defer { leafNext += 1 }
                return leaves[leafNext]
            }
            defer { innerNext += 1 }
            return innerNext
        }
        for inner in n ..< 2 * n - 1 {
            let first = takeSmallest(inner)
            let second = takeSmallest(inner)
            weight[inner] = weight[first] + weight[second]
            parent[first] = inner
            parent[second] = inner
            branch[second] = 1
        }
        var codeBits: [UInt8] = []
        var pathNodes: [Int32] = []
        var offsets = [0]
        offsets.reserveCapacity(n + 1)
        var code: [UInt8] = []
        var path: [Int32] = []
        for word in 0 ..< n {
            code.removeAll(keepingCapacity: true)
            path.removeAll(keepingCapacity: true)
            var node = word
            while parent[node] >= 0 {
                code.append(branch[node])
                path.append(Int32(parent[node] - n))
                node = parent[node]
            }
            codeBits.append(contentsOf: code.reversed())
            pathNodes.append(contentsOf: path.reversed())
            offsets.append(codeBits.count)
        }
        self.codeBits = codeBits
        self.pathNodes = pathNodes
        self.offsets = offsets
    }

    /// The number of words (leaves).
    public var count: Int { offsets.count - 1 }

    /// Word `word`'s code, root first.
    public func codes(of word: Int) -> ArraySlice<UInt8> { codeBits[offsets[word] ..< offsets[word + 1]] }

    /// The inner nodes on word `word`'s path, root first.
    public func points(of word: Int) -> ArraySlice<Int32> { pathNodes[offsets[word] ..< offsets[word + 1]] }
}
