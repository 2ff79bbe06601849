import Foundation
import NetctlAWS
import Testing

@testable import NetctlDaemon

@Suite("The aws section of netctld.yaml")
struct AWSConfigurationTests {
    func load(_ yaml: String, environment: [String: String] = [:], listen: String? = nil) async throws
        -> DaemonConfiguration
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("netctld-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await DaemonConfiguration.load(
            CommandLineOverrides(configFile: path, awsListen: listen), environment: environment)
    }

    @Test("off by default, with test/test standing in for keys")
    func defaults() async throws {
        let configuration = try await load("region: us-east-1\n")
        #expect(configuration.aws.listen == nil)
        #expect(configuration.aws.usesTestCredentials)
        #expect(configuration.aws.credentials == [AWSCredential.wellKnownTest(accountId: "000000000000")])
    }

    @Test("keys as ID:SECRET:ACCOUNT with readOnly or admin; the flag and the variable set the listener")
    func keysAndListener() async throws {
        let configuration = try await load(
            """
            identity:
              defaultAccountId: "999999999999"
            aws:
              listen: 127.0.0.1:4566
              credentials:
                - "AKIAONE:secret/one+x:111122223333"
                - "AKIATWO:secret-two:222233334444:readOnly"
                - "AKIATHREE:secret-three:333344445555:admin"
            """)
        #expect(configuration.aws.listen == HostAndPort(host: "127.0.0.1", port: 4566))
        #expect(!configuration.aws.usesTestCredentials)
        #expect(
            configuration.aws.credentials == [
                AWSCredential(accessKeyId: "AKIAONE", secretAccessKey: "secret/one+x", accountId: "111122223333"),
                AWSCredential(
                    accessKeyId: "AKIATWO", secretAccessKey: "secret-two", accountId: "222233334444", readOnly: true),
                AWSCredential(
                    accessKeyId: "AKIATHREE", secretAccessKey: "secret-three", accountId: "333344445555", admin: true),
            ])
        let flagged = try await load("aws:\n  listen: 127.0.0.1:4566\n", listen: "[::1]:5000")
        #expect(flagged.aws.listen == HostAndPort(host: "::1", port: 5000))
        let fromEnvironment = try await load("{}\n", environment: ["NETCTLD_AWS_LISTEN": "localhost:4567"])
        #expect(fromEnvironment.aws.listen == HostAndPort(host: "localhost", port: 4567))
    }

    @Test("a remote listener needs allowRemote")
    func remoteListener() async throws {
        await #expect(throws: ConfigurationError.self) { try await load("aws:\n  listen: 0.0.0.0:4566\n") }
        let allowed = try await load("aws:\n  listen: 0.0.0.0:4566\n  allowRemote: true\n")
        #expect(allowed.aws.listen == HostAndPort(host: "0.0.0.0", port: 4566))
        #expect(allowed.aws.allowRemote)
    }

    @Test("bad entries are refused with a message naming them", arguments: [
        "aws:\n  credentials: [\"AKIA:secret\"]\n",
        "aws:\n  credentials: [\"AKIA:secret:1234\"]\n",
        "aws:\n  credentials: [\"AKIA:secret:111122223333:root\"]\n",
        "aws:\n  credentials: [\"AKIA:a:111122223333\", \"AKIA:b:111122223333\"]\n",
        "aws:\n  listen: 127.0.0.1\n",
        "aws:\n  listen: 127.0.0.1:99999\n",
    ])
    func badEntries(yaml: String) async throws {
        do {
            _ = try await load(yaml)
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("aws."), "\(error)")
        }
    }
}
