import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Security groups in the daemon")
struct SecurityGroupStoreTests {
    @Test("groups load back from the v9 table with their VPC, name and reference indexes")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            let vpc = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            let web = try s.createSecurityGroup(SecurityGroupCreate(vpc: "a", name: "web"), &ctx)
            let db = try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: "db"), &ctx)
            _ = try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(
                    group: db.groupId,
                    rules: [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: web.groupId)]),
                .ingress, &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.securityGroups.count == 3 && loaded.resourceCounts["securityGroups"] == 3)
        #expect(loaded.securityGroups.all.allSatisfy { state.securityGroups[$0.groupId] == $0 })
        for group in state.securityGroups.all {
            let body = Array(try NetctlJSON.encoder.encode(group))
            #expect(body.withUnsafeBufferPointer(SecurityGroupRowDecoder.decode) == group, "read by hand, not JSONDecoder")
        }
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let web = try loaded.securityGroup("web", in: scope)
        // The reference index survives loading: the referenced group still cannot be deleted.
        var reloaded = loaded
        var again = context(seed: 2)
        #expect(throws: NetctlError.self) {
            try reloaded.transact { s throws(NetctlError) in
                try s.deleteSecurityGroup(SecurityGroupDelete(group: web.groupId), &again)
            }
        }
        try store.close()
    }

    @Test("the v9 migration gives every VPC stored before it a default group")
    func migrationBackfillsDefaultGroups() async throws {
        let path = try temporaryDatabasePath()
        let vpc = Vpc(
            vpcId: "vpc-0a1b2c3d4e5f67890", name: "old", accountId: "000000000000", region: "us-east-1",
            cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-0a1b2c3d4e5f67890", tags: ["Name": "old"],
            createdAt: Date(timeIntervalSince1970: 1_764_091_474.123))
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v8: Cloud Map services, instances and operations")
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO vpcs (id, account_id, region, parent_id, status, created_at, body) VALUES (?, ?, ?, NULL, ?, ?, ?)",
                    arguments: [
                        vpc.vpcId, vpc.accountId, vpc.region, "available", Timestamp.format(vpc.createdAt),
                        String(decoding: try NetctlJSON.encoder.encode(vpc), as: UTF8.self),
                    ])
            }
        }
        let store = try Store(path: path)
        let loaded = try store.loadState()
        let group = try #require(loaded.defaultSecurityGroup(ofVpc: vpc.vpcId))
        #expect(group.groupId == "sg-0a1b2c3d4e5f67890" && group.groupName == "default" && group.isDefault)
        #expect(group.description == "default VPC security group" && group.createdAt == vpc.createdAt)
        #expect(group.ingressRules.map(\.referencedGroupId) == [group.groupId] && group.ingressRules[0].protocol == "-1")
        #expect(group.egressRules.map(\.cidrIpv4) == ["0.0.0.0/0"])
        #expect((group.ingressRules + group.egressRules).allSatisfy { $0.ruleId.wholeMatch(of: /sgr-[0-9a-f]{17}/) != nil })
        try store.close()
    }
}
