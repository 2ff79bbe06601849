import Foundation
import HashTreeCollections
import NetctlAPI

/// The table `upsert` would make of stored resources one by one, built the way start-up needs: it
/// indexes every stored resource (50,000 peerings at issue 15's scale) while nothing else runs. The
/// table is built in parts that share nothing (the resources by ID, their creation times, each half of
/// the index keys, the scopes and names), so that the store builds them, and the parts of the other
/// kinds' tables, on every core at once. Each index is gathered in a native dictionary and made a hash
/// tree once, each key's set in one go: a set updated inside a hash tree per resource cost several
/// times as much.
public final class TableLoading<Resource: StoredResource>: @unchecked Sendable {
    private typealias Name = Table<Resource>.ScopedName

    /// What the parts have built so far.
    private struct Built {
        /// Nil inside when two resources have one ID.
        var byId: TreeDictionary<String, Resource>??
        var createdMillis: TreeDictionary<String, Int64>?
        var idsByKey: [TreeDictionary<String, TreeSet<String>>] = []
        var idsByScope: TreeDictionary<Scope, TreeSet<String>>?
        var idsByName: TreeDictionary<Name, TreeSet<String>>?
    }

    private let pieces: [[Resource]]
    private let lock = NSLock()
    private var built = Built()

    init(_ pieces: [[Resource]]) {
        self.pieces = pieces
    }

    /// The parts, larger first: run each once, on any thread and in any order, before `table`.
    public var parts: [@Sendable () -> Void] {
        [
            { let byId = Self.byId(self.pieces); self.update { $0.byId = .some(byId) } },
            { let ids = Self.idsByKey(self.pieces, half: 0); self.update { $0.idsByKey.append(ids) } },
            { let ids = Self.idsByKey(self.pieces, half: 1); self.update { $0.idsByKey.append(ids) } },
            {
                let (scopes, names) = Self.idsByScopeAndName(self.pieces)
                self.update {
                    $0.idsByScope = scopes
                    $0.idsByName = names
                }
            },
            { let millis = Self.createdMillis(self.pieces); self.update { $0.createdMillis = millis } },
        ]
    }

    /// The table, once every part has run.
    public var table: Table<Resource> {
        let built = lock.withLock { self.built }
        guard let byId = built.byId, let createdMillis = built.createdMillis, built.idsByKey.count == 2,
            let idsByScope = built.idsByScope, let idsByName = built.idsByName
        else { preconditionFailure("a table loading's parts have not all run") }
        guard let byId else {
            // Two bodies with one ID (rows have distinct IDs, so only in a damaged database): the later
            // one wins, as upsert has it.
            var table = Table<Resource>()
            for resource in pieces.joined() { table.upsert(resource) }
            return table
        }
        // The halves hold different keys: merging links their subtrees, it hashes no member again.
        var idsByKey = built.idsByKey[0]
        idsByKey.merge(built.idsByKey[1]) { first, _ in first }
        return Table(
            byId: byId, createdMillis: createdMillis, idsByKey: idsByKey, idsByScope: idsByScope,
            idsByName: idsByName, creationOrders: idsByKey.mapValues { _ in CreationOrder() })
    }

    /// The table of `pieces`, its parts built one after the other on this thread.
    static func table(of pieces: [[Resource]]) -> Table<Resource> {
        let loading = TableLoading(pieces)
        for part in loading.parts { part() }
        return loading.table
    }

    private func update(_ body: (inout Built) -> Void) {
        lock.withLock { body(&built) }
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

    /// Nil when two resources have one ID.
    private static func byId(_ pieces: [[Resource]]) -> TreeDictionary<String, Resource>? {
        var byId: TreeDictionary<String, Resource> = [:]
        for piece in pieces {
            for resource in piece {
                guard byId.updateValue(resource, forKey: resource.id) == nil else { return nil }
            }
        }
        return byId
    }

    private static func createdMillis(_ pieces: [[Resource]]) -> TreeDictionary<String, Int64> {
        var createdMillis: TreeDictionary<String, Int64> = [:]
        forEach(pieces) { createdMillis[$0.id] = Timestamp.epochMilliseconds($0.createdAt) }
        return createdMillis
    }

    /// The index keys whose hash has the low bit `half`, with their members.
    private static func idsByKey(_ pieces: [[Resource]], half: Int) -> TreeDictionary<String, TreeSet<String>> {
        var byKey: [String: [String]] = [:]
        forEach(pieces) { resource in
            for key in resource.indexKeys where key.hashValue & 1 == half { byKey[key, default: []].append(resource.id) }
        }
        var idsByKey: TreeDictionary<String, TreeSet<String>> = [:]
        for (key, members) in byKey { idsByKey[key] = TreeSet(members) }
        return idsByKey
    }

    private static func idsByScopeAndName(_ pieces: [[Resource]]) -> (
        TreeDictionary<Scope, TreeSet<String>>, TreeDictionary<Name, TreeSet<String>>
    ) {
        var byScope: [Scope: [String]] = [:]
        var byName: [Name: [String]] = [:]
        forEach(pieces) { resource in
            let scope = resource.scope
            byScope[scope, default: []].append(resource.id)
            if let name = resource.referenceName { byName[Name(scope: scope, name: name), default: []].append(resource.id) }
        }
        var idsByScope: TreeDictionary<Scope, TreeSet<String>> = [:]
        for (scope, members) in byScope { idsByScope[scope] = TreeSet(members) }
        var idsByName: TreeDictionary<Name, TreeSet<String>> = [:]
        for (name, members) in byName { idsByName[name] = TreeSet(members) }
        return (idsByScope, idsByName)
    }
}
