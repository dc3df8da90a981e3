// Runs the toolkit's built command-line tools in a child process, for CLI tests.
import Foundation

/// What a finished child process printed and how it exited.
public struct CommandResult: Sendable {
    /// The exit status (or the signal number when `terminatedBySignal`).
    public var status: Int32
    /// Whether the process died from a signal (a crash) rather than exiting.
    public var terminatedBySignal: Bool
    /// Everything written to standard output.
    public var standardOutput: String
    /// Everything written to standard error.
    public var standardError: String
}

/// The directory holding the built products (the test bundle sits next to the executables).
public var productsDirectory: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
}

/// Runs a built executable of this package with `arguments`, optional standard input and an
/// environment edit, optionally in another working directory, and waits for it (with a timeout,
/// after which it is killed).
public func runProduct(
    _ name: String, _ arguments: [String], input: String? = nil,
    environment: [String: String?] = [:], currentDirectory: URL? = nil, timeout: TimeInterval = 120
) throws -> CommandResult {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent(name)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes concurrently so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = stderr.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let deadline = Date().addingTimeInterval(timeout)
    let killer = Thread {
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
    }
    killer.start()
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    return CommandResult(
        status: process.terminationStatus,
        terminatedBySignal: process.terminationReason == .uncaughtSignal,
        standardOutput: String(decoding: outData, as: UTF8.self),
        standardError: String(decoding: errData, as: UTF8.self))
}
