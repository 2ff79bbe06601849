import Foundation
import NIOConcurrencyHelpers

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
    private let current: NIOLockedValueBox<Date>

    public init(start: Date = Date()) { current = NIOLockedValueBox(start) }

    public func now() -> Date { current.withLockedValue { $0 } }

    @discardableResult
    public func advance(by seconds: TimeInterval) -> Date {
        current.withLockedValue { date in
            date = date.addingTimeInterval(seconds)
            return date
        }
    }
}
