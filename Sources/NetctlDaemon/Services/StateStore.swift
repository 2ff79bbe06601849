import NetctlCore
import NIOConcurrencyHelpers

/// The latest committed State. Readers take a copy (cheap: copy-on-write) and work on a consistent
/// snapshot without locks; only the writer publishes.
public final class PublishedState: Sendable {
    private let state: NIOLockedValueBox<State>

    public init(_ initial: State) { state = NIOLockedValueBox(initial) }

    public var current: State { state.withLockedValue { $0 } }

    func publish(_ next: State) { state.withLockedValue { $0 = next } }
}
