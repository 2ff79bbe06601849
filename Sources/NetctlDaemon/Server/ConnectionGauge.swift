import Synchronization

/// Open client connections, for `system.status` and systemd's STATUS= line.
final class ConnectionGauge: Sendable {
    private let open = Atomic<Int>(0)

    var current: Int { open.load(ordering: .relaxed) }

    func opened() { open.add(1, ordering: .relaxed) }

    func closed() { open.subtract(1, ordering: .relaxed) }
}
