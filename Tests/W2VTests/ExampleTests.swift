import Testing
import _TestSupport

/// Runs the built examples, so the README's snippets keep compiling and doing what they say.
@Suite("Examples")
struct ExampleTests {
    @Test("tensor-tour prints the README's shapes and agrees with the naive loop")
    func tensorTour() throws {
        let result = try runProduct("tensor-tour", [])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "[32, 100] [32]")
        #expect(lines.contains("rows sum to 1: true"))
        let differenceLine = lines.first { $0.hasPrefix("max |BLAS − naive loop|") } ?? ""
        let difference = Float(differenceLine.split(separator: " ").last ?? "") ?? .infinity
        #expect(difference < 1e-4, "\(differenceLine)")
    }
}
