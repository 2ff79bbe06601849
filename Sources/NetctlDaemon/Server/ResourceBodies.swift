import Foundation
import NetctlAPI
import NetctlCore
import Synchronization

/// The JSON of resources read lately, so a `get` of a resource that has not changed since the last
/// one is answered with the bytes that one was: most reads ask for the same few resources again. An
/// entry counts only while the resource is equal to the one it was encoded from (comparing is far
/// cheaper than encoding), so a change, whoever made it, is never answered with old bytes.
final class ResourceBodies: Sendable {
    private struct Entry: Sendable {
        var resource: any StoredResource
        var body: Data
    }

    private struct Entries: Sendable {
        var byRef: [ResourceRef: Entry] = [:]
        var bytes = 0
    }

    private let entries = Mutex(Entries())
    /// Past this many bytes of JSON the cache starts again empty: a bound without bookkeeping per read.
    private let budget: Int

    init(budget: Int = 32 << 20) { self.budget = budget }

    /// The resource's JSON as `NetctlJSON.encoder` writes it.
    func body<R: StoredResource>(of resource: R) throws -> Data {
        let ref = resource.ref
        if let entry = entries.withLock({ $0.byRef[ref] }), let cached = entry.resource as? R, cached == resource {
            return entry.body
        }
        let body = try NetctlJSON.encoder.encode(resource)
        entries.withLock { entries in
            if entries.bytes + body.count > budget { entries = Entries() }
            entries.bytes += body.count - (entries.byRef[ref]?.body.count ?? 0)
            entries.byRef[ref] = Entry(resource: resource, body: body)
        }
        return body
    }
}
