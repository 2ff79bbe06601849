import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

/// The request path's fast paths against the encoder they stand in for: each must write exactly what
/// `NetctlJSON.encoder` writes, since the wire format is the contract.
@Suite("Wire codec: one decode, one encode")
struct WireCodecTests {
    static let ids: [RPCID?] = [
        nil, .number(0), .number(-1), .number(Int64.max), .number(Int64.min), .string(""), .string("a/b"),
        .string("quote \" backslash \\ newline \n tab \t"), .string("\u{0}\u{1f}\u{7f}"), .string("café 😀 \u{2028}"),
    ]

    @Test("a response line is byte for byte what the encoder writes for RPCResponse", arguments: ids)
    func responseLine(_ id: RPCID?) throws {
        let vpc = Vpc(
            vpcId: "vpc-1", name: "a \"quoted\" / name", accountId: "000000000000", region: "us-east-1",
            cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-1", tags: ["Name": "a"],
            createdAt: Date(timeIntervalSince1970: 1_800_000_000.123))
        let expected = try NetctlJSON.encoder.encode(
            RPCResponse(id: id, result: try NetctlJSON.decoder.decode(JSONValue.self, from: NetctlJSON.encoder.encode(vpc))))
        #expect(WireCodec.response(id: id, .success(.value(vpc))) == expected)
        #expect(WireCodec.response(id: id, .success(.encoded(try NetctlJSON.encoder.encode(vpc)))) == expected)
        let error = RPCErrorObject(code: -32000, message: "no", data: ["code": "InvalidVpcID.NotFound"])
        #expect(WireCodec.response(id: id, .failure(error)) == (try NetctlJSON.encoder.encode(RPCResponse(id: id, error: error))))
    }

