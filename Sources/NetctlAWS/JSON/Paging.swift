/// Pages of a list the JSON services answer in full from netctl: the token is the next item's
/// index, which stays valid as long as the list is read in the same order.
enum Paging {
    struct Page<Item> {
        var items: ArraySlice<Item>
        var nextToken: String?
    }

    static func page<Item>(_ items: [Item], limit: Int?, maximum: Int, nextToken: String?) throws(AWSError) -> Page<
        Item
    > {
        let size = limit ?? maximum
        guard (1...maximum).contains(size) else {
            throw AWSError(
                code: "InvalidParameterException", message: "The limit \(size) is out of range: give 1 to \(maximum).")
        }
        var start = 0
        if let nextToken {
            guard let index = Int(nextToken), (0...items.count).contains(index) else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "The nextToken '\(nextToken)' was not returned by this list; start again without one.")
            }
            start = index
        }
        let end = min(items.count, start + size)
        return Page(items: items[start..<end], nextToken: end < items.count ? String(end) : nil)
    }
}
