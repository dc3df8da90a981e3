// A pool of ICU token streams, so that a value-type tokenizer can be shared across threads.
import Synchronization

/// Token streams for one locale, lent out one caller at a time.
///
/// An ``ICUTokenStream`` holds a stateful ICU iterator and buffers, so it must not be used by two
/// threads at once. The pool hands each caller its own stream (opening another when all are lent
/// out, e.g. on another thread or when a token callback tokenizes again) and takes it back
/// afterwards.
final class TokenStreamPool: Sendable {
    /// A stream in the pool. `@unchecked Sendable`: the pool gives each stream to one caller at a
    /// time, which is the only access ICU requires.
    private struct Entry: @unchecked Sendable { let stream: ICUTokenStream }

    let locale: String
    private let idle: Mutex<[Entry]>

    /// Opens a first stream, so that an unusable locale or missing ICU data fails here.
    /// - Throws: ``ICUError/cannotOpenWordBreaker(locale:code:)``.
    init(locale: String) throws {
        self.locale = locale
        let first = Entry(stream: try ICUTokenStream(locale: locale))
        idle = Mutex([first])
    }

    /// Runs `body` with a stream that no other caller uses meanwhile.
    func withStream<R>(_ body: (ICUTokenStream) throws -> R) rethrows -> R {
        let lent = idle.withLock { $0.popLast() }
        let entry: Entry
        if let lent {
            entry = lent
        } else {
            do {
                entry = Entry(stream: try ICUTokenStream(locale: locale))
            } catch {
                preconditionFailure("\(error) (a stream for this locale opened before)")
            }
        }
        defer { idle.withLock { $0.append(entry) } }
        return try body(entry.stream)
    }
}
