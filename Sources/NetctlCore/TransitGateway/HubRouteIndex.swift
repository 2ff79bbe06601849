import Foundation
import NetctlAPI
import Synchronization

/// A hub route table's routes ready for longest-prefix look-ups: one hash map per prefix length in
/// use, tried longest first, so a look-up costs at most 33 hash probes however many routes the table
/// holds (5,000 VPCs propagating 10,000 CIDRs into one table is AWS's quota, not an edge case).
struct HubRouteIndex: Sendable {
    private let routes: [TransitGatewayRoute]
    /// Longest prefix first; each maps a network address to its route's position in `routes`.
    private let byLength: [(mask: UInt32, networks: [UInt32: Int])]

    init(_ routes: [TransitGatewayRoute]) {
        self.routes = routes
        var networks: [Int: [UInt32: Int]] = [:]
        for (position, route) in routes.enumerated() {
            guard let cidr = IPv4CIDR(route.destinationCidrBlock) else { continue }
            // `routes` holds one route per prefix; keep the first should that ever change.
            if networks[cidr.prefixLength]?[cidr.network.value] == nil {
                networks[cidr.prefixLength, default: [:]][cidr.network.value] = position
            }
        }
        byLength = networks.sorted { $0.key > $1.key }.map { (IPv4CIDR.mask($0.key), $0.value) }
    }

    func route(to address: IPv4Address) -> TransitGatewayRoute? {
        for (mask, networks) in byLength {
            if let position = networks[address.value & mask] { return routes[position] }
        }
        return nil
    }
}

/// The indexes of one state revision, shared by every copy of the state: readers of a published
/// state build a table's index once and reuse it until the writer publishes a change. A state older
/// than the cached revision computes its own and does not store it, so a slow reader of an old
/// snapshot never evicts the current one.
final class HubRouteCache: @unchecked Sendable {
    private struct Entries {
        var revision: StateRevision
        var indexes: [String: HubRouteIndex] = [:]
    }
    // Guarded by `lock`, an NSLock (a pthread mutex) rather than Synchronization.Mutex: ThreadSanitizer
    // follows it (see Package.swift).
    private let lock = NSLock()
    private var entries = Entries(revision: StateRevision(0))

    func index(
        of tableId: String, at revision: StateRevision, build: () -> HubRouteIndex
    ) -> HubRouteIndex {
        lock.lock()
        if entries.revision == revision, let index = entries.indexes[tableId] {
            lock.unlock()
            return index
        }
        lock.unlock()
        let index = build()
        lock.lock()
        defer { lock.unlock() }
        if entries.revision < revision { entries = Entries(revision: revision) }
        if entries.revision == revision { entries.indexes[tableId] = index }
        return index
    }
}

/// Which change a state copy has seen last. Revisions come from one process-wide counter, so two
/// copies with the same revision hold the same resources: neither has changed since they parted.
struct StateRevision: Sendable, Hashable, Comparable {
    private static let counter = Atomic<UInt64>(0)
    let value: UInt64

    init(_ value: UInt64) { self.value = value }

    static func next() -> StateRevision {
        StateRevision(counter.add(1, ordering: .relaxed).newValue)
    }

    static func < (lhs: StateRevision, rhs: StateRevision) -> Bool { lhs.value < rhs.value }
}
