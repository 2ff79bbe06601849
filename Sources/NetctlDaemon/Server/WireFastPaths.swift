import Foundation
import NetctlAPI

/// A result big enough that `JSONEncoder`'s per-value cost dominates its answer, written by hand.
/// Each conformance must write exactly what `NetctlJSON.encoder` writes for the value (sorted keys,
/// absent optionals left out, `JSONText` escaping); WireCodecTests compares them byte for byte.
protocol WireFastEncodable {
    func appendJSON(to bytes: inout [UInt8])
}

extension WireCodec {
    /// A result's JSON: by its fast path when it has one, else by the shared encoder.
    static func encodeValue(_ value: any Encodable & Sendable) throws -> Data {
        guard let fast = value as? any WireFastEncodable else { return try NetctlJSON.encoder.encode(value) }
        var bytes: [UInt8] = []
        fast.appendJSON(to: &bytes)
        return Data(bytes)
    }

    /// `response(id:_:)` for a fast path's result, written in one buffer: a matrix's 30 MB are not
    /// copied once more to be spliced into the envelope.
    static func fastResponse(id: RPCID?, _ result: any WireFastEncodable) -> Data {
        var bytes = Array(#"{"id":"#.utf8)
        bytes.append(contentsOf: idText(id).utf8)
        bytes.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
        result.appendJSON(to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return Data(bytes)
    }
}

/// A 500-instance matrix is 249,500 pairs: through `JSONEncoder` its encoding alone took seconds.
extension ReachMatrixResult: WireFastEncodable {
    func appendJSON(to bytes: inout [UInt8]) {
        // Every pair names two endpoints: quote each ID once.
        let quoted = endpoints.map { Array(JSONText.quote($0).utf8) }
        var index: [String: Int] = [:]
        for (position, id) in endpoints.enumerated() where index[id] == nil { index[id] = position }
        func appendID(_ id: String, _ bytes: inout [UInt8]) {
            if let position = index[id] { bytes.append(contentsOf: quoted[position]) } else { bytes.appendQuoted(id) }
        }
        // A reachable pair takes about 80 bytes, a blocked one about 300 with its message.
        let blocked = pairs.count { !$0.reachable }
        bytes.reserveCapacity(bytes.count + 90 * pairs.count + 260 * blocked + 32 * endpoints.count + 64)
        bytes.append(contentsOf: #"{"endpoints":["#.utf8)
        for (position, id) in quoted.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: id)
        }
        bytes.append(contentsOf: #"],"pairs":["#.utf8)
        for (position, pair) in pairs.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"destination":"#.utf8)
            appendID(pair.destination, &bytes)
            if let explanation = pair.explanation {
                bytes.append(contentsOf: #","explanation":{"code":"#.utf8)
                bytes.appendQuoted(explanation.code)
                if let component = explanation.component {
                    bytes.append(contentsOf: #","component":"#.utf8)
                    bytes.appendQuoted(component)
                }
                bytes.append(contentsOf: #","message":"#.utf8)
                bytes.appendQuoted(explanation.message)
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(contentsOf: pair.reachable ? #","reachable":true,"source":"#.utf8 : #","reachable":false,"source":"#.utf8)
            appendID(pair.source, &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(contentsOf: "]}".utf8)
    }
}

extension [UInt8] {
    fileprivate mutating func appendQuoted(_ text: String) {
        append(contentsOf: JSONText.quote(text).utf8)
    }
}
