import Foundation
import NetctlAPI

/// `maxResults`/`nextToken` paging over items in creation order. The token names the last item
/// returned, so pages stay correct while items are added or removed between calls.
public struct Page<Item: StoredResource> {
    public var items: [Item]
    public var nextToken: String?
}

public enum Pagination {
    /// EC2's Describe range.
    public static let ec2Range = 5...1000

    public static func page<Item: StoredResource>(
        _ items: [Item], maxResults: Int?, nextToken: String?, range: ClosedRange<Int> = ec2Range
    ) throws(NetctlError) -> Page<Item> {
        // Callers pass creation order already; sorting again is linear on sorted input and makes the
        // token's (millisecond, ID) key and the page order agree whatever the caller did.
        var remaining = items.sorted(by: creationOrder)[...]
        if let nextToken {
            guard let (millis, id) = decode(nextToken) else {
                throw NetctlError(.invalidNextToken, "The nextToken '\(nextToken)' is not valid. Start again without it.")
            }
            remaining = remaining.drop { item in
                let itemMillis = Timestamp.epochMilliseconds(item.createdAt)
                return itemMillis < millis || (itemMillis == millis && item.id <= id)
            }
        }
        guard let maxResults else { return Page(items: Array(remaining), nextToken: nil) }
        try check(maxResults: maxResults, range: range)
        let pageItems = Array(remaining.prefix(maxResults))
        let more = remaining.count > maxResults
        return Page(items: pageItems, nextToken: more ? pageItems.last.map(encode) : nil)
    }

    /// `maxResults` outside the action's range is `InvalidParameterValue`.
    public static func check(maxResults: Int, range: ClosedRange<Int> = ec2Range) throws(NetctlError) {
        guard range.contains(maxResults) else {
            throw NetctlError(
                .invalidParameterValue,
                "maxResults must be between \(range.lowerBound) and \(range.upperBound); got \(maxResults).")
        }
    }

    /// Where an item stands in creation order: what a token names.
    public struct Key: Comparable, Sendable {
        public var millis: Int64
        public var id: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.millis != rhs.millis ? lhs.millis < rhs.millis : lhs.id < rhs.id
        }
    }

    /// The same pages as `page(_:…)`, from keys already in creation order: items are read (and
    /// filtered, `item` returning nil to leave one out) only from the token on and only until the page
    /// is full and one more is known to exist. A large set costs a sort of its keys, not of its items.
    public static func page<Item: StoredResource>(
        ordered keys: [Key], maxResults: Int?, nextToken: String?, range: ClosedRange<Int> = ec2Range,
        item: (String) -> Item?
    ) throws(NetctlError) -> Page<Item> {
        var start = keys.startIndex
        if let nextToken {
            guard let (millis, id) = decode(nextToken) else {
                throw NetctlError(.invalidNextToken, "The nextToken '\(nextToken)' is not valid. Start again without it.")
            }
            start = firstIndex(after: Key(millis: millis, id: id), in: keys)
        }
        guard let maxResults else { return Page(items: keys[start...].compactMap { item($0.id) }, nextToken: nil) }
        try check(maxResults: maxResults, range: range)
        var items: [Item] = []
        var more = false
        for key in keys[start...] {
            guard let found = item(key.id) else { continue }
            if items.count == maxResults {
                more = true
                break
            }
            items.append(found)
        }
        return Page(items: items, nextToken: more ? items.last.map(encode) : nil)
    }

    /// The index of the first key after `token` (binary search: keys are sorted).
    private static func firstIndex(after token: Key, in keys: [Key]) -> Int {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] <= token { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func encode<Item: StoredResource>(_ item: Item) -> String {
        let raw = "\(Timestamp.epochMilliseconds(item.createdAt))|\(item.id)"
        return Data(raw.utf8).base64EncodedString()
    }

    private static func decode(_ token: String) -> (Int64, String)? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let millis = Int64(parts[0]) else { return nil }
        return (millis, String(parts[1]))
    }
}
