// Analogy accuracy on a questions-words test set, batched into matrix products.

extension WordVectors {
    /// Answers every analogy question of `questions` and counts the correct answers, matching
    /// gensim's `evaluate_word_analogies(restrict_vocab=30000, case_insensitive=True)` question for
    /// question, and word2vec.c's `compute-accuracy` with its default threshold 30000.
    ///
    /// How words are matched, exactly:
    /// - Only the first `restrictTo` rows (the most frequent words in word2vec files) are known
    ///   and searched, as gensim's `restrict_vocab` and word2vec.c's threshold (which reads only
    ///   that many vectors).
    /// - With `caseInsensitive`, the question words and the known words are all upper-cased
    ///   (Swift's full Unicode `uppercased()`, like Python's `str.upper()`; word2vec.c upper-cases
    ///   ASCII bytes only), and an upper-cased word stands for its first row, i.e. its most
    ///   frequent case variant — both tools do the same.
    /// - A question with a word outside the known words is not seen: it is skipped, or counted
    ///   wrong when `unknownAsWrong` (gensim's `dummy4unknown`).
    /// - The answer to `a b c` is searched among the known rows, the rows of `a`, `b`, `c`
    ///   excluded, by ``AnalogyMethod/cosAdd`` (`b − a + c`, as both tools) or
    ///   ``AnalogyMethod/cosMul``. Like gensim, the best 5 rows are walked in order and the first
    ///   whose (folded) word is not one of `a`, `b`, `c` is the prediction, so another case
    ///   variant of a question word is passed over; word2vec.c would answer with it (and be wrong).
    /// - Semantic and syntactic totals split on section names starting with `gram`.
    ///
    /// The questions are answered in batches: one BLAS `sgemm` of a block of normalized query
    /// vectors against the searched rows, then a top-5 scan of each row of the product.
    ///
    /// - Parameters:
    ///   - questions: the test set, e.g. `AnalogyQuestions(contentsOf: "questions-words.txt")`.
    ///   - restrictTo: how many of the first rows are known and searched (default 30,000).
    ///   - caseInsensitive: match words case-insensitively (default `true`, like gensim).
    ///   - method: how answers are ranked (default ``AnalogyMethod/cosAdd``, what both tools use).
    ///   - unknownAsWrong: count questions with unknown words as wrong instead of skipping them.
    /// - Returns: counts per section, semantic, syntactic and total.
    public func evaluateAnalogies(
        _ questions: AnalogyQuestions, restrictTo: Int = 30_000, caseInsensitive: Bool = true,
        method: AnalogyMethod = .cosAdd, unknownAsWrong: Bool = false
    ) -> AnalogyEvaluation {
        let rows = searchedRowCount(restrictTo: restrictTo)
        let fold: (String) -> String = caseInsensitive ? { $0.uppercased() } : { $0 }
        let foldedWords = words[0 ..< rows].map(fold)
        var rowOfFolded = [String: Int](minimumCapacity: rows)
        for (row, key) in foldedWords.enumerated() where rowOfFolded[key] == nil { rowOfFolded[key] = row }

        var scores = questions.sections.map { AnalogyEvaluation.Score(name: $0.name, correct: 0, seen: 0, total: 0) }
        var pending: [PendingAnalogy] = []
        var unknown = 0
        for (sectionIndex, section) in questions.sections.enumerated() {
            scores[sectionIndex].total = section.questions.count
            for question in section.questions {
                let keys = [question.a, question.b, question.c, question.expected].map(fold)
                guard let a = rowOfFolded[keys[0]], let b = rowOfFolded[keys[1]], let c = rowOfFolded[keys[2]],
                    rowOfFolded[keys[3]] != nil
                else {
                    unknown += 1
                    if unknownAsWrong { scores[sectionIndex].seen += 1 }
                    continue
                }
                pending.append(PendingAnalogy(section: sectionIndex, a: a, b: b, c: c, keys: keys))
            }
        }

        let predictions = predictAnalogies(pending, rows: rows, method: method)
        for (question, predictedRows) in zip(pending, predictions) {
            // gensim: the first of the best 5 whose word is not a question word.
            var predicted: String?
            for row in predictedRows {
                predicted = foldedWords[row]
                if !question.keys[0 ..< 3].contains(foldedWords[row]) { break }
            }
            scores[question.section].seen += 1
            if predicted == question.keys[3] { scores[question.section].correct += 1 }
        }

        let semantic = scores.enumerated().filter { !questions.sections[$0.offset].isSyntactic }.map(\.element)
        let syntactic = scores.enumerated().filter { questions.sections[$0.offset].isSyntactic }.map(\.element)
        return AnalogyEvaluation(
            sections: scores, semantic: .init(name: "semantic", summing: semantic),
            syntactic: .init(name: "syntactic", summing: syntactic), total: .init(name: "total", summing: scores),
            unknownQuestions: unknown, searchedWords: rows, method: method, caseInsensitive: caseInsensitive)
    }

