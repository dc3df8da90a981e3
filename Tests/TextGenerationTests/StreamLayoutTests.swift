// char-rnn's batch layout: streams, chunks and their continuity.
import Testing
import TextGeneration

@Suite("Stream layout")
struct StreamLayoutTests {
    @Test("N = 21, B = 2, T = 3: streams of 10 inputs, 3 batches, rows continue across batches")
    func contractExample() {
        let layout = StreamLayout(tokenCount: 21, batchSize: 2, sequenceLength: 3)
        #expect(layout.streamLength == 10)
        #expect(layout.batchCount == 3)
        #expect((0 ..< 3).map { layout.index(batch: 0, row: 0, step: $0) } == [0, 1, 2])
        #expect((0 ..< 3).map { layout.index(batch: 0, row: 1, step: $0) } == [10, 11, 12])
        #expect(layout.index(batch: 1, row: 1, step: 0) == layout.index(batch: 0, row: 1, step: 2) + 1)
        // The last target of the last batch stays inside the stream: b·L + L.
        #expect(layout.index(batch: 2, row: 1, step: 2) + 1 <= 20)
    }

    @Test(
        "every target is the token after its input and inside the sequence",
        arguments: [(101, 4, 7), (1000, 16, 25), (64, 1, 63)])
    func targetsInRange(count: Int, batch: Int, steps: Int) {
        let layout = StreamLayout(tokenCount: count, batchSize: batch, sequenceLength: steps)
        #expect(layout.batchCount == ((count - 1) / batch) / steps)
        for k in 0 ..< layout.batchCount {
            for b in 0 ..< batch {
                #expect(layout.index(batch: k, row: b, step: steps - 1) + 1 < count)
            }
        }
    }

    @Test("a short text still gets one batch; fewer than 2 tokens get none")
    func fitting() {
        let layout = StreamLayout.fitting(tokenCount: 30, batchSize: 64, sequenceLength: 100)
        #expect(layout?.batchCount == 1)
        #expect(layout?.sequenceLength == 29)
        #expect(StreamLayout.fitting(tokenCount: 1, batchSize: 4, sequenceLength: 4) == nil)
    }
}
