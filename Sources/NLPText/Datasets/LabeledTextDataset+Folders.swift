// Loading labelled text from a folder per class (the aclImdb layout).
internal import Foundation

extension LabeledTextDataset {
    /// Loads `root/<class>/<file>`: each subfolder of `root` is a class, each file in it one
    /// example (aclImdb: `train/pos/*.txt`, `train/neg/*.txt`; Keras `text_dataset_from_directory`).
    ///
    /// Class names are the subfolder names, sorted, and files are read in sorted name order, so the
    /// example order does not depend on the file system. Hidden entries (names starting with `.`),
    /// files directly in `root` and folders nested inside class folders are ignored. Text is
    /// decoded as UTF-8 (invalid bytes become U+FFFD).
    /// - Parameters:
    ///   - root: the folder holding one subfolder per class.
    ///   - fileExtension: only files with this extension are read (`"txt"`, as Keras); `nil` reads all.
    ///   - classes: the subfolders to use, in id order (aclImdb's `train/` also holds `unsup/`);
    ///     `nil` uses every subfolder.
    /// - Throws: ``DatasetError/missingFolder(path:)`` for a missing root or class folder,
    ///   ``DatasetError/noExamples(path:reason:)`` when there is no class folder,
    ///   ``DatasetError/emptyFolder(path:)`` for a class folder without files, ``FileError`` when a
    ///   file cannot be read.
    public init(folderPerClass root: String, fileExtension: String? = "txt", classes: [String]? = nil) throws {
        let fileManager = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return fileManager.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }
        func visibleEntries(_ path: String) throws -> [String] {
            do {
                return try fileManager.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
            } catch {
                throw FileError.cannotOpen(path: path, reason: error.localizedDescription)
            }
        }
        guard isDirectory(root) else { throw DatasetError.missingFolder(path: root) }
        let classNames = try classes ?? visibleEntries(root).filter { isDirectory(root + "/" + $0) }
        guard !classNames.isEmpty else {
            throw DatasetError.noExamples(path: root, reason: "no class subfolders")
        }
        precondition(Set(classNames).count == classNames.count, "classes \(classNames) are not distinct")

        var examples: [LabeledExample] = []
        for (label, name) in classNames.enumerated() {
            let folder = root + "/" + name
            guard isDirectory(folder) else { throw DatasetError.missingFolder(path: folder) }
            let files = try visibleEntries(folder).filter { entry in
                guard !isDirectory(folder + "/" + entry) else { return false }
                guard let fileExtension else { return true }
                return entry.hasSuffix("." + fileExtension)
            }
            guard !files.isEmpty else { throw DatasetError.emptyFolder(path: folder) }
            for file in files {
                let path = folder + "/" + file
                guard let data = fileManager.contents(atPath: path) else {
                    throw FileError.cannotOpen(path: path, reason: "unreadable")
                }
                examples.append(LabeledExample(text: String(decoding: data, as: UTF8.self), label: label))
            }
        }
        self.init(examples: examples, labelNames: classNames)
    }
}
