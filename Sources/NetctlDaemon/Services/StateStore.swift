import NetctlCore
import Synchronization

/// The latest committed State. Readers take a copy (cheap: copy-on-write) and work on a consistent
/// snapshot without locks; only the writer publishes.
public final class PublishedState: Sendable {
    private let state: Mutex<State>

    public init(_ initial: State) { state = Mutex(initial) }

    public var current: State { state.withLock { $0 } }

    func publish(_ next: State) { state.withLock { $0 = next } }
}
