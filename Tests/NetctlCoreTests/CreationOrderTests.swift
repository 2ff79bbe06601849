import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A table sorts an index key's members once per version of them; every change must show in the next
/// listing, and a snapshot taken before the change must keep the order it had.
@Suite("Table creation order")
struct CreationOrderTests {
    func subnet(_ id: String, vpc: String, at millis: Int64) -> Subnet {
        Subnet(
            subnetId: id, vpcId: vpc, name: nil, accountId: "000000000000", region: "us-east-1",
            cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a", availableIpAddressCount: 251, tags: [:],
            createdAt: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    func ids(_ table: Table<Subnet>, _ key: String) -> [String] { table.childKeysInCreationOrder(of: key).map(\.id) }

    @Test("inserts, moves and removals show in the next listing; older snapshots keep theirs")
    func followsChanges() {
        var table = Table<Subnet>()
        table.upsert(subnet("subnet-b", vpc: "vpc-1", at: 2))
        table.upsert(subnet("subnet-a", vpc: "vpc-1", at: 2))
        table.upsert(subnet("subnet-c", vpc: "vpc-1", at: 1))
        #expect(ids(table, "vpc-1") == ["subnet-c", "subnet-a", "subnet-b"])
        let before = table

        table.upsert(subnet("subnet-d", vpc: "vpc-1", at: 0))
        #expect(ids(table, "vpc-1") == ["subnet-d", "subnet-c", "subnet-a", "subnet-b"])
        // Moved to another parent: gone from one order, in the other.
        table.upsert(subnet("subnet-a", vpc: "vpc-2", at: 2))
        #expect(ids(table, "vpc-1") == ["subnet-d", "subnet-c", "subnet-b"])
        #expect(ids(table, "vpc-2") == ["subnet-a"])
        table.remove("subnet-c")
        #expect(ids(table, "vpc-1") == ["subnet-d", "subnet-b"])
        table.remove("subnet-a")
        #expect(ids(table, "vpc-2") == [])

        #expect(ids(before, "vpc-1") == ["subnet-c", "subnet-a", "subnet-b"])
        #expect(ids(before, "vpc-2") == [])
    }
}
