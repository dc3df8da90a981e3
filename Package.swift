// swift-tools-version: 6.0
// The package of a Swift NLP toolkit: word vectors and sequence models on one Float32 tensor core.
import Foundation
import PackageDescription

/// Builds for this machine's CPU (AVX-512 here), the way word2vec.c's makefile uses `-march=native`.
/// Set `NLP_PORTABLE=1` when building binaries for another machine: baseline x86-64 code is emitted.
let portable = ProcessInfo.processInfo.environment["NLP_PORTABLE"] == "1"
let nativeSwift: [SwiftSetting] = portable ? [] : [.unsafeFlags(["-target-cpu", "native"])]
let nativeC: [CSetting] = portable ? [] : [.unsafeFlags(["-march=native"])]
/// `-cross-module-optimization` was measured and dropped (no gain; Benchmarks/README.md, "Build
/// settings"): hot kernels are `@inlinable` instead.
let optimizedSwift: [SwiftSetting] = nativeSwift

let package = Package(
    name: "NLPToolkit",
    products: [
        .library(name: "NLPCore", targets: ["NLPCore"]),
        .library(name: "NLPText", targets: ["NLPText"]),
        .library(name: "NLPNeural", targets: ["NLPNeural"]),
        .library(name: "Word2Vec", targets: ["Word2Vec"]),
        .library(name: "Sentiment", targets: ["Sentiment"]),
        .library(name: "TextGeneration", targets: ["TextGeneration"]),
        .executable(name: "w2v", targets: ["w2v"]),
        .executable(name: "sentiment", targets: ["sentiment"]),
        .executable(name: "textgen", targets: ["textgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // MARK: Native libraries behind plain C APIs
        // OpenBLAS is loaded at run time (dlopen) after the CPU's core type has been chosen, so the
        // optimized kernels are used without the user setting OPENBLAS_CORETYPE.
        .target(
            name: "CNativeBLAS",
            cSettings: nativeC + [.unsafeFlags(["-O3"])],
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        // ICU stays inside this C target: Foundation bundles its own ICU headers, which clash with
        // the system's at compile time.
        .target(
            name: "CICU",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: Swift modules (dependencies point one way)
        // What the command-line tools share: standard-error diagnostics, formats, SIGINT set-up.
        .target(name: "CommandLineSupport", dependencies: ["NLPCore"], swiftSettings: optimizedSwift),
        .target(name: "NLPCore", dependencies: ["CNativeBLAS"], swiftSettings: optimizedSwift),
        .target(
            name: "NLPText", dependencies: ["NLPCore", "CICU", "CZlib"], swiftSettings: optimizedSwift),
        .target(name: "NLPNeural", dependencies: ["NLPCore"], swiftSettings: optimizedSwift),
        .target(name: "Word2Vec", dependencies: ["NLPCore", "NLPText"], swiftSettings: optimizedSwift),
        .executableTarget(
            name: "w2v",
            dependencies: [
                "NLPCore", "NLPText", "Word2Vec", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimizedSwift),

        // MARK: Applications
        .target(
            name: "Sentiment", dependencies: ["NLPCore", "NLPText", "NLPNeural", "Word2Vec"],
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "sentiment",
            dependencies: [
                "Sentiment", "NLPCore", "NLPText", "NLPNeural", "Word2Vec", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/SentimentCLI", swiftSettings: optimizedSwift),
        .target(
            name: "TextGeneration", dependencies: ["NLPCore", "NLPText", "NLPNeural"],
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "textgen",
            dependencies: [
                "TextGeneration", "NLPCore", "NLPText", "NLPNeural", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/TextGenerationCLI", swiftSettings: optimizedSwift),

        // MARK: Examples
        .executableTarget(
            name: "tensor-tour", dependencies: ["NLPCore"], path: "Examples/TensorTour",
            swiftSettings: optimizedSwift),

        .executableTarget(
            name: "text-pipeline", dependencies: ["NLPText"], path: "Examples/TextPipeline",
            swiftSettings: optimizedSwift),

        .executableTarget(
            name: "word2vec-tour", dependencies: ["NLPText", "Word2Vec"], path: "Examples/Word2VecTour",
            swiftSettings: optimizedSwift),

        .executableTarget(
            name: "keras-tour", dependencies: ["NLPText", "NLPNeural"], path: "Examples/KerasTour",
            swiftSettings: optimizedSwift),

        // MARK: Benchmarks (run in release builds through Benchmarks/*.sh)
        // What the benchmark executables share: argument reading, fatal errors, timing, table columns.
        .target(
            name: "BenchmarkSupport", dependencies: ["NLPCore"], path: "Benchmarks/BenchmarkSupport",
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "CoreBenchmark", dependencies: ["BenchmarkSupport", "NLPCore"], path: "Benchmarks/CoreBenchmark",
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "TextBenchmark", dependencies: ["BenchmarkSupport", "NLPText"], path: "Benchmarks/TextBenchmark",
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "QueryBenchmark", dependencies: ["BenchmarkSupport", "Word2Vec", "NLPCore"],
            path: "Benchmarks/QueryBenchmark",
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "Word2VecBenchmark", dependencies: ["BenchmarkSupport", "Word2Vec", "NLPText"],
            path: "Benchmarks/Word2VecBenchmark", swiftSettings: optimizedSwift),
        .executableTarget(
            name: "VectorFileBenchmark", dependencies: ["BenchmarkSupport", "Word2Vec", "NLPCore"],
            path: "Benchmarks/VectorFileBenchmark", swiftSettings: optimizedSwift),
        .executableTarget(
            name: "NeuralBenchmark", dependencies: ["BenchmarkSupport", "NLPNeural"],
            path: "Benchmarks/NeuralBenchmark",
            swiftSettings: optimizedSwift),
        .executableTarget(
            name: "SentimentBenchmark",
            dependencies: ["BenchmarkSupport", "Sentiment", "NLPCore", "NLPText", "NLPNeural", "Word2Vec"],
            path: "Benchmarks/SentimentBenchmark", swiftSettings: optimizedSwift),
        .executableTarget(
            name: "TextGenBenchmark",
            dependencies: ["BenchmarkSupport", "TextGeneration", "NLPCore", "NLPText", "NLPNeural"],
            path: "Benchmarks/TextGenBenchmark", swiftSettings: optimizedSwift),

        // MARK: Tests
        .target(name: "_TestSupport", dependencies: ["NLPCore"], path: "Tests/_TestSupport"),
        .testTarget(name: "NLPCoreTests", dependencies: ["NLPCore", "_TestSupport"]),
        .testTarget(
            name: "NLPTextTests", dependencies: ["NLPText", "_TestSupport"],
            // Keras fixtures are read from the source tree (#filePath); their generator is not built.
            exclude: ["Fixtures/keras"]),
        .testTarget(
            name: "NLPNeuralTests", dependencies: ["NLPNeural", "_TestSupport"],
            // Golden fixtures are read from the source tree (#filePath); their generator is not built.
            exclude: ["Goldens/generate_goldens.py", "Goldens/fixtures", "Fixtures"]),
        .testTarget(name: "Word2VecTests", dependencies: ["Word2Vec", "NLPText", "_TestSupport"]),
        .testTarget(name: "W2VTests", dependencies: ["_TestSupport"]),
        .testTarget(
            name: "SentimentTests",
            dependencies: ["Sentiment", "NLPCore", "NLPText", "NLPNeural", "Word2Vec", "_TestSupport"]),
        .testTarget(
            name: "TextGenerationTests",
            dependencies: ["TextGeneration", "NLPCore", "NLPText", "NLPNeural", "_TestSupport"]),
    ]
)
