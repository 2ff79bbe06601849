import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Instances in the daemon")
struct InstanceStoreTests {
    @Test("instances load back from the v11 table with their timed index; their interfaces keep groups and attachment")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "web"), &ctx)
            _ = try s.runInstances(InstanceRun(subnet: "web", name: "w", associatePublicIpAddress: true, count: 2), &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.resourceCounts["instances"] == 2)
        #expect(loaded.instances.all.allSatisfy { state.instances[$0.instanceId] == $0 })
        #expect(loaded.networkInterfaces.all.allSatisfy { state.networkInterfaces[$0.networkInterfaceId] == $0 })
        #expect(loaded.networkInterfaces.all.allSatisfy { $0.attachment != nil && $0.publicIpAddress != nil })
        #expect(loaded.nextDeadline() == state.nextDeadline() && loaded.nextDeadline() != nil, "pending instances are due")
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v11: instances"))
        try store.close()
    }
}
