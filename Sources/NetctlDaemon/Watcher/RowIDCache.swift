import NIOConcurrencyHelpers

/// Row IDs of log groups, streams and metric series by name, so the watcher's batches do not look
/// up the same ones again. What a write found is remembered only after it committed, and only if no
/// deletion ran since it began (`generation`): the cache never holds the ID of a row that is gone.
/// Bounded: past `limit` it starts over, costing lookups, never correctness.
final class RowIDCache<Key: Hashable & Sendable>: Sendable {
    private struct Contents {
        var ids: [Key: Int64] = [:]
        var generation = 0
    }
    private let contents = NIOLockedValueBox(Contents())
    private let limit: Int

    init(limit: Int = 50_000) {
        self.limit = limit
    }

    subscript(key: Key) -> Int64? {
        contents.withLockedValue { $0.ids[key] }
    }

    /// Read at the start of a write transaction, handed back to `remember`.
    var generation: Int {
        contents.withLockedValue { $0.generation }
    }

    /// Called inside a transaction that deletes rows: anything cached may be gone.
    func invalidate() {
        contents.withLockedValue { contents in
            contents.ids.removeAll()
            contents.generation += 1
        }
    }

    /// After the write that found `ids` committed.
    func remember(_ ids: [Key: Int64], since generation: Int) {
        guard !ids.isEmpty else { return }
        contents.withLockedValue { contents in
            guard contents.generation == generation else { return }
            if contents.ids.count + ids.count > limit { contents.ids.removeAll(keepingCapacity: true) }
            contents.ids.merge(ids) { _, found in found }
        }
    }
}
