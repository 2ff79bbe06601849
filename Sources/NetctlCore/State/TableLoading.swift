import Foundation
import HashTreeCollections
import NetctlAPI

/// The table `upsert` would make of stored resources one by one, built the way start-up needs: it
/// indexes every stored resource (50,000 peerings at issue 15's scale) while nothing else runs. The
/// table is built in two parts that share nothing (the resources and their creation times by ID; the
/// indexes), so that the store builds them, and the parts of the other kinds' tables, on every core
/// at once. Each index is gathered in a native dictionary and made a hash tree once, each key's set in
/// one go: a set updated inside a hash tree per resource cost several times as much. (Five parts
/// instead of two cost more CPU than they saved time: they repeat work and touch the same strings.)
public final class TableLoading<Resource: StoredResource>: Sendable {
    fileprivate typealias Name = Table<Resource>.ScopedName

    /// The parts, larger first: run each once, on any thread and in any order, before `table`.
    public let parts: [@Sendable () -> Void]
    private let finish: @Sendable () -> Table<Resource>

    /// The table, once every part has run.
    public var table: Table<Resource> { finish() }

    /// The parts and the finish are closures made here because `StoredResource.loading` calls this
    /// for its kind: they are compiled for that kind too. A method of this class called from the store
    /// would run unspecialized, as generic code.
    init(_ pieces: [[Resource]]) {
        let built = Built()
        parts = [
            { built.indexes = Self.indexes(pieces) },
            { built.ids = .some(Self.ids(pieces)) },
        ]
        finish = {
            guard let ids = built.ids, let indexes = built.indexes else {
                preconditionFailure("a table loading's parts have not all run")
            }
            guard let (byId, createdMillis) = ids else {
                // Two bodies with one ID (rows have distinct IDs, so only in a damaged database): the
                // later one wins, as upsert has it.
                var table = Table<Resource>()
                for resource in pieces.joined() { table.upsert(resource) }
                return table
            }
            return Table(
                byId: byId, createdMillis: createdMillis, idsByKey: indexes.idsByKey, idsByScope: indexes.idsByScope,
                idsByName: indexes.idsByName, creationOrders: indexes.creationOrders)
        }
    }

    /// The table of `pieces`, its parts built one after the other on this thread.
    static func table(of pieces: [[Resource]]) -> Table<Resource> {
        let loading = TableLoading(pieces)
        for part in loading.parts { part() }
        return loading.table
    }

    fileprivate typealias Ids = (TreeDictionary<String, Resource>, TreeDictionary<String, Int64>)
    fileprivate typealias Indexes = (
        idsByKey: TreeDictionary<String, TreeSet<String>>, idsByScope: TreeDictionary<Scope, TreeSet<String>>,
        idsByName: TreeDictionary<Name, TreeSet<String>>, creationOrders: TreeDictionary<String, CreationOrder>
    )

    /// What the parts have built so far, each behind the lock: parts run on different threads.
    private final class Built: @unchecked Sendable {
        private let lock = NSLock()
        private var _ids: Ids??
        private var _indexes: Indexes?

        /// Nil inside when two resources have one ID.
        var ids: Ids?? {
            get { lock.withLock { _ids } }
            set { lock.withLock { _ids = newValue } }
        }
        var indexes: Indexes? {
            get { lock.withLock { _indexes } }
            set { lock.withLock { _indexes = newValue } }
        }
    }

    /// Each resource of `pieces`, read where it is: a resource taken out of an array is a copy, every
    /// string and array in it retained and released again.
    private static func forEach(_ pieces: [[Resource]], _ body: (Resource) -> Void) {
        for piece in pieces {
            piece.withUnsafeBufferPointer { resources in
                for index in resources.indices { body(resources[index]) }
            }
        }
    }

    /// The resources and their creation times by ID; nil when two resources have one ID.
    private static func ids(_ pieces: [[Resource]]) -> Ids? {
        var byId: TreeDictionary<String, Resource> = [:]
        var createdMillis: TreeDictionary<String, Int64> = [:]
        for piece in pieces {
            for resource in piece {
                createdMillis[resource.id] = Timestamp.epochMilliseconds(resource.createdAt)
                guard byId.updateValue(resource, forKey: resource.id) == nil else { return nil }
            }
        }
        return (byId, createdMillis)
    }

    private static func indexes(_ pieces: [[Resource]]) -> Indexes {
        var byKey: [String: [String]] = [:]
        var byScope: [Scope: [String]] = [:]
        var byName: [Name: [String]] = [:]
        forEach(pieces) { resource in
            let id = resource.id
            for key in resource.indexKeys { byKey[key, default: []].append(id) }
            let scope = resource.scope
            byScope[scope, default: []].append(id)
            if let name = resource.referenceName { byName[Name(scope: scope, name: name), default: []].append(id) }
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
        var idsByName: TreeDictionary<Name, TreeSet<String>> = [:]
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
