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
        try #require(try exchange(uid: uid, gid: uid, groups: [], socket: socket, line))
    }

    /// Sends one line as `uid`/`gid` with these supplementary groups; nil when the connection is refused.
    func exchange(uid: UInt32, gid: UInt32, groups: [UInt32], socket: String, _ line: String) throws -> [String: Any]? {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(sys.argv[1])
            except PermissionError:
                sys.exit(13)
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
        let groupArguments = groups.isEmpty ? ["--clear-groups"] : ["--groups=" + groups.map(String.init).joined(separator: ",")]
        process.arguments =
            ["--reuid=\(uid)", "--regid=\(gid)"] + groupArguments + ["/usr/bin/python3", "-c", script, socket, line]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 13 { return nil }
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

    @Test("socket group, user-name and group mappings, admin group, read-only group and the default account")
    func accessControl() async throws {
        try #require(getuid() == 0, "needs root to connect as other users")
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let config = directory.path + "/netctld.yaml"
        // 4242 may connect; 4243 maps to an account; 4244 are admins; 4245 may only read.
        try """
            socketGroup: 4242
            identity:
              allowUnmappedUsers: false
              accounts: ["nobody=111122223333", "@4243=222233334444"]
              adminGroups: [4244]
              readOnlyGroups: [4245]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await DaemonProcess.start(["--config", config], directory: directory)
        let socket = daemon.socketPath
        var status = stat()
        #expect(stat(socket, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o660)
        #expect(status.st_gid == 4242)
        func call(_ uid: UInt32, _ groups: [UInt32], _ method: String, _ params: String = "{}") throws -> [String: Any]? {
            try exchange(
                uid: uid, gid: uid, groups: groups, socket: socket,
                #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#)
        }
        func result(_ response: [String: Any]?) -> [String: Any]? { response?["result"] as? [String: Any] }

        // Outside the socket's group: the kernel refuses the connection.
        #expect(try call(65534, [], "system.whoami") == nil)
        // The user name "nobody" (uid 65534) maps to its account.
        let nobody = try #require(result(try call(65534, [4242], "system.whoami")))
        #expect(nobody["accountId"] as? String == "111122223333")
        #expect(nobody["admin"] as? Bool == false && nobody["readOnly"] as? Bool == false)
        // A member of group 4243 acts as the group's account, and creates there.
        #expect(result(try call(5001, [4242, 4243], "system.whoami"))?["accountId"] as? String == "222233334444")
        let created = try call(5001, [4242, 4243], "vpc.create", #"{"cidrBlock":"10.0.0.0/16","name":"team"}"#)
        #expect(result(created)?["accountId"] as? String == "222233334444")
        // Unmapped and no default account allowed.
        #expect(domainCode(try #require(try call(5002, [4242], "vpc.list"))) == "AuthFailure")
        // An admin-group member acts as any account.
        let admin = try call(5003, [4242, 4244], "vpc.list", #"{"accountId":"222233334444"}"#)
        #expect((result(admin)?["vpcs"] as? [[String: Any]])?.count == 1)
        // A read-only member reads, and is refused anything that writes, state or streams.db alike.
        let readerGroups: [UInt32] = [4242, 4243, 4245]
        #expect(result(try call(5004, readerGroups, "system.whoami"))?["readOnly"] as? Bool == true)
        #expect((result(try call(5004, readerGroups, "vpc.list"))?["vpcs"] as? [[String: Any]])?.count == 1)
        #expect(result(try call(5004, readerGroups, "logs.groups")) != nil)
        for (method, params) in [
            ("vpc.create", #"{"cidrBlock":"10.1.0.0/16"}"#), ("vpc.delete", #"{"vpc":"team"}"#),
            ("logs.createGroup", #"{"group":"mine"}"#),
            ("metrics.put", #"{"namespace":"App","metricData":[{"metricName":"m","value":1}]}"#),
        ] {
            let refused = try #require(try call(5004, readerGroups, method, params))
            #expect(domainCode(refused) == "UnauthorizedOperation", "\(method): \(refused)")
        }
        // Nothing the read-only user tried happened.
        #expect(try await daemon.client.send(VpcList(), options: CallOptions(accountId: "222233334444")).vpcs.map(\.name) == ["team"])
        await daemon.terminate()
    }
}
