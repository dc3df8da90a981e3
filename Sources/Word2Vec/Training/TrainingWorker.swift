// One training thread: subsampling, windows, and the CBOW and skip-gram updates on the shared rows.

import NLPCore

/// The work of one thread over its share of the sentences, one epoch per ``train(sentences:coordinator:)``.
///
/// CBOW is word2vec.c's update: the mean (or sum) of the context rows predicts the center word
/// through the hierarchical-softmax path and/or `1 + negative` samples; each output row is updated
/// at once and the accumulated error is added to every context row.
///
/// Skip-gram uses the minibatching of Ji et al. 2016 ("Parallelizing word2vec in shared and
/// distributed memory"): the `negative` noise words are drawn once per center word and shared by
/// all its context words, so a window becomes one small matrix product — the context rows (`M ×
/// d`) against the outputs (the center's Huffman path and/or the center plus its negatives, `N ×
/// d`) — computed and applied with register-blocked SIMD. Output rows are read from memory once per
/// window instead of once per context word. Hierarchical softmax is unchanged by this (the path is
/// the center's for every context word); with negative sampling each window draws `negative`
/// noise words instead of `negative × M`. Updates are applied after the window's gradients are computed.
/// With ``Word2VecOptions/sharedNegatives`` off, each context word is its own one-row batch with
/// its own negatives: word2vec.c's skip-gram exactly.
final class TrainingWorker {
    let memory: SharedTrainingMemory
    let chunks: Int
    let stride: Int
    let window: Int
    let shrinkWindow: Bool
    let negative: Int
    let cbow: Bool
    let cbowMean: Bool
    let shareNegatives: Bool
    var random: SplitMix64

    // Scratch memory, allocated once.
    let sentence: UnsafeMutablePointer<Int32>
    let contexts: UnsafeMutablePointer<Int32>
    let outputRows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    let labels: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    let errors: UnsafeMutablePointer<Float>
    let sigmoid: UnsafeMutablePointer<Float>
    let softplus: UnsafeMutablePointer<Float>
    let maxOutputs: Int
    /// The negatives of the next step (see ``prepareOutputs(center:)``).
    let nextNegatives: UnsafeMutablePointer<Int>
    var haveNextNegatives = false
    /// Receives the values read to warm the cache, so the reads are not optimized away.
    var sink: Float = 0

    init(memory: SharedTrainingMemory, options: Word2VecOptions, random: SplitMix64, tables: SigmoidTables) {
        self.memory = memory
        stride = memory.stride
        chunks = memory.stride / 16
        window = options.window
        shrinkWindow = options.shrinkWindow
        negative = options.negative
        cbow = options.architecture == .cbow
        cbowMean = options.cbowMean
        shareNegatives = options.sharedNegatives
        self.random = random
        var longestPath = 0
        if memory.pathOffsets.count > 1 {
            for w in 0 ..< memory.pathOffsets.count - 1 {
                longestPath = max(longestPath, memory.pathOffsets[w + 1] - memory.pathOffsets[w])
            }
        }
        maxOutputs = longestPath + (memory.outputNegative != nil ? 1 + negative : 0)
        let maxInputs = 2 * window
        sentence = .allocate(capacity: options.maxSentenceLength)
        nextNegatives = .allocate(capacity: max(1, options.negative))
        contexts = .allocate(capacity: maxInputs)
        outputRows = .allocate(capacity: maxOutputs)
        labels = .allocate(capacity: maxOutputs)
        gradients = .allocate(capacity: maxInputs * maxOutputs)
        hidden = .allocate(capacity: stride)
        errors = .allocate(capacity: maxInputs * stride)
        sigmoid = .allocate(capacity: SigmoidTables.size)
        sigmoid.initialize(from: tables.sigmoid, count: SigmoidTables.size)
        softplus = .allocate(capacity: SigmoidTables.lossSize)
        softplus.initialize(from: tables.softplus, count: SigmoidTables.lossSize)
    }

    deinit {
        sentence.deallocate()
        nextNegatives.deallocate()
        contexts.deallocate()
        outputRows.deallocate()
        labels.deallocate()
        gradients.deallocate()
        hidden.deallocate()
        errors.deallocate()
        sigmoid.deallocate()
        softplus.deallocate()
    }

    /// Words between two looks at the shared word counter (word2vec.c: 10,000).
    static let checkpointWords = 10_000

    /// Trains one epoch over `sentences`. Returns `false` when cancelled.
    func train(sentences: Range<Int>, epoch: Int, thread: Int, coordinator: TrainingCoordinator) -> Bool {
        memory.ids.withUnsafeBufferPointer { ids in
            memory.sentenceStarts.withUnsafeBufferPointer { starts in
                train(
                    sentences: sentences, ids: ids.baseAddress!, starts: starts.baseAddress!, epoch: epoch,
                    thread: thread, coordinator: coordinator)
            }
        }
    }

