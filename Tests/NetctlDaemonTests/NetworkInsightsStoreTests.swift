import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Network Insights in the daemon")
struct NetworkInsightsStoreTests {
    @Test("paths and analyses load back from the v12 tables, an analysis under its path")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        try state.transact { s throws(NetctlError) in
            _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
            _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", name: "web"), &ctx)
            _ = try s.runInstances(InstanceRun(subnet: "web", name: "w"), &ctx)
            _ = try s.runInstances(InstanceRun(subnet: "web", name: "d"), &ctx)
            _ = try s.createNetworkInsightsPath(
                NetworkInsightsPathCreate(source: "w", destination: "d", protocol: "tcp", destinationPort: 22, name: "p"),
                &ctx)
            _ = try s.startNetworkInsightsAnalysis(NetworkInsightsAnalysisStart(networkInsightsPath: "p"), &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.resourceCounts["networkInsightsPaths"] == 1)
        #expect(loaded.resourceCounts["networkInsightsAnalyses"] == 1)
        let path = try #require(loaded.networkInsightsPaths.all.first)
        #expect(state.networkInsightsPaths[path.networkInsightsPathId] == path)
        let analyses = loaded.networkInsightsAnalyses.children(of: path.networkInsightsPathId)
        #expect(analyses.count == 1 && analyses.first == state.networkInsightsAnalyses[analyses[0].networkInsightsAnalysisId])
        #expect(analyses.first?.networkPathFound == true && analyses.first?.forwardPathComponents.isEmpty == false)
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v12: network insights"))
        try store.close()
    }
}
