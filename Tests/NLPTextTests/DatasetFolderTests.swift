import Foundation
import Testing

@testable import NLPText

/// A fresh directory per test, removed at the end.
private final class TemporaryFolder {
    let path: String
    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("DatasetFolderTests-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ relativePath: String, _ text: String) throws {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }
    func makeFolder(_ relativePath: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + relativePath, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Labelled text from a folder per class")
struct DatasetFolderTests {
    /// aclImdb-like: pos/ and neg/ with text files, plus things to ignore.
    private static func makeImdb() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("pos/10_9.txt", "A joy.")
        try folder.write("pos/2_10.txt", "Loved it <br /> again.")
        try folder.write("pos/.hidden.txt", "ignored")
        try folder.write("pos/notes.md", "not a .txt file")
        try folder.write("neg/0_3.txt", "Dull.")
        try folder.write("unsup/5_0.txt", "no label")
        try folder.write("urls_pos.txt", "a file at the root")
        try folder.write(".git/config.txt", "hidden folder")
        return folder
    }

    @Test("Subfolders are classes, sorted; files are read in name order")
    func imdbLayout() throws {
        let folder = try Self.makeImdb()
        let dataset = try LabeledTextDataset(folderPerClass: folder.path)
        #expect(dataset.labelNames == ["neg", "pos", "unsup"])
        #expect(dataset.texts == ["Dull.", "A joy.", "Loved it <br /> again.", "no label"])
        #expect(dataset.labels == [0, 1, 1, 2])
    }

    @Test("Chosen classes, in the given order; any extension")
    func chosenClasses() throws {
        let folder = try Self.makeImdb()
        let dataset = try LabeledTextDataset(folderPerClass: folder.path, classes: ["pos", "neg"])
        #expect(dataset.labelNames == ["pos", "neg"])
        #expect(dataset.classCounts == [2, 1])
        let all = try LabeledTextDataset(folderPerClass: folder.path, fileExtension: nil, classes: ["pos"])
        #expect(all.texts == ["A joy.", "Loved it <br /> again.", "not a .txt file"])
    }

    @Test("Missing and empty folders are clear errors")
    func errors() throws {
        let folder = try Self.makeImdb()
        #expect(throws: DatasetError.missingFolder(path: folder.path + "/nothing")) {
            try LabeledTextDataset(folderPerClass: folder.path + "/nothing")
        }
        #expect(throws: DatasetError.missingFolder(path: folder.path + "/maybe")) {
            try LabeledTextDataset(folderPerClass: folder.path, classes: ["pos", "maybe"])
        }
        try folder.makeFolder("empty")
        try folder.write("empty/.DS_Store", "hidden only")
        #expect(throws: DatasetError.emptyFolder(path: folder.path + "/empty")) {
            try LabeledTextDataset(folderPerClass: folder.path)
        }
        let bare = try TemporaryFolder()
        try bare.write("readme.txt", "no class folders")
        #expect(throws: DatasetError.noExamples(path: bare.path, reason: "no class subfolders")) {
            try LabeledTextDataset(folderPerClass: bare.path)
        }
    }
}