    /// The best 5 rows (excluding the question's own rows) for each question, in blocks of
    /// questions whose score matrix stays near 16 MB.
    private func predictAnalogies(_ questions: [PendingAnalogy], rows: Int, method: AnalogyMethod) -> [[Int]] {
        guard rows > 0 else { return questions.map { _ in [] } }
        let blockSize = max(1, min(questions.count, (4 << 20) / rows))
        let termCount = method == .cosAdd ? 1 : 3
        var queries = [Float](repeating: 0, count: termCount * blockSize * dimension)
        var products = [Float](repeating: 0, count: termCount * blockSize * rows)
        var predictions: [[Int]] = []
        predictions.reserveCapacity(questions.count)
        for blockStart in stride(from: 0, to: questions.count, by: blockSize) {
            let block = questions[blockStart ..< min(blockStart + blockSize, questions.count)]
            // Query vectors, term-major: cosAdd one per question; cosMul unit(b), unit(c), unit(a).
            for (offset, question) in block.enumerated() {
                let vectors =
                    method == .cosAdd
                    ? [unitMean(of: [(question.b, 1), (question.c, 1), (question.a, -1)])]
                    : [unitRow(question.b), unitRow(question.c), unitRow(question.a)]
                for (term, vector) in vectors.enumerated() {
                    let start = (term * blockSize + offset) * dimension
                    queries.replaceSubrange(start ..< start + dimension, with: vector)
                }
            }
            queries.withUnsafeBufferPointer { queries in
                products.withUnsafeMutableBufferPointer { products in
                    for term in 0 ..< termCount {
                        cosineScores(
                            unitQueries: UnsafeBufferPointer(rebasing: queries[(term * blockSize * dimension)...]),
                            queryCount: block.count, rows: rows,
                            into: UnsafeMutableBufferPointer(rebasing: products[(term * blockSize * rows)...]))
                    }
                    for (offset, question) in block.enumerated() {
                        let line = UnsafeMutableBufferPointer(
                            rebasing: products[(offset * rows) ..< (offset + 1) * rows])
                        if method == .cosMul {
                            let c = products.baseAddress! + (blockSize + offset) * rows
                            let a = products.baseAddress! + (2 * blockSize + offset) * rows
                            // Levy & Goldberg's 3CosMul with cosines shifted to [0, 1], as gensim.
                            for row in 0 ..< rows {
                                line[row] = ((1 + line[row]) / 2) * ((1 + c[row]) / 2) / ((1 + a[row]) / 2 + 1e-6)
                            }
                        }
                        let best = TopScores.best(
                            5, of: UnsafeBufferPointer(line), excluding: [question.a, question.b, question.c])
                        predictions.append(best.map(\.row))
                    }
                }
            }
        }
        return predictions
    }
}

/// A question whose four words are known: its section, the rows of `a`, `b`, `c`, and the four
/// folded words.
private struct PendingAnalogy {
    var section: Int
    var a: Int
    var b: Int
    var c: Int
    var keys: [String]
}
