import Foundation
import NetctlAPI

/// An ECR lifecycle policy, validated, and its evaluation (SEMANTICS.md section 7; AWS's "Lifecycle
/// policy properties" and "How lifecycle policies work"):
///
/// - Every rule selects images by tag status (`tagged` with prefixes or patterns, `untagged`, `any`)
///   and marks, among the images it selects, those beyond the newest `countNumber`
///   (`imageCountMoreThan`) or pushed `countNumber` days ago or earlier (`sinceImagePushed`).
/// - Rules count every image they select, including images a higher-priority rule selects ("as if
///   they had not been expired"), but an image can only be expired by the first rule, by priority,
///   that selects it: an image that matches the tagging requirements of a higher-priority rule
///   cannot be expired by a lower-priority one. So an image is expired by at most one rule.
public struct LifecyclePolicy: Sendable, Hashable {
    public enum TagStatus: String, Sendable, Hashable, CaseIterable {
        case tagged, untagged, any
    }

    public enum CountType: String, Sendable, Hashable, CaseIterable {
        case imageCountMoreThan, sinceImagePushed
    }

    public struct Rule: Sendable, Hashable {
        public var rulePriority: Int
        public var description: String?
        public var tagStatus: TagStatus
        /// `tagged` rules: every prefix must begin some tag of the image.
        public var tagPrefixList: [String]
        /// `tagged` rules: every pattern (`*` matches any run of characters) must match some tag.
        public var tagPatternList: [String]
        public var countType: CountType
        public var countNumber: Int

        public init(
            rulePriority: Int, description: String? = nil, tagStatus: TagStatus, tagPrefixList: [String] = [],
            tagPatternList: [String] = [], countType: CountType, countNumber: Int
        ) {
            self.rulePriority = rulePriority
            self.description = description
            self.tagStatus = tagStatus
            self.tagPrefixList = tagPrefixList
            self.tagPatternList = tagPatternList
            self.countType = countType
            self.countNumber = countNumber
        }

        /// Whether the rule's tag selection takes an image with these tags.
        public func selects(_ tags: [String]) -> Bool {
            switch tagStatus {
            case .any: return true
            case .untagged: return tags.isEmpty
            case .tagged:
                guard !tags.isEmpty else { return false }
                return tagPrefixList.allSatisfy { prefix in tags.contains { $0.hasPrefix(prefix) } }
                    && tagPatternList.allSatisfy { pattern in tags.contains { LifecyclePolicy.matches($0, pattern: pattern) } }
            }
        }

        /// How long after its push a `sinceImagePushed` rule expires an image.
        var age: TimeInterval { TimeInterval(countNumber) * 86_400 }
    }

    /// In priority order, lowest `rulePriority` first.
    public private(set) var rules: [Rule]

    public static let textLength = 100...30_720
    public static let maximumRules = 50
    /// AWS allows at most four `*` in a tag pattern.
    public static let maximumWildcards = 4

    public init(rules: [Rule]) throws(NetctlError) {
        self.rules = rules.sorted { $0.rulePriority < $1.rulePriority }
        try Self.checkRuleSet(self.rules)
    }

    /// Parses and validates policy text; every problem is `InvalidParameterException` naming it.
    public init(parsing text: String) throws(NetctlError) {
        guard Self.textLength.contains(text.count) else {
            throw Self.invalid(
                "the policy text is \(text.count) characters; it must be 100 to 30,720.")
        }
        guard let document = try? NetctlJSON.decoder.decode(JSONValue.self, from: Data(text.utf8)),
            case .object(let top) = document
        else {
            throw Self.invalid("the policy is not a JSON object.")
        }
        try Self.onlyKeys(top, ["rules"], in: "the policy")
        guard let rulesValue = top["rules"] else { throw Self.invalid("the policy has no rules array.") }
        guard case .array(let items) = rulesValue else { throw Self.invalid("rules must be an array.") }
        guard !items.isEmpty else { throw Self.invalid("rules is empty; a policy needs at least one rule.") }
        guard items.count <= Self.maximumRules else {
            throw Self.invalid("the policy has \(items.count) rules; at most \(Self.maximumRules) are allowed.")
        }
        var parsed: [Rule] = []
        for (index, item) in items.enumerated() { parsed.append(try Self.rule(item, index: index)) }
        try self.init(rules: parsed)
    }

    // MARK: Evaluation

