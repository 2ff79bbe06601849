import Foundation
import NetctlAPI

/// EC2's CreateTags, DeleteTags and DescribeTags over every taggable kind. Each call is one
/// transaction: every ID is checked before anything changes, and a refusal changes nothing. Each
/// resource whose tags change gets one change event (`tag` or `untag`).
extension State {
    public mutating func createTags(_ request: TagsCreate, _ context: inout CommandContext) throws(NetctlError)
        -> EmptyResponse
    {
        let ids = try Self.tagTargets(request.resources)
        guard !request.tags.isEmpty else {
            throw NetctlError(.missingParameter, "tags must hold at least one tag to create.")
        }
        for (key, value) in request.tags {
            try Validation.tag(key: key, value: value, keyCode: .invalidParameterValue)
        }
        let kinds = try taggableKinds(of: ids, context.scope, now: context.now)
        for (id, kind) in zip(ids, kinds) {
            try retag(kind, id, action: .tag, context) { $0.merging(request.tags) { _, new in new } }
        }
        return EmptyResponse()
    }

    public mutating func deleteTags(_ request: TagsDelete, _ context: inout CommandContext) throws(NetctlError)
        -> EmptyResponse
    {
        let ids = try Self.tagTargets(request.resources)
        for selector in request.tags ?? [] {
            try Validation.tag(key: selector.key, value: selector.value, keyCode: .invalidParameterValue)
        }
        let kinds = try taggableKinds(of: ids, context.scope, now: context.now)
        for (id, kind) in zip(ids, kinds) {
            try retag(kind, id, action: .untag, context) { tags in
                // No selectors: every tag goes, as DeleteTags without Tag.N does.
                guard let selectors = request.tags else { return [:] }
                var kept = tags
                for selector in selectors where selector.value == nil || kept[selector.key] == selector.value {
                    kept[selector.key] = nil
                }
                return kept
            }
        }
        return EmptyResponse()
    }

    public func listTags(_ request: TagsList, _ context: QueryContext) throws(NetctlError) -> TagsListResponse {
        let filters = request.filters ?? []
        try TagFilter.table.validate(filters)
        if let maxResults = request.maxResults { try Pagination.check(maxResults: maxResults) }
        var rows: [TagRow] = []
        if let ids = TagFilter.exactResourceIds(filters) {
            for id in ids {
                guard let kind = try? TaggableKinds.kind(of: id) else { continue }
                rows += tagRows(kind, context.scope, now: context.now, only: id)
            }
        } else {
            for kind in TaggableKinds.all { rows += tagRows(kind, context.scope, now: context.now) }
        }
        rows = rows.filter { TagFilter.table.matches($0, filters) }.sorted { $0.position < $1.position }
        var start = rows.startIndex
        if let token = request.nextToken {
            guard let after = TagRow.Position(token: token) else {
                throw NetctlError(.invalidNextToken, "The nextToken '\(token)' is not valid. Start again without it.")
            }
            start = rows.firstIndex { after < $0.position } ?? rows.endIndex
        }
        let remaining = rows[start...]
        guard let maxResults = request.maxResults, remaining.count > maxResults else {
            return TagsListResponse(tags: remaining.map(\.description), nextToken: nil)
        }
        let page = remaining.prefix(maxResults)
        return TagsListResponse(tags: page.map(\.description), nextToken: page.last?.position.token)
    }

    /// The IDs a tag command names, each once, in the order given.
    private static func tagTargets(_ resources: [String]) throws(NetctlError) -> [String] {
        guard !resources.isEmpty else {
            throw NetctlError(.missingParameter, "resources must name at least one resource ID.")
        }
        guard resources.count <= 1000 else {
            throw NetctlError(
                .invalidParameterValue, "\(resources.count) resource IDs given; one call takes at most 1000.")
        }
        var seen: Set<String> = []
        return resources.filter { seen.insert($0).inserted }
    }

    /// Each ID's kind, after checking that every one names a resource the caller may tag.
    private func taggableKinds(of ids: [String], _ scope: Scope, now: Date) throws(NetctlError)
        -> [any Taggable.Type]
    {
        var kinds: [any Taggable.Type] = []
        for id in ids {
            let kind = try TaggableKinds.kind(of: id)
            _ = try taggable(kind, id, scope, now: now)
            kinds.append(kind)
        }
        return kinds
    }

