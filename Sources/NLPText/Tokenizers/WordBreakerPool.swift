// A pool of ICU word breakers, so that a value-type tokenizer can be shared across threads.
import Synchronization

/// Word breakers for one locale, lent out one caller at a time.
///
/// An `ICUWordBreaker` holds a stateful ICU iterator, so it must not be used by two threads at
/// once. The pool hands each caller its own breaker (opening another when all are lent out,
/// e.g. on another thread or when a token callback tokenizes again) and takes it back afterwards.
final class WordBreakerPool: Sendable {
    /// A breaker in the pool. `@unchecked Sendable`: the pool gives each breaker to one caller at
    /// a time, which is the only access ICU requires.
    private struct Entry: @unchecked Sendable { let breaker: ICUWordBreaker }

    let locale: String
    private let idle: Mutex<[Entry]>

    /// Opens a first breaker, so that an unusable locale or missing ICU data fails here.
    /// - Throws: ``ICUError/cannotOpenWordBreaker(locale:code:)``.
    init(locale: String) throws {
        self.locale = locale
        let first = Entry(breaker: try ICUWordBreaker(locale: locale))
        idle = Mutex([first])
    }

    /// Runs `body` with a breaker that no other caller uses meanwhile.
    func withBreaker<R>(_ body: (ICUWordBreaker) throws -> R) rethrows -> R {
        let lent = idle.withLock { $0.popLast() }
        let entry: Entry
        if let lent {
            entry = lent
        } else {
            do {
                entry = Entry(breaker: try ICUWordBreaker(locale: locale))
            } catch {
                preconditionFailure("\(error) (a breaker for this locale opened before)")
            }
        }
        defer { idle.withLock { $0.append(entry) } }
        return try body(entry.breaker)
    }
}