    private func train(
        sentences: Range<Int>, ids: UnsafePointer<Int32>, starts: UnsafePointer<Int>, epoch: Int, thread: Int,
        coordinator: TrainingCoordinator
    ) -> Bool {
        let keep = memory.keepThresholds.baseAddress!
        var pendingWords = 0
        var epochWords = 0
        var alpha = Float(
            coordinator.report(words: 0, epochWords: 0, loss: 0, trained: 0, thread: thread, epoch: epoch))
        var loss = 0.0
        var trained = 0
        for s in sentences {
            let start = starts[s]
            let end = starts[s + 1]
            var length = 0
            for k in start ..< end {
                let id = ids[k]
                if keep[Int(id)] > random.next() >> 32 {
                    sentence[length] = id
                    length &+= 1
                }
            }
            pendingWords &+= end - start
            epochWords &+= end - start
            for position in 0 ..< length {
                let reach = shrinkWindow ? window - Int(random.next() % UInt64(window)) : window
                var m = 0
                for p in max(0, position - reach) ... min(length - 1, position + reach) where p != position {
                    contexts[m] = sentence[p]
                    m &+= 1
                }
                if m == 0 { continue }
                let center = Int(sentence[position])
                if cbow {
                    loss += cbowStep(inputs: m, outputs: prepareOutputs(center: center), alpha: alpha)
                } else if shareNegatives {
                    loss += skipGramStep(contexts, inputs: m, outputs: prepareOutputs(center: center), alpha: alpha)
                } else {
                    // word2vec.c's order: each context word with its own negatives.
                    for i in 0 ..< m {
                        loss += skipGramStep(
                            contexts + i, inputs: 1, outputs: prepareOutputs(center: center), alpha: alpha)
                    }
                }
                trained &+= 1
            }
            if pendingWords >= Self.checkpointWords {
                alpha = Float(
                    coordinator.report(
                        words: pendingWords, epochWords: epochWords, loss: loss, trained: trained, thread: thread,
                        epoch: epoch))
                pendingWords = 0
                loss = 0
                trained = 0
                if coordinator.isCancelled { return false }
            }
        }
        _ = coordinator.report(
            words: pendingWords, epochWords: epochWords, loss: loss, trained: trained, thread: thread, epoch: epoch)
        return !coordinator.isCancelled
    }

    /// Fills ``outputRows`` and ``labels`` for predicting `center`: its Huffman path, then itself
    /// and `negative` noise words (noise words equal to `center` are skipped, as word2vec.c does).
    @inline(__always)
    private func prepareOutputs(center: Int) -> Int {
        var n = 0
        if let syn1 = memory.outputHierarchical {
            let codes = memory.codeBits.baseAddress!
            let points = memory.pathNodes.baseAddress!
            for k in memory.pathOffsets[center] ..< memory.pathOffsets[center + 1] {
                outputRows[n] = syn1 + Int(points[k]) &* stride
                labels[n] = 1 - Float(codes[k])
                n &+= 1
            }
        }
        if let syn1neg = memory.outputNegative {
            outputRows[n] = syn1neg + center &* stride
            labels[n] = 1
            n &+= 1
            let threshold = memory.noiseThreshold.baseAddress!
            let alias = memory.noiseAlias.baseAddress!
            let slots = memory.noiseThreshold.count
            let first = memory.noiseFirstID
            // The negatives are drawn one step ahead, and their rows touched now, so that their
            // cache misses overlap this step's work instead of stalling the next one.
            if !haveNextNegatives {
                for k in 0 ..< negative {
                    nextNegatives[k] = NoiseDistribution.draw(
                        random.next(), threshold: threshold, alias: alias, slots: slots, firstID: first)
                }
            }
            for k in 0 ..< negative {
                let target = nextNegatives[k]
                if target == center { continue }
                outputRows[n] = syn1neg + target &* stride
                labels[n] = 0
                n &+= 1
            }
            var touched: Float = 0
            for k in 0 ..< negative {
                let target = NoiseDistribution.draw(
                    random.next(), threshold: threshold, alias: alias, slots: slots, firstID: first)
                nextNegatives[k] = target
                let row = syn1neg + target &* stride
                var offset = 0
                while offset < stride {
                    touched += row[offset]
                    offset &+= 16
                }
            }
            haveNextNegatives = true
            sink = touched
        }
        return n
    }

