import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Network ACLs in the daemon")
struct NetworkAclStoreTests {
    /// VPC `a` with two subnets, one moved to a custom ACL with an entry.
    func aclState() throws -> State {
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "web"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24", name: "db"), &ctx)
            _ = try s.createNetworkAcl(NetworkAclCreate(vpc: "a", name: "private"), &ctx)
            _ = try s.createNetworkAclEntry(
                NetworkAclCreateEntry(
                    networkAcl: "private", ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow",
                    cidrBlock: "10.0.0.0/16", fromPort: 5432, toPort: 5432), &ctx)
            _ = try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: "private", subnet: "db"), &ctx)
        }
        return state
    }

    @Test("ACLs load back from the v10 table with their subnet and default-ACL indexes")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = try aclState()
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.networkAcls.all.count == 2)
        #expect(loaded.networkAcls.all.allSatisfy { state.networkAcls[$0.networkAclId] == $0 })
        #expect(loaded.resourceCounts["networkAcls"] == 2)
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        let vpc = try loaded.vpc("a", in: scope)
        let db = try loaded.subnet("db", in: scope)
        let web = try loaded.subnet("web", in: scope)
        #expect(loaded.networkAcl(ofSubnet: db.subnetId)?.name == "private")
        #expect(loaded.networkAcl(ofSubnet: web.subnetId)?.isDefault == true)
        #expect(db.networkAclId == loaded.networkAcl(ofSubnet: db.subnetId)?.networkAclId)
        #expect(loaded.defaultNetworkAcl(ofVpc: vpc.vpcId)?.associations.map(\.subnetId) == [web.subnetId])
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v10: network ACLs"))
        let parents = try await store.database.read { db in
            try String?.fetchAll(db, sql: "SELECT DISTINCT parent_id FROM network_acls")
        }
        #expect(parents == [vpc.vpcId])
        try store.close()
    }

    @Test("the v10 upgrade gives each stored VPC its default ACL with all its subnets, as creation would")
    func upgrade() async throws {
        let path = try temporaryDatabasePath()
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24"), &ctx)
        }
        let store = try Store(path: path)
        try await store.commit(state.takeChanges(), from: state)
        // As a database written before network ACLs existed.
        try await store.database.write { db in
            try db.execute(sql: "DROP TABLE network_acls")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v10: network ACLs'")
            try db.execute(sql: "UPDATE subnets SET body = json_remove(body, '$.networkAclId')")
        }
        try store.close()
        let upgraded = try Store(path: path)
        let loaded = try upgraded.loadState()
        #expect(loaded.networkAcls.count == 2)
        for acl in state.networkAcls.all {
            // Rows carry no creation order finer than their timestamp: compare associations as sets.
            var restored = try #require(
                loaded.networkAcls[acl.networkAclId], "the upgrade derives the IDs creation derives")
            #expect(Set(restored.associations) == Set(acl.associations))
            restored.associations = acl.associations
            #expect(restored == acl)
        }
        #expect(loaded.subnets.all.allSatisfy { state.subnets[$0.subnetId] == $0 })
        try upgraded.close()
    }

    @Test("ACL changes are logged to /netctl/vpc under their IDs")
    func watcher() throws {
        var state = try aclState()
        let events = state.takeChanges().events.filter { $0.resourceType == .networkAcl }
        #expect(
            events.map(\.action) == [.create, .associate, .associate, .create, .update, .disassociate, .associate])
        for event in events {
            let entry = Watcher.entry(for: event)
            #expect(entry.group == "/netctl/vpc" && entry.stream == event.resourceId)
            #expect(event.resourceId.hasPrefix("acl-") && entry.message.contains(#""resourceType":"networkAcl""#))
        }
    }
}
