import Foundation
import HashTreeCollections
import NetctlAPI

/// The table `upsert` would make of stored resources one by one, built the way start-up needs: it
/// indexes every stored resource (50,000 peerings at issue 15's scale) while nothing else runs. The
/// IDs and the indexes are two parts that share nothing, so the store builds them, and the parts of
/// other kinds' tables, on every core at once. Each index is gathered in a native dictionary and made
/// a hash tree once, each key's set in one go: a set updated inside a hash tree per resource cost
/// several times as much.
public final class TableLoading<Resource: StoredResource>: @unchecked Sendable {
    private typealias Ids = (TreeDictionary<String, Resource>, TreeDictionary<String, Int64>)
    private typealias Indexes = (
        TreeDictionary<String, TreeSet<String>>, TreeDictionary<Scope, TreeSet<String>>,
        TreeDictionary<Table<Resource>.ScopedName, TreeSet<String>>, TreeDictionary<String, CreationOrder>
    )

    private let pieces: [[Resource]]
    private let lock = NSLock()
    /// Nil inside when two resources have one ID.
    private var ids: Ids??
    private var indexes: Indexes?

    init(_ pieces: [[Resource]]) {
        self.pieces = pieces
    }

    /// The parts, larger first: run each once, on any thread and in any order, before `table`.
    public var parts: [@Sendable () -> Void] {
        [
            { let indexes = Self.indexes(self.pieces); self.lock.withLock { self.indexes = indexes } },
            { let ids = Self.ids(self.pieces); self.lock.withLock { self.ids = .some(ids) } },
        ]
    }

    /// The table, once every part has run.
    public var table: Table<Resource> {
        let (ids, indexes) = lock.withLock { (self.ids, self.indexes) }
        guard let ids, let indexes else { preconditionFailure("a table loading's parts have not all run") }
        guard let (byId, createdMillis) = ids else {
            // Two bodies with one ID (rows have distinct IDs, so only in a damaged database): the later
            // one wins, as upsert has it.
            var table = Table<Resource>()
            for resource in pieces.joined() { table.upsert(resource) }
            return table
        }
        return Table(
            byId: byId, createdMillis: createdMillis, idsByKey: indexes.0, idsByScope: indexes.1,
            idsByName: indexes.2, creationOrders: indexes.3)
    }

    /// The table of `pieces`, its parts built one after the other on this thread.
    static func table(of pieces: [[Resource]]) -> Table<Resource> {
        let loading = TableLoading(pieces)
        for part in loading.parts { part() }
        return loading.table
    }

    /// `byId` and `createdMillis`, or nil when two resources have one ID.
    private static func ids(_ pieces: [[Resource]]) -> Ids? {
        var byId: TreeDictionary<String, Resource> = [:]
        var createdMillis: TreeDictionary<String, Int64> = [:]
        for piece in pieces {
            for resource in piece {
                guard byId.updateValue(resource, forKey: resource.id) == nil else { return nil }
                createdMillis[resource.id] = Timestamp.epochMilliseconds(resource.createdAt)
            }
        }
        return (byId, createdMillis)
    }

    private static func indexes(_ pieces: [[Resource]]) -> Indexes {
        var byKey: [String: [String]] = [:]
        var byScope: [Scope: [String]] = [:]
        var byName: [Table<Resource>.ScopedName: [String]] = [:]
        for piece in pieces {
            // Read in place (`piece[index]`), not copied out with every field retained.
            for index in piece.indices {
                let id = piece[index].id
                for key in piece[index].indexKeys { byKey[key, default: []].append(id) }
                let scope = piece[index].scope
                byScope[scope, default: []].append(id)
                if let name = piece[index].referenceName {
                    byName[Table<Resource>.ScopedName(scope: scope, name: name), default: []].append(id)
                }
            }
        }
        var sets = MemberSets()
        var idsByKey: TreeDictionary<String, TreeSet<String>> = [:]
        var creationOrders: TreeDictionary<String, CreationOrder> = [:]
        for (key, members) in byKey {
            idsByKey[key] = sets.set(of: members)
            creationOrders[key] = CreationOrder()
        }
        var idsByScope: TreeDictionary<Scope, TreeSet<String>> = [:]
        for (scope, members) in byScope { idsByScope[scope] = sets.set(of: members) }
        var idsByName: TreeDictionary<Table<Resource>.ScopedName, TreeSet<String>> = [:]
        for (name, members) in byName { idsByName[name] = sets.set(of: members) }
        return (idsByKey, idsByScope, idsByName, creationOrders)
    }
}

/// The sets of members loading makes of its lists. Large lists that are equal share one set: all of a
/// scope's peerings are also the members of its scope key, 50,000 of them in one account and region.
/// Not generic, unlike the table, so that it is compiled once, for strings.
private struct MemberSets {
    private var large: [(members: [String], set: TreeSet<String>)] = []

    mutating func set(of members: [String]) -> TreeSet<String> {
        guard members.count >= 1024 else { return TreeSet(members) }
        if let same = large.first(where: { $0.members == members }) { return same.set }
        let set = TreeSet(members)
        large.append((members, set))
        return set
    }
}