    /// The images the policy expires at `now`, oldest push first, each with the rule that expires it.
    public func evaluate(_ images: [EcrImage], now: Date) -> [LifecycleExpiry] {
        let newestFirst = images.sorted(by: Self.newerFirst)
        let owners = owningRules(newestFirst)
        var expired: [String: Int] = [:]
        for rule in rules {
            let selected = newestFirst.filter { rule.selects($0.imageTags) }
            let marked: [EcrImage]
            switch rule.countType {
            case .imageCountMoreThan: marked = Array(selected.dropFirst(rule.countNumber))
            case .sinceImagePushed: marked = selected.filter { $0.imagePushedAt.addingTimeInterval(rule.age) <= now }
            }
            for image in marked where owners[image.imageDigest] == rule.rulePriority {
                expired[image.imageDigest] = rule.rulePriority
            }
        }
        return newestFirst.reversed().compactMap { image in
            expired[image.imageDigest].map { LifecycleExpiry(imageDigest: image.imageDigest, rulePriority: $0) }
        }
    }

    /// The earliest time after `now` at which a `sinceImagePushed` rule expires one of `images` (those
    /// left after `evaluate` at `now`), if their tags stay as they are. Count rules never fall due
    /// with time: only pushes, tag changes and deletions change what they expire.
    public func nextExpiry(_ images: [EcrImage], now: Date) -> Date? {
        let owners = owningRules(images)
        var next: Date?
        for image in images {
            guard let priority = owners[image.imageDigest],
                let rule = rules.first(where: { $0.rulePriority == priority }), rule.countType == .sinceImagePushed
            else { continue }
            let due = image.imagePushedAt.addingTimeInterval(rule.age)
            if due > now, next.map({ due < $0 }) ?? true { next = due }
        }
        return next
    }

    /// Each image's owning rule: the first, by priority, whose tag selection takes it.
    private func owningRules(_ images: [EcrImage]) -> [String: Int] {
        var owners: [String: Int] = [:]
        for image in images {
            if let rule = rules.first(where: { $0.selects(image.imageTags) }) { owners[image.imageDigest] = rule.rulePriority }
        }
        return owners
    }

    /// Newest push first; the digest breaks ties so the order is total.
    static func newerFirst(_ lhs: EcrImage, _ rhs: EcrImage) -> Bool {
        lhs.imagePushedAt != rhs.imagePushedAt ? lhs.imagePushedAt > rhs.imagePushedAt : lhs.imageDigest > rhs.imageDigest
    }

    /// `*` matches any run of characters (none included); everything else matches itself.
    static func matches(_ tag: String, pattern: String) -> Bool {
        let text = Array(tag)
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        guard parts.count > 1 else { return text == parts[0] }
        guard text.starts(with: parts[0]), text.count >= parts[0].count + parts[parts.count - 1].count,
            text.reversed().starts(with: parts[parts.count - 1].reversed())
        else { return false }
        var position = parts[0].count
        let end = text.count - parts[parts.count - 1].count
        for part in parts[1..<(parts.count - 1)] where !part.isEmpty {
            guard let found = Self.find(part, in: text, from: position, before: end) else { return false }
            position = found + part.count
        }
        return true
    }

    private static func find(_ part: [Character], in text: [Character], from start: Int, before end: Int) -> Int? {
        guard end - start >= part.count else { return nil }
        for index in start...(end - part.count) where text[index..<(index + part.count)].elementsEqual(part) {
            return index
        }
        return nil
    }

    // MARK: Validation

    static func invalid(_ problem: String) -> NetctlError {
        NetctlError(
            .invalidParameterException,
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation "
                + "failure: \(problem)'")
    }

