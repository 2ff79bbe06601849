import NetctlAPI

/// EC2's Describe filters over one kind of resource: each filter name reads some values off a
/// resource, and a filter matches when any value matches any of its patterns (`*` any run, `?` one
/// character, `\` escapes them), as AWS documents. Filters combine with AND. `tag:KEY` and
/// `tag-key` come free for every kind with tags. The socket's `X.list {filters}` and the AWS
/// endpoint's Describe actions share these tables.
public struct FilterTable<Resource>: Sendable {
    public typealias Values = @Sendable (Resource) -> [String]
    private let fields: [String: Values]
    private let tags: (@Sendable (Resource) -> Tags)?

    public init(_ fields: [String: Values], tags: (@Sendable (Resource) -> Tags)? = nil) {
        self.fields = fields
        self.tags = tags
    }

    public var names: [String] { fields.keys.sorted() + (tags == nil ? [] : ["tag-key", "tag:KEY"]) }

    /// Refuses a filter the table does not know, naming those it does, before anything is read.
    public func validate(_ filters: [Filter]) throws(NetctlError) {
        for filter in filters where !knows(filter.name) {
            throw NetctlError(
                .invalidParameterValue,
                "The filter '\(filter.name)' is invalid. Known filters: \(names.joined(separator: ", ")).")
        }
    }

    public func matches(_ resource: Resource, _ filters: [Filter]) -> Bool {
        filters.allSatisfy { filter in
            let values = values(of: filter.name, resource)
            return values.contains { value in filter.values.contains { Self.wildcard($0, matches: value) } }
        }
    }

    private func knows(_ name: String) -> Bool {
        fields[name] != nil || (tags != nil && (name == "tag-key" || name.hasPrefix("tag:")))
    }

    private func values(of name: String, _ resource: Resource) -> [String] {
        if let field = fields[name] { return field(resource) }
        guard let tags = tags?(resource) else { return [] }
        if name == "tag-key" { return Array(tags.keys) }
        return tags[String(name.dropFirst("tag:".count))].map { [$0] } ?? []
    }

    /// AWS's filter patterns: `*` matches any run of characters, `?` exactly one, `\*` `\?` `\\` themselves.
    public static func wildcard(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        // Iterative matching with one backtrack point for the last `*`: linear in practice.
        var p = 0
        var t = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    star = (p, t)
                    p += 1
                    continue
                case "?":
                    p += 1
                    t += 1
                    continue
                case "\\" where p + 1 < pattern.count && "*?\\".contains(pattern[p + 1]):
                    if pattern[p + 1] == text[t] {
                        p += 2
                        t += 1
                        continue
                    }
                case let literal where literal == text[t]:
                    p += 1
                    t += 1
                    continue
                default: break
                }
            }
            guard let last = star else { return false }
            p = last.pattern + 1
            t = last.text + 1
            star = (last.pattern, last.text + 1)
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
