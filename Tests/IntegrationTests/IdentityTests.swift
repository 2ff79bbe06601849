import Foundation
import NetctlAPI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Caller identity comes from the kernel (SO_PEERCRED): these tests connect as other users.
@Suite("Identity and accounts")
struct IdentityTests {
    /// Sends one line as `uid` through the system python3 (readable by any user) and returns the response.
    func exchange(as uid: UInt32, socket: String, _ line: String) throws -> [String: Any] {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect(sys.argv[1])
            s.sendall(sys.argv[2].encode() + b"\\n")
            data = b""
            while not data.endswith(b"\\n"):
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            sys.stdout.write(data.decode())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "/usr/bin/python3", "-c", script, socket, line,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func domainCode(_ response: [String: Any]) -> String? {
        ((response["error"] as? [String: Any])?["data"] as? [String: Any])?["code"] as? String
    }

    @Test("a mapped user acts as its account, cannot pass another accountId, and sees only its own VPCs")
    func accounts() async throws {
        try #require(getuid() == 0, "needs root to connect as other users")
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let config = directory.path + "/netctld.yaml"
        try """
            identity:
              defaultAccountId: "000000000000"
              allowUnmappedUsers: false
              accounts:
                - "65534=111122223333"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await DaemonProcess.start(["--config", config], directory: directory)
        // Let the test users reach the socket (deployments use the socket's group instead).
        chmod(daemon.socketPath, 0o666)

        let whoami = try exchange(as: 65534, socket: daemon.socketPath, #"{"jsonrpc":"2.0","id":1,"method":"system.whoami"}"#)
        let me = try #require(whoami["result"] as? [String: Any])
        #expect(me["accountId"] as? String == "111122223333")
        #expect(me["admin"] as? Bool == false)
        #expect(me["uid"] as? Int == 65534)

        let intrusion = try exchange(
            as: 65534, socket: daemon.socketPath,
            #"{"jsonrpc":"2.0","id":2,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","accountId":"000000000000"}}"#)
        #expect(domainCode(intrusion) == "UnauthorizedOperation")

        let own = try exchange(
            as: 65534, socket: daemon.socketPath,
            #"{"jsonrpc":"2.0","id":3,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","name":"mine"}}"#)
        #expect((own["result"] as? [String: Any])?["accountId"] as? String == "111122223333")

        let unmapped = try exchange(as: 65533, socket: daemon.socketPath, #"{"jsonrpc":"2.0","id":4,"method":"vpc.list"}"#)
        #expect(domainCode(unmapped) == "AuthFailure")

        // Root is an admin: its own account sees nothing, and it may look into the user's account.
        #expect(try await daemon.client.send(VpcList()).vpcs.isEmpty)
        let theirs = try await daemon.client.send(VpcList(), options: CallOptions(accountId: "111122223333"))
        #expect(theirs.vpcs.map(\.name) == ["mine"])
        await daemon.terminate()
    }
}