    @Test("a command's answer reuses the bytes its resource was recorded with, only while they are current")
    func resultReusesRecordedBytes() throws {
        var state = State()
        var ctx = context()
        let vpc = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx) }
        guard case .encoded(let bytes) = ResultBody.of(vpc, in: state) else {
            Issue.record("a VPC just recorded was encoded again")
            return
        }
        #expect(bytes == (try NetctlJSON.encoder.encode(vpc)))
        // Another version of the resource than the state holds: the bytes are not its.
        var renamed = vpc
        renamed.name = "b"
        guard case .value = ResultBody.of(renamed, in: state) else {
            Issue.record("stale bytes answered for a resource that differs from the state's")
            return
        }
        // Not a stored resource at all.
        guard case .value = ResultBody.of(EmptyResponse(), in: state) else {
            Issue.record("bytes for a value that is no resource")
            return
        }
    }

    @Test("a rolled-back command leaves no bytes behind for the rows it touched")
    func rollbackForgetsBytes() throws {
        var state = State()
        var ctx = context()
        let vpc = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx) }
        _ = state.takeChanges()
        #expect(throws: NetctlError.self) {
            try state.transact { s throws(NetctlError) in
                _ = try s.modifyVpcAttribute(VpcModifyAttribute(vpc: vpc.vpcId, enableDnsHostnames: true), &ctx)
                throw NetctlError(.internalError, "fail after the change")
            }
        }
        #expect(state.takeChanges().bodies.isEmpty)
    }

    @Test("each resource is written once: the row's body is the change event's detail, byte for byte")
    func rowBodyIsEventDetail() async throws {
        let path = try temporaryDatabasePath()
        let store = try Store(path: path)
        var state = State()
        var ctx = context()
        _ = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx) }
        try await store.commit(state.takeChanges(), from: state)
        let queue = try DatabaseQueue(path: path)
        let pairs = try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT v.body, e.detail FROM vpcs v JOIN events e ON e.resource_id = v.id WHERE e.action = 'create'")
        }
        #expect(pairs.count == 1)
        for pair in pairs { #expect((pair["body"] as String) == (pair["detail"] as String)) }
    }

    @Test("the fingerprint is computed only with a client token, as it always was: over the params without the call options")
    func fingerprintOnlyWithToken() throws {
        struct Probe: Decodable {
            var decoded: Result<DecodedParams, RPCErrorObject>
            init(from decoder: any Decoder) {
                decoded = DecodedParams.decode(VpcCreate.self, from: decoder) { _ in .streams { _, _ in .success(.value(EmptyResponse())) } }
            }
        }
        let params = #"{"cidrBlock":"10.0.0.0/16","name":"a","tags":{"k":"v"},"region":"us-east-1"}"#
        let plain = try NetctlJSON.decoder.decode(Probe.self, from: Data(params.utf8)).decoded.get()
        #expect(plain.fingerprint == nil)
        let withToken = #"{"cidrBlock":"10.0.0.0/16","name":"a","tags":{"k":"v"},"region":"us-east-1","clientToken":"t"}"#
        let tokened = try NetctlJSON.decoder.decode(Probe.self, from: Data(withToken.utf8)).decoded.get()
        // What records stored before this change hold, so retries across an upgrade still match.
        let expected = Idempotency.fingerprint(
            method: "vpc.create", params: ["cidrBlock": "10.0.0.0/16", "name": "a", "tags": ["k": "v"]])
        #expect(tokened.fingerprint == expected)
        #expect(tokened.options.clientToken == "t")
        #expect(Set(tokened.memberNames) == ["cidrBlock", "name", "tags", "region", "clientToken"])
    }

    @Test("a surrogate escape anywhere makes the line a parse error, as when lines were read whole")
    func surrogateScan() {
        #expect(WireCodec.hasSurrogateEscape(Data(#"{"id":"\ud800"}"#.utf8)))
        #expect(WireCodec.hasSurrogateEscape(Data(#"{"id":"\uDFFF"}"#.utf8)))
        #expect(!WireCodec.hasSurrogateEscape(Data(#"{"id":"\u00e9\ud7ff"}"#.utf8)))
        #expect(!WireCodec.hasSurrogateEscape(Data(#"{"id":1}"#.utf8)))
    }

    @Test("params decode inside the line and errors name the member from the params object down")
    func paramsErrorsNameTheMember() async throws {
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"cidrBlock":5}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"vpc.create","params":{"tags":{"a":1},"cidrBlock":"10.0.0.0/16"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"vpc.create","params":{}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"vpc.list","params":{"region":7}}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"vpc.list","params":[1]}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"vpc.list","params":null}"#,
        ]
        let report = await RequestReplay().replay(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(report.violations == [])
        let responses = try report.responses.map { try NetctlJSON.decoder.decode(JSONValue.self, from: $0) }
        let messages = responses.map { $0["error"]?["message"]?.stringValue }
        #expect(messages == [
            "Parameter 'cidrBlock' of vpc.create must be a string.",
            "Parameter 'tags.a' of vpc.create must be a string.",
            "vpc.create requires the parameter 'cidrBlock'.",
            "Parameter 'region' of vpc.list must be a string.",
            "vpc.list takes its params as an object of named members.",
            nil,
        ])
    }

    @Test("a reach matrix written by hand is byte for byte what the encoder writes")
    func reachMatrixFastPath() throws {
        let odd = "quote \" backslash \\ / newline \n tab \t \u{0}\u{1f}\u{7f} café 😀 \u{2028}"
        let matrices = [
            ReachMatrixResult(endpoints: [], pairs: []),
            ReachMatrixResult(endpoints: ["i-1"], pairs: []),
            ReachMatrixResult(
                endpoints: ["i-1", "i-2", odd],
                pairs: [
                    ReachMatrixPair(source: "i-1", destination: "i-2", reachable: true),
                    ReachMatrixPair(
                        source: "i-2", destination: "i-1", reachable: false,
                        explanation: ReachExplanation(
                            code: ReachExplanation.securityGroupDeniesIngress, message: "Group sg-1 allows no \"tcp\" 5432",
                            component: "sg-1")),
                    ReachMatrixPair(
                        source: odd, destination: "i-1", reachable: false,
                        explanation: ReachExplanation(code: ReachExplanation.noRouteToDestination, message: odd)),
                    // A pair naming an ID the endpoints do not list is still written as given.
                    ReachMatrixPair(source: "i-9", destination: odd, reachable: false),
                ]),
        ]
        for matrix in matrices {
            let expected = try NetctlJSON.encoder.encode(matrix)
            #expect(try WireCodec.encodeValue(matrix) == expected)
            #expect(WireCodec.response(id: .number(1), .success(.value(matrix)))
                == (try NetctlJSON.encoder.encode(
                    RPCResponse(id: .number(1), result: try NetctlJSON.decoder.decode(JSONValue.self, from: expected)))))
        }
    }
}
