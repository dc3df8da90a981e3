import Foundation

@testable import NLPText

/// Access to the committed `corpora/` folder and its README inventory, for the corpora tests.
enum Corpora {
    /// `corpora/` of this checkout, found from this source file's path (Tests/NLPTextTests/…).
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // NLPTextTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("corpora")

    /// The absolute path of `name` inside `corpora/`.
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The bytes of `corpora/name`, unpacked when the file is gzip-compressed.
    static func bytes(_ name: String) throws -> [UInt8] {
        try GzipFile(path: path(name)).readToEnd()
    }

    /// The text of `corpora/name` (UTF-8), unpacked when the file is gzip-compressed.
    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The lines of a text file without their terminators (a final newline adds no empty line).
    static func lines(_ name: String) throws -> [Substring] {
        var lines = try text(name).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The size on disk of `corpora/name`.
    static func fileSize(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(name))
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }

    /// One row of the README's inventory table: `| file | bytes | lines | content |`.
    struct InventoryRow: CustomStringConvertible {
        /// The file name inside `corpora/`.
        let file: String
        /// The size on disk the README states.
        let bytes: Int
        /// The line count the README states (of the unpacked text for `.gz`), or nil for binary files.
        let lines: Int?
        var description: String { "\(file) (\(bytes) bytes, \(lines.map(String.init) ?? "—") lines)" }
    }

    /// The rows of the first table in `corpora/README.md` whose first cell names a file.
    static func inventory() throws -> [InventoryRow] {
        let readme = try String(contentsOfFile: path("README.md"), encoding: .utf8)
        var rows: [InventoryRow] = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].contains("."), !cells[0].contains(" "),
                let bytes = Int(cells[1].replacingOccurrences(of: ",", with: ""))
            else { continue }
            let lineDigits = cells[2].prefix { $0.isNumber || $0 == "," }.replacingOccurrences(of: ",", with: "")
            rows.append(InventoryRow(file: cells[0], bytes: bytes, lines: Int(lineDigits)))
        }
        return rows
    }

    /// The data files present in `corpora/` (everything but the README and hidden files).
    static func dataFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0 != "README.md" && !$0.hasPrefix(".") }
            .sorted()
    }
}
