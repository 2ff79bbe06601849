import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("References: whitespace around an ID or name")
struct ReferenceTrimmingTests {
    @Test(
        "trims exactly what trimmingCharacters(in: .whitespaces) trims",
        arguments: ["vpc-0abc", "  vpc-0abc ", "\tweb", "web\t", "a b", "", " ", "\u{3000}prod\u{00A0}", "x\n", "\ny", "é"])
    func trimsAsFoundation(_ reference: String) {
        #expect(State.trimmingWhitespace(reference) == reference.trimmingCharacters(in: .whitespaces))
    }

    @Test("a reference with spaces around it finds the VPC")
    func spacedReference() throws {
        var state = State()
        var context = CommandContext(
            scope: Scope(accountId: "000000000000", region: "us-east-1"), now: Date(timeIntervalSince1970: 1_800_000_000),
            quotas: Quotas(), ids: IDGenerator(seed: 1))
        let vpc = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "web"), &context) }
        #expect(try state.vpc("  \(vpc.vpcId)\t", in: context.scope).vpcId == vpc.vpcId)
        #expect(try state.vpc(" web ", in: context.scope).vpcId == vpc.vpcId)
    }
}
