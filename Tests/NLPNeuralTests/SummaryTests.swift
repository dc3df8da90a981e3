import NLPCore
import NLPNeural
import Testing

@Suite("summary")
struct SummaryTests {
    @Test("a Dense MLP in Keras's layout, with a frozen kernel counted as non-trainable")
    func denseMLP() throws {
        let model = Sequential(
            [
                Dense(units: 1000, activation: .relu), Dense(units: 16, activation: .relu),
                Dense(units: 1, activation: .sigmoid),
            ],
            inputShape: [300])
        try model.build(seed: 1)
        model.layers[1].parameters[0].isTrainable = false  // dense_1's kernel, 1000·16 = 16,000 scalars
        // Params: 300·1000 + 1000 = 301000; 1000·16 + 16 = 16016; 16 + 1 = 17; total 317,033.
        // Columns end at 29, 55 and 65 (Keras's positions 0.45, 0.85, 1.0 of 65); rows are space-padded.
        let expected = [
            "Model: \"sequential\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " dense (Dense)               (None, 1000)              301000    ",
            "                                                                 ",
            " dense_1 (Dense)             (None, 16)                16016     ",
            "                                                                 ",
            " dense_2 (Dense)             (None, 1)                 17        ",
            "                                                                 ",
            "=================================================================",
            "Total params: 317,033",
            "Trainable params: 301,033",
            "Non-trainable params: 16,000",
            "_________________________________________________________________",
        ]
        #expect(model.summary() == expected.joined(separator: "\n") + "\n")
    }

    @Test("long names wrap inside their column; sequence shapes print None for the batch and unknown axes")
    func wrapping() throws {
        let model = Sequential(
            [Dense(units: 1, name: "a_really_long_layer_name_that_wraps")], inputShape: [-1, 3], name: "tagger")
        let lines = model.summary().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Model: \"tagger\"")
        #expect(lines[4] == " a_really_long_layer_name_th  (None, None, 1)          4         ")
        #expect(lines[5] == " at_wraps (Dense)                                                ")
    }

    @Test("an unbuilt model without input shape shows ? and 0 (unused), as Keras")
    func unbuilt() {
        let model = Sequential([Dense(units: 2)])
        let lines = model.summary().split(separator: "\n").map(String.init)
        #expect(lines[4] == " dense (Dense)               ?                         0 (unused)")
        #expect(lines.contains("Total params: 0"))
    }
}