    private static func onlyKeys(_ object: [String: JSONValue], _ allowed: Set<String>, in place: String) throws(NetctlError) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw invalid(
                "\(place) has an unknown member '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    private static func rule(_ value: JSONValue, index: Int) throws(NetctlError) -> Rule {
        let place = "rules[\(index)]"
        guard case .object(let object) = value else { throw invalid("\(place) must be an object.") }
        try onlyKeys(object, ["rulePriority", "description", "selection", "action"], in: place)
        guard let priorityValue = object["rulePriority"] else { throw invalid("\(place) has no rulePriority.") }
        guard let priority = priorityValue.intValue, priority >= 1, priority <= Int64(Int32.max) else {
            throw invalid("\(place): rulePriority must be a whole number of 1 or more.")
        }
        let named = "\(place) (rulePriority \(priority))"
        var description: String?
        if let value = object["description"] {
            guard let text = value.stringValue else { throw invalid("\(named): description must be a string.") }
            description = text
        }
        guard let action = object["action"] else { throw invalid("\(named) has no action.") }
        guard case .object(let actionObject) = action else { throw invalid("\(named): action must be an object.") }
        try onlyKeys(actionObject, ["type"], in: "\(named) action")
        guard actionObject["type"]?.stringValue == "expire" else {
            throw invalid("\(named): action type must be \"expire\".")
        }
        guard let selection = object["selection"] else { throw invalid("\(named) has no selection.") }
        guard case .object(let chosen) = selection else { throw invalid("\(named): selection must be an object.") }
        try onlyKeys(
            chosen, ["tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber"],
            in: "\(named) selection")
        guard let statusText = chosen["tagStatus"]?.stringValue else {
            throw invalid("\(named): selection needs tagStatus: tagged, untagged or any.")
        }
        guard let tagStatus = TagStatus(rawValue: statusText) else {
            throw invalid("\(named): tagStatus '\(statusText)' is not tagged, untagged or any.")
        }
        let prefixes = try strings(chosen["tagPrefixList"], "tagPrefixList", named)
        let patterns = try strings(chosen["tagPatternList"], "tagPatternList", named)
        switch tagStatus {
        case .tagged:
            guard prefixes != nil || patterns != nil else {
                throw invalid("\(named): tagPrefixList (or tagPatternList) is required when tagStatus is tagged.")
            }
            guard prefixes == nil || patterns == nil else {
                throw invalid("\(named): give tagPrefixList or tagPatternList, not both.")
            }
        case .untagged, .any:
            guard prefixes == nil, patterns == nil else {
                throw invalid(
                    "\(named): tagPrefixList and tagPatternList are only for tagStatus tagged, not \(tagStatus.rawValue).")
            }
        }
        for pattern in patterns ?? [] where pattern.filter({ $0 == "*" }).count > maximumWildcards {
            throw invalid("\(named): tag pattern '\(pattern)' has more than \(maximumWildcards) wildcards.")
        }
        guard let typeText = chosen["countType"]?.stringValue else {
            throw invalid("\(named): selection needs countType: imageCountMoreThan or sinceImagePushed.")
        }
        guard let countType = CountType(rawValue: typeText) else {
            throw invalid("\(named): countType '\(typeText)' is not imageCountMoreThan or sinceImagePushed.")
        }
        switch countType {
        case .sinceImagePushed:
            guard let unit = chosen["countUnit"] else {
                throw invalid("\(named): countUnit \"days\" is required with sinceImagePushed.")
            }
            guard unit.stringValue == "days" else { throw invalid("\(named): countUnit must be \"days\".") }
        case .imageCountMoreThan:
            guard chosen["countUnit"] == nil else {
                throw invalid("\(named): countUnit is only for sinceImagePushed; imageCountMoreThan counts images.")
            }
        }
        guard let count = chosen["countNumber"]?.intValue, count >= 1, count <= Int64(Int32.max) else {
            throw invalid("\(named): countNumber must be a whole number of 1 or more.")
        }
        return Rule(
            rulePriority: Int(priority), description: description, tagStatus: tagStatus, tagPrefixList: prefixes ?? [],
            tagPatternList: patterns ?? [], countType: countType, countNumber: Int(count))
    }

    /// A non-empty list of non-empty strings, or nil when absent.
    private static func strings(_ value: JSONValue?, _ name: String, _ place: String) throws(NetctlError) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            throw invalid("\(place): \(name) must be a non-empty array of strings.")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue, !text.isEmpty else {
                throw invalid("\(place): every entry of \(name) must be a non-empty string.")
            }
            result.append(text)
        }
        return result
    }

    /// The rules of the set as a whole: unique priorities, one `untagged` rule, `any` last.
    private static func checkRuleSet(_ rules: [Rule]) throws(NetctlError) {
        var seen = Set<Int>()
        for rule in rules where !seen.insert(rule.rulePriority).inserted {
            throw invalid("rulePriority \(rule.rulePriority) is used by more than one rule; priorities must be unique.")
        }
        let untagged = rules.filter { $0.tagStatus == .untagged }
        if untagged.count > 1 {
            throw invalid(
                "rules \(untagged.map { String($0.rulePriority) }.joined(separator: " and ")) both select untagged "
                    + "images; only one rule may.")
        }
        if let highest = rules.last {
            for rule in rules where rule.tagStatus == .any && rule.rulePriority != highest.rulePriority {
                throw invalid(
                    "the rule with tagStatus any (rulePriority \(rule.rulePriority)) must have the highest rulePriority; "
                        + "\(highest.rulePriority) is higher.")
            }
        }
    }
}

/// One image a lifecycle policy expires, and the rule that does.
public struct LifecycleExpiry: Sendable, Hashable {
    public var imageDigest: String
    public var rulePriority: Int
    public init(imageDigest: String, rulePriority: Int) {
        self.imageDigest = imageDigest
        self.rulePriority = rulePriority
    }
}
