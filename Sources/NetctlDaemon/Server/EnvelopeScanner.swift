import NetctlAPI

/// The envelope of the request nearly every line is, `{"jsonrpc":"2.0","id":7,"method":"vpc.get",
/// "params":{…}}` in any member order, read straight from the bytes, so that only the params object
/// goes through `JSONDecoder`. The scanner vouches only for what it fully understands; anything else
/// (a batch, an escape in the envelope, another member, a duplicate, a number that is not a plain
/// integer, bytes after the object) returns nil and the line takes the general path, whose answers
/// (every error message included) are the contract.
struct EnvelopeScan: Equatable {
    var jsonrpc: Range<Int>
    var method: Range<Int>
    /// Whether the line has an "id" member: without one the request is a notification.
    var hasId: Bool
    var id: RPCID?
    /// The params object, from its `{` to its `}`; nil when absent or null.
    var params: Range<Int>?

    static func scan(_ bytes: UnsafeRawBufferPointer) -> EnvelopeScan? {
        var reader = Reader(bytes: bytes)
        return reader.envelope()
    }

    private enum Member {
        case jsonrpc, id, method, params
    }

    private struct Reader {
        var json: JSONByteReader

        init(bytes: UnsafeRawBufferPointer) { json = JSONByteReader(bytes: bytes) }

        mutating func envelope() -> EnvelopeScan? {
            var jsonrpc: Range<Int>?
            var method: Range<Int>?
            var hasId = false
            var id: RPCID?
            var params: Range<Int>?
            var seenParams = false
            json.skipSpace()
            guard json.take(UInt8(ascii: "{")) else { return nil }
            json.skipSpace()
            if json.take(UInt8(ascii: "}")) { return nil }
            while true {
                json.skipSpace()
                guard let key = json.plainString(), let member = Self.member(json.bytes, key) else { return nil }
                json.skipSpace()
                guard json.take(UInt8(ascii: ":")) else { return nil }
                json.skipSpace()
                switch member {
                case .jsonrpc:
                    guard jsonrpc == nil, let value = json.plainString() else { return nil }
                    jsonrpc = value
                case .method:
                    guard method == nil, let value = json.plainString() else { return nil }
                    method = value
                case .id:
                    guard !hasId else { return nil }
                    hasId = true
                    if json.literal("null") {
                        id = nil
                    } else if let number = json.integer() {
                        id = .number(number)
                    } else if let text = json.plainString() {
                        id = .string(json.text(text))
                    } else {
                        return nil
                    }
                case .params:
                    guard !seenParams else { return nil }
                    seenParams = true
                    if json.literal("null") {
                        params = nil
                    } else {
                        guard let object = json.objectExtent() else { return nil }
                        params = object
                    }
                }
                json.skipSpace()
                if json.take(UInt8(ascii: ",")) { continue }
                guard json.take(UInt8(ascii: "}")) else { return nil }
                break
            }
            json.skipSpace()
            guard json.atEnd, let jsonrpc, let method else { return nil }
            return EnvelopeScan(jsonrpc: jsonrpc, method: method, hasId: hasId, id: id, params: params)
        }

        private static func member(_ bytes: UnsafeRawBufferPointer, _ key: Range<Int>) -> Member? {
            let name = UnsafeRawBufferPointer(rebasing: bytes[key])
            if name.elementsEqual("jsonrpc".utf8) { return .jsonrpc }
            if name.elementsEqual("id".utf8) { return .id }
            if name.elementsEqual("method".utf8) { return .method }
            if name.elementsEqual("params".utf8) { return .params }
            return nil
        }
    }
}