    private func taggable<R: Taggable>(_ kind: R.Type, _ id: String, _ scope: Scope, now: Date) throws(NetctlError)
        -> R
    {
        guard let resource = self[keyPath: R.table][id], resource.tagsVisible(to: scope, at: now) else {
            throw NetctlError(
                R.notFoundCode,
                "The \(R.tagResourceType) ID '\(id)' does not exist in \(scope). Tags belong to the account "
                    + "and region that own the resource (a peering's, to its requester's).")
        }
        return resource
    }

    /// Replaces a resource's tags with `edit`'s result and records it, unless nothing changed. A new
    /// `Name` tag renames the resource under the kind's rules; a removed one clears its name.
    private mutating func retag<R: Taggable>(
        _ kind: R.Type, _ id: String, action: ChangeAction, _ context: CommandContext, _ edit: (Tags) -> Tags
    ) throws(NetctlError) {
        var resource = try taggable(kind, id, context.scope, now: context.now)
        let tags = edit(resource.tags)
        guard tags != resource.tags else { return }
        guard tags.count <= Validation.maximumTags else {
            throw NetctlError(
                .tagLimitExceeded,
                "The maximum number of tags for a resource has been reached: \(id) would have \(tags.count); the "
                    + "limit is \(Validation.maximumTags).")
        }
        if tags["Name"] != resource.tags["Name"] {
            try resource.rename(to: Validation.name(tags["Name"], idPrefix: R.idPrefix), in: self)
        }
        resource.tags = tags
        record(action, resource, at: context.now)
    }

    private func tagRows<R: Taggable>(_ kind: R.Type, _ scope: Scope, now: Date, only id: String? = nil) -> [TagRow] {
        let table = self[keyPath: R.table]
        let resources = id.map { id in table[id].map { [$0] } ?? [] } ?? table.inScope(scope)
        return resources.filter { $0.tagsVisible(to: scope, at: now) }.flatMap { resource in
            let millis = Timestamp.epochMilliseconds(resource.createdAt)
            return resource.tags.map { key, value in
                TagRow(
                    description: TagDescription(
                        resourceId: resource.id, resourceType: R.tagResourceType, key: key, value: value),
                    position: TagRow.Position(millis: millis, resourceId: resource.id, key: key),
                    resourceTags: resource.tags)
            }
        }
    }
}

/// One tag as DescribeTags filters and pages it.
struct TagRow: Sendable {
    var description: TagDescription
    var position: Position
    /// All tags of the tag's resource: `tag:KEY` and `tag-key` select resources, as AWS documents.
    var resourceTags: Tags

    /// Resources in creation order, each one's tags by key: a token names the last tag returned, so
    /// pages stay right while tags come and go between calls.
    struct Position: Comparable, Sendable {
        var millis: Int64
        var resourceId: String
        var key: String

        init(millis: Int64, resourceId: String, key: String) {
            self.millis = millis
            self.resourceId = resourceId
            self.key = key
        }

        init?(token: String) {
            guard let data = Data(base64Encoded: token) else { return nil }
            let parts = String(decoding: data, as: UTF8.self).split(separator: "|", maxSplits: 2)
            guard parts.count == 3, parts[0] == "t", let millis = Int64(parts[1]) else { return nil }
            let rest = parts[2].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard rest.count == 2 else { return nil }
            self.init(millis: millis, resourceId: String(rest[0]), key: String(rest[1]))
        }

        var token: String { Data("t|\(millis)|\(resourceId)|\(key)".utf8).base64EncodedString() }

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.millis, lhs.resourceId, lhs.key) < (rhs.millis, rhs.resourceId, rhs.key)
        }
    }
}

/// DescribeTags' filters, by their AWS names.
enum TagFilter {
    static let table = FilterTable<TagRow>(
        [
            "key": { [$0.description.key] },
            "value": { [$0.description.value] },
            "resource-id": { [$0.description.resourceId] },
            "resource-type": { [$0.description.resourceType] },
        ],
        tags: { $0.resourceTags })

    /// The resource IDs a `resource-id` filter names outright: only they need reading.
    static func exactResourceIds(_ filters: [Filter]) -> [String]? {
        guard let filter = filters.first(where: { $0.name == "resource-id" }),
            filter.values.allSatisfy({ !$0.contains("*") && !$0.contains("?") && !$0.contains("\\") })
        else { return nil }
        var seen: Set<String> = []
        return filter.values.filter { seen.insert($0).inserted }
    }
}
