import Foundation
import Synchronization

/// The daemon's one source of time. Everything timed (expiry, retention, schedulers) reads it, so the
/// manual clock of `--manual-clock` moves all of them together.
public protocol DaemonClock: Sendable {
    func now() -> Date
}

public struct SystemClock: DaemonClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to (`debug.clock.advance`), for tests of week-long behaviour.
public final class ManualClock: DaemonClock {
    private let current: Mutex<Date>

    public init(start: Date = Date()) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    @discardableResult
    public func advance(by seconds: TimeInterval) -> Date {
        current.withLock { date in
            date = date.addingTimeInterval(seconds)
            return date
        }
    }
}
