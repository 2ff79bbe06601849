import Foundation
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

@Suite("Daemon configuration")
struct ConfigurationTests {
    func writeConfig(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("netctld-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("flags override NETCTLD_* variables, which override the file, which overrides defaults")
    func precedence() async throws {
        let file = try writeConfig(
            """
            region: eu-west-1
            dataDir: /from/file
            quotas:
              vpcsPerRegion: 7
              subnetsPerVpc: 9
            identity:
              accounts: ["1000=111122223333"]
              adminGroups: [27]
            """)
        let environment = ["NETCTLD_DATA_DIR": "/from/env", "NETCTLD_QUOTAS_SUBNETS_PER_VPC": "11", "HOME": "/root"]
        let fromFile = try await DaemonConfiguration.load(CommandLineOverrides(configFile: file), environment: [:])
        #expect(fromFile.region == "eu-west-1")
        #expect(fromFile.quotas[.vpcsPerRegion] == 7)
        #expect(fromFile.quotas[.routesPerRouteTable] == 50)
        #expect(fromFile.identity.accountsByUid[1000] == "111122223333")
        #expect(fromFile.identity.adminGroups == [27])

        let withEnvironment = try await DaemonConfiguration.load(CommandLineOverrides(configFile: file), environment: environment)
        #expect(withEnvironment.dataDirectory == "/from/env")
        #expect(withEnvironment.quotas[.subnetsPerVpc] == 11)

        let withFlags = try await DaemonConfiguration.load(
            CommandLineOverrides(configFile: file, dataDirectory: "/from/flag", quotas: ["subnetsPerVpc=13"]),
            environment: environment)
        #expect(withFlags.dataDirectory == "/from/flag")
        #expect(withFlags.quotas[.subnetsPerVpc] == 13)
        #expect(withFlags.region == "eu-west-1")
    }

    @Test("without a file or flags: the standard paths, us-east-1 and AWS's quotas")
    func defaults() async throws {
        let configuration = try await DaemonConfiguration.load(
            CommandLineOverrides(configFile: try writeConfig("{}")), environment: ["NETCTL_SOCKET": "/tmp/x.sock"])
        #expect(configuration.socketPath == "/tmp/x.sock")
        #expect(configuration.region == "us-east-1")
        #expect(configuration.quotas == Quotas())
        #expect(configuration.maximumLineBytes == 1 << 20)
        #expect(configuration.identity == IdentityConfiguration())
    }

    @Test("bad values are refused with a message naming the key")
    func invalid() async throws {
        await #expect { try await DaemonConfiguration.load(CommandLineOverrides(region: "mars"), environment: [:]) } throws: {
            "\($0)".contains("mars")
        }
        await #expect {
            try await DaemonConfiguration.load(CommandLineOverrides(quotas: ["routesPerRouteTable=5000"]), environment: [:])
        } throws: { "\($0)".contains("routesPerRouteTable must be between 1 and 1000") }
        await #expect {
            try await DaemonConfiguration.load(
                CommandLineOverrides(configFile: try writeConfig("identity:\n  accounts: [\"x=1\"]\n")), environment: [:])
        } throws: { "\($0)".contains("UID=ACCOUNT") }
        await #expect {
            try await DaemonConfiguration.load(CommandLineOverrides(configFile: "/nonexistent.yaml"), environment: [:])
        } throws: { "\($0)".contains("/nonexistent.yaml") }
    }

    @Test("the shipped example config loads and changes no default")
    func example() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = root.appendingPathComponent("etc/netctld.yaml").path
        let configuration = try await DaemonConfiguration.load(
            CommandLineOverrides(configFile: example), environment: ["NETCTL_SOCKET": "/tmp/x.sock", "HOME": "/root"])
        #expect(configuration.quotas == Quotas())
        #expect(configuration.region == "us-east-1")
        #expect(configuration.manualClock == false)
    }
}