    /// The gradient scale `(label − σ(f)) · alpha` (word2vec.c's saturation outside ±6) and the
    /// loss term `−log σ(±f)`.
    @inline(__always)
    private func gradient(_ f: Float, label: Float, alpha: Float) -> (Float, Float) {
        let max = SigmoidTables.maxExp
        let loss = SigmoidTables.softplus(label > 0.5 ? -f : f, table: softplus)
        if f >= max { return ((label - 1) * alpha, loss) }
        if f <= -max { return (label * alpha, loss) }
        let s = sigmoid[Int((f + max) * (Float(SigmoidTables.size) / max / 2))]
        return ((label - s) * alpha, loss)
    }

    /// One CBOW update; returns the loss.
    @inline(__always)
    private func cbowStep(inputs m: Int, outputs n: Int, alpha: Float) -> Double {
        let syn0 = memory.input
        let chunks = chunks
        TrainingKernels.zero(hidden, chunks: chunks)
        TrainingKernels.zero(errors, chunks: chunks)
        for i in 0 ..< m { TrainingKernels.add(syn0 + Int(contexts[i]) &* stride, hidden, chunks: chunks) }
        if cbowMean && m > 1 { TrainingKernels.scale(hidden, by: 1 / Float(m), chunks: chunks) }
        var loss: Float = 0
        for j in 0 ..< n {
            let row = outputRows[j]
            let f = TrainingKernels.dot(hidden, row, chunks: chunks)
            let (g, l) = gradient(f, label: labels[j], alpha: alpha)
            loss += l
            TrainingKernels.axpy(g, row, errors, chunks: chunks)
            TrainingKernels.axpy(g, hidden, row, chunks: chunks)
        }
        for i in 0 ..< m { TrainingKernels.add(errors, syn0 + Int(contexts[i]) &* stride, chunks: chunks) }
        return Double(loss)
    }

    /// One skip-gram window as a small matrix product; returns the loss.
    @inline(__always)
    private func skipGramStep(
        _ contexts: UnsafeMutablePointer<Int32>, inputs m: Int, outputs n: Int, alpha: Float
    ) -> Double {
        let syn0 = memory.input
        let chunks = chunks
        var loss: Float = 0
        // Scores and gradients, M × N, four outputs per pass over an input row.
        for i in 0 ..< m {
            let row = syn0 + Int(contexts[i]) &* stride
            let g = gradients + i &* n
            var j = 0
            while j &+ 4 <= n {
                let f = TrainingKernels.dot4(
                    row, outputRows[j], outputRows[j &+ 1], outputRows[j &+ 2], outputRows[j &+ 3], chunks: chunks)
                for k in 0 ..< 4 {
                    let (gk, l) = gradient(f[k], label: labels[j &+ k], alpha: alpha)
                    g[j &+ k] = gk
                    loss += l
                }
                j &+= 4
            }
            while j < n {
                let (gj, l) = gradient(
                    TrainingKernels.dot(row, outputRows[j], chunks: chunks), label: labels[j], alpha: alpha)
                g[j] = gj
                loss += l
                j &+= 1
            }
        }
        // Input errors with the old outputs: errors_i = Σ_j g_ij · out_j, four outputs at a time.
        for i in 0 ..< m {
            let g = gradients + i &* n
            let e = errors + i &* stride
            TrainingKernels.zero(e, chunks: chunks)
            var j = 0
            while j &+ 4 <= n {
                TrainingKernels.axpy4(
                    SIMD4(g[j], g[j &+ 1], g[j &+ 2], g[j &+ 3]), outputRows[j], outputRows[j &+ 1],
                    outputRows[j &+ 2], outputRows[j &+ 3], e, chunks: chunks)
                j &+= 4
            }
            while j < n {
                TrainingKernels.axpy(g[j], outputRows[j], e, chunks: chunks)
                j &+= 1
            }
        }
        // Output updates with the old inputs: out_j += Σ_i g_ij · in_i, four inputs at a time.
        for j in 0 ..< n {
            let out = outputRows[j]
            var i = 0
            while i &+ 4 <= m {
                TrainingKernels.axpy4(
                    SIMD4(
                        gradients[i &* n &+ j], gradients[(i &+ 1) &* n &+ j], gradients[(i &+ 2) &* n &+ j],
                        gradients[(i &+ 3) &* n &+ j]),
                    syn0 + Int(contexts[i]) &* stride, syn0 + Int(contexts[i &+ 1]) &* stride,
                    syn0 + Int(contexts[i &+ 2]) &* stride, syn0 + Int(contexts[i &+ 3]) &* stride, out, chunks: chunks)
                i &+= 4
            }
            while i < m {
                TrainingKernels.axpy(gradients[i &* n &+ j], syn0 + Int(contexts[i]) &* stride, out, chunks: chunks)
                i &+= 1
            }
        }
        for i in 0 ..< m {
            TrainingKernels.add(errors + i &* stride, syn0 + Int(contexts[i]) &* stride, chunks: chunks)
        }
        return Double(loss)
    }
}
