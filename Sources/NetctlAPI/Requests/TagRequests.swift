public struct TagsCreate: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "tags.create"
    public static let summary =
        "Add or overwrite tags on resources of any taggable kind, all or none; a Name tag renames the resource."
    /// Resource IDs (`vpc-…`, `subnet-…`, `rtb-…`, `igw-…`, `nat-…`, `eni-…`, `pcx-…`, `vpce-…`).
    public var resources: [String]
    public var tags: Tags
    public init(resources: [String], tags: Tags) {
        self.resources = resources
        self.tags = tags
    }
}

public struct TagsDelete: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "tags.delete"
    public static let summary =
        "Remove tags from resources, all or none: every tag when none are named; one with a value only if it matches."
    public var resources: [String]
    /// The tags to remove; absent means all of them (the Name tag, and so the name, included).
    public var tags: [TagSelector]?
    public init(resources: [String], tags: [TagSelector]? = nil) {
        self.resources = resources
        self.tags = tags
    }
}

/// A tag to remove: by key alone, or by key and value (removed only while it has that value).
public struct TagSelector: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?
    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

public struct TagsList: RPCMethod {
    public typealias Response = TagsListResponse
    public static let method = "tags.list"
    public static let summary =
        "The caller's tags across every taggable kind; filters: key, value, resource-id, resource-type, tag:KEY, tag-key."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct TagsListResponse: Codable, Sendable, Hashable {
    public var tags: [TagDescription]
    public var nextToken: String?
    public init(tags: [TagDescription], nextToken: String?) {
        self.tags = tags
        self.nextToken = nextToken
    }
}
