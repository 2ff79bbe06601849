import Foundation
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

/// Reads reuse the JSON of unchanged resources; a changed one must never be answered with old bytes.
@Suite("Resource bodies reused by reads")
struct ResourceBodiesTests {
    private func vpc(name: String) -> Vpc {
        Vpc(
            vpcId: "vpc-0123456789abcdef0", name: name, accountId: "000000000000", region: "us-east-1",
            cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-0123456789abcdef0", tags: ["Name": name],
            createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("the bytes are the encoder's, and a changed resource with the same ID gets its own")
    func changedResourceIsEncodedAgain() throws {
        let bodies = ResourceBodies()
        let first = vpc(name: "a")
        #expect(try bodies.body(of: first) == (try NetctlJSON.encoder.encode(first)))
        #expect(try bodies.body(of: first) == (try NetctlJSON.encoder.encode(first)))
        let renamed = vpc(name: "b")
        #expect(try bodies.body(of: renamed) == (try NetctlJSON.encoder.encode(renamed)))
        #expect(try bodies.body(of: first) == (try NetctlJSON.encoder.encode(first)))
    }

    @Test("past its budget the cache starts again and still answers the encoder's bytes")
    func budget() throws {
        let bodies = ResourceBodies(budget: 1)
        for name in ["a", "b", "a"] {
            let value = vpc(name: name)
            #expect(try bodies.body(of: value) == (try NetctlJSON.encoder.encode(value)))
        }
    }
}
