// Version and build facts shown by the command-line tools.

/// Facts about this build of the toolkit.
public enum Toolkit {
    /// The toolkit's version.
    public static let version = "0.1.0"

    /// `"<version>, <BLAS summary>"`, for `--version` and diagnostics.
    public static var versionDescription: String { "NLPToolkit \(version); \(BLAS.summary)" }
}
