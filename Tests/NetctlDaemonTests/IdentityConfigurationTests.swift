import Foundation
import NetctlAPI
import Testing

@testable import NetctlDaemon

@Suite("Identity configuration and caller resolution")
struct IdentityConfigurationTests {
    func load(_ yaml: String) async throws -> DaemonConfiguration {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await DaemonConfiguration.load(CommandLineOverrides(configFile: path), environment: [:])
    }

    func caller(
        _ identity: IdentityConfiguration, uid: UInt32, gid: UInt32 = 100, groups: Set<UInt32> = [],
        accountId: String? = nil
    ) throws(NetctlError) -> Caller {
        try IdentityResolver(configuration: identity, defaultRegion: "us-east-1", daemonUid: 999_999)
            .caller(
                PeerCredentials(uid: uid, gid: gid, pid: 1, supplementaryGroups: groups),
                options: CallOptions(accountId: accountId))
    }

    @Test("accounts map uids, user names and groups; names are looked up in the system databases")
    func mapping() async throws {
        let configuration = try await load(
            """
            socketGroup: root
            identity:
              allowUnmappedUsers: false
              accounts: ["1000=111122223333", "nobody=222233334444", "@4243=333344445555", "@nogroup=444455556666"]
              adminUids: [root]
              adminGroups: [4244, "nogroup"]
              readOnlyGroups: ["4245"]
            """)
        let identity = configuration.identity
        #expect(configuration.socketGroup == 0)
        #expect(identity.accountsByUid == [1000: "111122223333", 65534: "222233334444"])
        #expect(identity.accountsByGroup.map(\.gid) == [4243, 65534])
        #expect(identity.adminUids == [0])
        #expect(identity.adminGroups == [4244, 65534])
        #expect(identity.readOnlyGroups == [4245])
    }

    @Test("a user entry wins over a group entry; the first listed group decides; unmapped users fail")
    func resolution() throws {
        let identity = IdentityConfiguration(
            allowUnmappedUsers: false, accountsByUid: [1000: "111122223333"],
            accountsByGroup: [.init(gid: 50, accountId: "555555555555"), .init(gid: 60, accountId: "666666666666")])
        #expect(try caller(identity, uid: 1000, groups: [50]).accountId == "111122223333")
        #expect(try caller(identity, uid: 2000, groups: [60, 50]).accountId == "555555555555")
        #expect(try caller(identity, uid: 2000, gid: 60).accountId == "666666666666")
        #expect(throws: NetctlError.self) { try caller(identity, uid: 2000, groups: [70]) }
        do {
            _ = try caller(identity, uid: 2000)
        } catch {
            #expect(error.code == .authFailure)
        }
    }

    @Test("admin groups may act as any account; read-only groups are read-only unless also admin")
    func roles() throws {
        let identity = IdentityConfiguration(adminGroups: [10], readOnlyGroups: [20])
        let admin = try caller(identity, uid: 3000, groups: [10], accountId: "777777777777")
        #expect(admin.admin && admin.accountId == "777777777777" && !admin.readOnly)
        let reader = try caller(identity, uid: 3001, groups: [20])
        #expect(reader.readOnly && !reader.admin)
        #expect(try caller(identity, uid: 3002, groups: [10, 20]).readOnly == false)
        #expect(try caller(identity, uid: 0, gid: 20).readOnly == false)
        do {
            _ = try caller(identity, uid: 3001, groups: [20], accountId: "777777777777")
            Issue.record("a non-admin named another account")
        } catch {
            #expect(error.code == .unauthorizedOperation)
        }
    }

    @Test("unknown user and group names, malformed entries and duplicates are refused with the key named")
    func invalid() async throws {
        let cases: [(String, String)] = [
            ("identity:\n  accounts: [\"no-such-user-x=111122223333\"]", "no user 'no-such-user-x'"),
            ("identity:\n  accounts: [\"@no-such-group-x=111122223333\"]", "no group 'no-such-group-x'"),
            ("identity:\n  accounts: [\"1000=12\"]", "USER=ACCOUNT"),
            ("identity:\n  accounts: [\"1000=111122223333\", \"1000=222233334444\"]", "twice"),
            ("identity:\n  readOnlyGroups: [no-such-group-x]", "identity.readOnlyGroups"),
            ("socketGroup: no-such-group-x", "socketGroup"),
            ("logLevel: loud", "logLevel 'loud'"),
        ]
        for (yaml, expected) in cases {
            await #expect(throws: ConfigurationError.self, "\(yaml)") { try await load(yaml) }
            do {
                _ = try await load(yaml)
            } catch {
                #expect("\(error)".contains(expected), "\(error) should mention \(expected)")
            }
        }
    }

    @Test("methods that write (state or streams.db) are not read-only; reads are")
    func readOnlyMethods() {
        let table = Dictionary(uniqueKeysWithValues: MethodTable.entries(manualClock: true).map { ($0.name, $0.readOnly) })
        for name in ["vpc.create", "peering.accept", "logs.put", "logs.createGroup", "logs.deleteGroup", "logs.setRetention",
            "metrics.put", "alarm.put", "alarm.delete", "debug.clock.advance"]
        {
            #expect(table[name] == false, "\(name) must not be callable by read-only users")
        }
        for name in ["vpc.list", "vpc.get", "reach.analyze", "logs.filter", "logs.tail", "metrics.get", "system.status",
            "watch.subscribe", "rpc.discover"]
        {
            #expect(table[name] == true, "\(name) changes nothing")
        }
    }
}
