import Foundation
import NetctlAPI
import Testing

/// The wire protocol as scripts see it: raw lines on the socket.
@Suite("JSON-RPC over the Unix socket")
struct ProtocolTests {
    @Test("health answers a raw line, as `echo … | socat` would send it")
    func health() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        let response = try #require(try socket.exchange(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#))
        #expect(response["id"] as? Int == 1)
        let result = try #require(response["result"] as? [String: Any])
        #expect(result["status"] as? String == "ok")
        #expect(result["version"] as? String == NetctlVersion.current)
        #expect(result["uptimeSeconds"] is Double || result["uptimeSeconds"] is Int)
        await daemon.terminate()
    }

    @Test("malformed JSON gets -32700 and the connection stays usable")
    func malformedJSON() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        let parseError = try #require(try socket.exchange(#"{"jsonrpc":"2.0","id":1,"method":"#))
        #expect((parseError["error"] as? [String: Any])?["code"] as? Int == -32700)
        #expect(parseError["id"] is NSNull)
        let next = try #require(try socket.exchange(#"{"jsonrpc":"2.0","id":2,"method":"system.health"}"#))
        #expect(next["id"] as? Int == 2)
        #expect(next["result"] != nil)
        await daemon.terminate()
    }

    @Test("unknown method, bad envelope and bad params get their standard codes")
    func standardErrors() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        func code(_ line: String) throws -> (Int?, String?) {
            let error = try #require(try socket.exchange(line))["error"] as? [String: Any]
            return (error?["code"] as? Int, (error?["data"] as? [String: Any])?["code"] as? String)
        }
        #expect(try code(#"{"jsonrpc":"2.0","id":1,"method":"vpc.explode"}"#).0 == -32601)
        #expect(try code(#"{"jsonrpc":"1.0","id":2,"method":"system.health"}"#).0 == -32600)
        #expect(try code(#"{"jsonrpc":"2.0","id":3}"#).0 == -32600)
        #expect(try code(#"[]"#).0 == -32600)
        #expect(try code(#"{"jsonrpc":"2.0","id":4,"method":"vpc.create","params":{}}"#) == (-32602, "MissingParameter"))
        #expect(
            try code(#"{"jsonrpc":"2.0","id":5,"method":"vpc.create","params":{"cidrBlock":42}}"#)
                == (-32602, "InvalidParameterValue"))
        #expect(
            try code(#"{"jsonrpc":"2.0","id":6,"method":"vpc.create","params":{"cidr":"10.0.0.0/16"}}"#).1
                == "UnknownParameter")
        #expect(try code(#"{"jsonrpc":"2.0","id":7,"method":"vpc.create","params":["10.0.0.0/16"]}"#).0 == -32602)
        #expect(
            try code(#"{"jsonrpc":"2.0","id":8,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/8"}}"#)
                == (-32000, "InvalidVpc.Range"))
        // None of that changed anything.
        let list = try #require(try socket.exchange(#"{"jsonrpc":"2.0","id":9,"method":"vpc.list"}"#))
        #expect(((list["result"] as? [String: Any])?["vpcs"] as? [Any])?.isEmpty == true)
        await daemon.terminate()
    }

    @Test("a batch is answered with an array; notifications in it get no entry")
    func batch() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        try socket.send(
            #"[{"jsonrpc":"2.0","id":"a","method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","name":"one"}},"#
                + #"{"jsonrpc":"2.0","method":"vpc.create","params":{"cidrBlock":"10.1.0.0/16","name":"two"}},"#
                + #"{"jsonrpc":"2.0","id":"b","method":"vpc.create","params":{"cidrBlock":"10.2.0.0/8","name":"bad"}},"#
                + #"{"jsonrpc":"2.0","id":"c","method":"vpc.list"}]"# + "\n")
        let line = try #require(try socket.readLine())
        let responses = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]])
        #expect(responses.map { $0["id"] as? String } == ["a", "b", "c"])
        #expect(responses[0]["result"] != nil)
        // The failing command changed nothing and did not disturb the others, the notification included.
        #expect(((responses[1]["error"] as? [String: Any])?["data"] as? [String: Any])?["code"] as? String == "InvalidVpc.Range")
        let names = ((responses[2]["result"] as? [String: Any])?["vpcs"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        // Both were created in one commit, so in the same millisecond: compare without order.
        #expect(names?.sorted() == ["one", "two"])
        await daemon.terminate()
    }

    @Test("a notification gets no response; pipelined requests are answered in order and see earlier writes")
    func notificationsAndPipelining() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        try socket.send(
            #"{"jsonrpc":"2.0","method":"vpc.create","params":{"cidrBlock":"10.9.0.0/16","name":"quiet"}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","name":"a"}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":2,"method":"vpc.get","params":{"vpc":"a"}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":3,"method":"vpc.delete","params":{"vpc":"a"}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":4,"method":"vpc.get","params":{"vpc":"a"}}"# + "\n"
                + #"{"jsonrpc":"2.0","id":5,"method":"vpc.get","params":{"vpc":"quiet"}}"# + "\n")
        var responses: [[String: Any]] = []
        for _ in 0..<5 {
            let line = try #require(try socket.readLine())
            responses.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
        #expect(responses.map { $0["id"] as? Int } == [1, 2, 3, 4, 5])
        let created = try #require(responses[0]["result"] as? [String: Any])
        #expect((responses[1]["result"] as? [String: Any])?["vpcId"] as? String == created["vpcId"] as? String, "\(responses[1])")
        #expect((responses[2]["result"] as? [String: Any])?["vpcId"] as? String == created["vpcId"] as? String)
        #expect(((responses[3]["error"] as? [String: Any])?["data"] as? [String: Any])?["code"] as? String == "InvalidVpcID.NotFound")
        #expect((responses[4]["result"] as? [String: Any])?["name"] as? String == "quiet")
        await daemon.terminate()
    }

    @Test("an oversized line gets -32600 and closes only that connection")
    func oversizedLine() async throws {
        let daemon = try await DaemonProcess.start()
        let other = try RawSocket(path: daemon.socketPath)
        let socket = try RawSocket(path: daemon.socketPath)
        let huge = #"{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"name":""# + String(repeating: "x", count: 1 << 20)
            + #"","cidrBlock":"10.0.0.0/16"}}"# + "\n"
        try? socket.send(huge)
        let response = try #require(try socket.readLine())
        let error = try #require(try JSONSerialization.jsonObject(with: Data(response.utf8)) as? [String: Any])
        #expect((error["error"] as? [String: Any])?["code"] as? Int == -32600)
        #expect(try socket.readLine() == nil)
        // The connection opened before still works, and so does a fresh one; nothing was created.
        #expect(try other.exchange(#"{"jsonrpc":"2.0","id":2,"method":"system.health"}"#)?["result"] != nil)
        let fresh = try RawSocket(path: daemon.socketPath)
        let list = try #require(try fresh.exchange(#"{"jsonrpc":"2.0","id":3,"method":"vpc.list"}"#))
        #expect(((list["result"] as? [String: Any])?["vpcs"] as? [Any])?.isEmpty == true)
        await daemon.terminate()
    }

    @Test("binary garbage gets a parse error and closes that connection; the daemon lives on")
    func garbage() async throws {
        let daemon = try await DaemonProcess.start()
        let socket = try RawSocket(path: daemon.socketPath)
        try socket.send([0xff, 0x00, 0xfe, 0x7b, 0x0a])
        let response = try #require(try socket.readLine())
        #expect(response.contains("-32700"))
        #expect(try socket.readLine() == nil)
        let fresh = try RawSocket(path: daemon.socketPath)
        #expect(try fresh.exchange(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#)?["result"] != nil)
        await daemon.terminate()
    }

    @Test("rpc.discover describes every method with its params, generated from the method table")
    func discover() async throws {
        let daemon = try await DaemonProcess.start()
        let document = try await daemon.client.call("rpc.discover")
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
        let methods = try #require(document["methods"]?.arrayValue)
        let names = methods.compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())
        for expected in ["system.health", "system.whoami", "rpc.discover", "vpc.create", "vpc.associateCidr", "subnet.create",
            "routeTable.associate", "route.create", "route.delete", "gateway.create", "natGateway.create"]
        {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(!names.contains("debug.clock.advance"))
        let create = try #require(methods.first { $0["name"] == "vpc.create" })
        let params = try #require(create["params"]?.arrayValue)
        let cidr = try #require(params.first { $0["name"] == "cidrBlock" })
        #expect(cidr["required"] == .bool(true))
        #expect(params.first { $0["name"] == "name" }?["required"] == .bool(false))
        #expect(params.contains { $0["name"] == "clientToken" })
        await daemon.terminate()
    }

    @Test("clientToken makes a retry return the first result; other params with it are refused")
    func idempotency() async throws {
        let daemon = try await DaemonProcess.start()
        let first = try await daemon.client.call(
            "vpc.create", params: ["cidrBlock": "10.0.0.0/16", "name": "a", "clientToken": "retry-1"])
        let again = try await daemon.client.call(
            "vpc.create", params: ["cidrBlock": "10.0.0.0/16", "name": "a", "clientToken": "retry-1"])
        #expect(first["vpcId"] == again["vpcId"])
        let list = try await daemon.client.send(VpcList())
        #expect(list.vpcs.count == 1)
        await #expect {
            try await daemon.client.call(
                "vpc.create", params: ["cidrBlock": "10.1.0.0/16", "name": "b", "clientToken": "retry-1"])
        } throws: { error in
            "\(error)".contains("IdempotentParameterMismatch")
        }
        // The token survives a restart: it lives in the idempotency table.
        await daemon.terminate()
        try await daemon.start()
        let afterRestart = try await daemon.client.call(
            "vpc.create", params: ["cidrBlock": "10.0.0.0/16", "name": "a", "clientToken": "retry-1"])
        #expect(afterRestart["vpcId"] == first["vpcId"])
        await daemon.terminate()
    }

    @Test("--manual-clock serves debug.clock.advance; without it the method does not exist")
    func manualClock() async throws {
        let plain = try await DaemonProcess.start()
        await #expect { try await plain.client.call("debug.clock.advance", params: ["seconds": 60]) } throws: { error in
            "\(error)".contains("MethodNotFound")
        }
        await plain.terminate()
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let before = try await daemon.client.send(SystemHealth())
        let moved = try await daemon.client.send(DebugClockAdvance(seconds: 7 * 24 * 3600))
        let start = try #require(before.now)
        #expect(abs(moved.now.timeIntervalSince(start) - 7 * 24 * 3600) < 1)
        await daemon.terminate()
    }
}
