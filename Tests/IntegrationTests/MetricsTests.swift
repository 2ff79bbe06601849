import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Metrics, EMF and slow subscribers")
struct MetricsTests {
    @Test("accepting a peering moves ActivePeeringConnections, and every datum lands in the EMF file")
    func peeringMetrics() async throws {
        let directory = try TemporaryDirectory()
        let emf = directory.path + "/metrics.emf"
        let daemon = try await DaemonProcess.start(["--emf-file", emf], directory: directory)
        let client = daemon.client
        let a = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        _ = try await client.send(VpcCreate(cidrBlock: "10.1.0.0/16", name: "b"))
        let peering = try await client.send(PeeringCreate(requesterVpc: "a", accepterVpc: "b"))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        func active() async throws -> [MetricDatapoint] {
            try await client.send(
                MetricsGet(
                    namespace: "Netctl/VPC", metricName: "ActivePeeringConnections",
                    dimensions: [MetricDimension(name: "VpcId", value: a.vpcId)], startTime: now - 600_000,
                    endTime: now + 120_000, period: 60, statistics: ["Maximum", "Minimum"])
            ).datapoints
        }
        // Gauges follow committed batches: wait for the pending phase to be recorded before accepting.
        var datapoints: [MetricDatapoint] = []
        for _ in 0..<500 where !datapoints.contains(where: { $0.minimum == 0 }) {
            try await Task.sleep(for: .milliseconds(30))
            datapoints = try await active()
        }
        #expect(datapoints.contains { $0.minimum == 0 }, "the pending phase recorded 0 active")
        _ = try await client.send(PeeringAccept(peering: peering.peeringId))
        for _ in 0..<500 where !datapoints.contains(where: { $0.maximum == 1 }) {
            try await Task.sleep(for: .milliseconds(30))
            datapoints = try await active()
        }
        #expect(datapoints.contains { $0.maximum == 1 })
        #expect(datapoints.allSatisfy { $0.timestamp % 60_000 == 0 && $0.unit == "Count" })

        let listed = try await client.send(MetricsList(namespace: "Netctl/RPC", metricName: "Latency"))
        #expect(listed.metrics.contains { $0.dimensions == [MetricDimension(name: "Method", value: "peering.accept")] })

        let lines = try String(contentsOfFile: emf, encoding: .utf8).split(separator: "\n")
        let active = try #require(lines.last { $0.contains("\"ActivePeeringConnections\":1") })
        let document = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(active.utf8))
        let aws = try #require(document["_aws"])
        #expect(aws["Timestamp"]?.intValue != nil)
        let directive = try #require(aws["CloudWatchMetrics"]?.arrayValue?.first)
        #expect(directive["Namespace"] == "Netctl/VPC")
        #expect(directive["Dimensions"] == [["VpcId"]])
        #expect(directive["Metrics"] == [["Name": "ActivePeeringConnections", "Unit": "Count"]])
        #expect(document["VpcId"]?.stringValue != nil)

        // SIGHUP reopens the file: after logrotate moves it, new lines go to a fresh file.
        try FileManager.default.moveItem(atPath: emf, toPath: emf + ".1")
        kill(try #require(daemon.process?.processIdentifier), SIGHUP)
        try await Task.sleep(for: .milliseconds(200))
        _ = try await client.send(VpcCreate(cidrBlock: "10.2.0.0/16", name: "c"))
        var reopened = ""
        for _ in 0..<300 {
            reopened = (try? String(contentsOfFile: emf, encoding: .utf8)) ?? ""
            if reopened.contains("VpcCount") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(reopened.contains("\"VpcCount\":3"))
        await daemon.terminate()
    }

    @Test("PutMetricData rules and statistics computed by hand")
    func putAndStatistics() async throws {
        let daemon = try await DaemonProcess.start()
        let client = daemon.client
        let now = Int64(Date().timeIntervalSince1970 * 1000) / 60_000 * 60_000
        _ = try await client.send(
            MetricsPut(
                namespace: "Shop", metricData: [MetricDatum(metricName: "Latency", values: [10, 20, 30, 40], counts: [1, 1, 1, 7], timestamp: now, unit: "Milliseconds")]))
        let result = try await client.send(
            MetricsGet(
                namespace: "Shop", metricName: "Latency", startTime: now - 60_000, endTime: now + 60_000, period: 60,
                statistics: ["SampleCount", "Sum", "Average", "Minimum", "Maximum", "p50", "p90"]))
        let point = try #require(result.datapoints.first)
        #expect(point.sampleCount == 10)
        #expect(point.sum == 340)
        #expect(point.average == 34)
        #expect(point.minimum == 10 && point.maximum == 40)
        #expect(point.extendedStatistics?["p50"] == 40)
        #expect(point.extendedStatistics?["p90"] == 40)
        await #expect { try await client.send(MetricsPut(namespace: "AWS/EC2", metricData: [MetricDatum(metricName: "x", value: 1)])) } throws: {
            "\($0)".contains("InvalidParameterValueException")
        }
        await #expect {
            try await client.send(
                MetricsGet(namespace: "Shop", metricName: "Latency", startTime: now - 60_000, endTime: now, period: 45, statistics: ["Sum"]))
        } throws: { "\($0)".contains("InvalidParameterValueException") }
        await daemon.terminate()
    }

    @Test("a subscriber that never reads does not slow the writer")
    func slowSubscriber() async throws {
        let daemon = try await DaemonProcess.start(["--quota", "vpcsPerRegion=1000"])
        // Subscribe, then never read again.
        let lazy = try RawSocket(path: daemon.socketPath)
        try lazy.send(#"{"jsonrpc":"2.0","id":1,"method":"watch.subscribe"}"# + "\n")
        _ = try lazy.readLine()
        let started = ContinuousClock.now
        try await daemon.client.withConnection { connection in
            for index in 0..<300 {
                _ = try await connection.send(VpcCreate(cidrBlock: "10.\(index / 256).\(index % 256).0/24"))
            }
        }
        // Generous bound: only a writer blocked on the subscriber would take this long.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(try await daemon.client.send(SystemHealth()).status == "ok")
        await daemon.terminate()
    }
}

@Suite("Alarms on the daemon's clock")
struct AlarmTests {
    @Test("an alarm moves INSUFFICIENT_DATA → ALARM → OK as datapoints cross the threshold, each transition logged")
    func alarmLifecycle() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        let start = try #require(try await client.send(SystemHealth()).now)
        let base = Int64(start.timeIntervalSince1970) / 60 * 60_000 + 60_000
        let alarm = try await client.send(
            AlarmPut(
                name: "busy", namespace: "Shop", metricName: "Queue", statistic: "Maximum", period: 60,
                evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 10, comparisonOperator: "GreaterThanThreshold"))
        #expect(alarm.state == "INSUFFICIENT_DATA")
        // Two of three minutes above 10.
        for (minute, value) in [(0, 20.0), (1, 5.0), (2, 30.0)] {
            _ = try await client.send(
                MetricsPut(namespace: "Shop", metricData: [MetricDatum(metricName: "Queue", value: value, timestamp: base + Int64(minute) * 60_000)]))
        }
        _ = try await client.send(DebugClockAdvance(seconds: 4 * 60))
        var state = ""
        for _ in 0..<500 {
            state = try await client.send(AlarmList()).alarms.first?.state ?? ""
            if state == "ALARM" { break }
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(state == "ALARM")
        // Three quiet minutes later it is OK again.
        for minute in 3..<6 {
            _ = try await client.send(
                MetricsPut(namespace: "Shop", metricData: [MetricDatum(metricName: "Queue", value: 1, timestamp: base + Int64(minute) * 60_000)]))
        }
        _ = try await client.send(DebugClockAdvance(seconds: 3 * 60))
        for _ in 0..<500 {
            state = try await client.send(AlarmList()).alarms.first?.state ?? ""
            if state == "OK" { break }
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(state == "OK")
        let log = try await client.send(LogsGet(group: "/netctl/alarms", stream: "busy")).events
        let states = try log.map { try NetctlJSON.decoder.decode(JSONValue.self, from: Data($0.message.utf8))["status"]?.stringValue }
        #expect(states == ["ALARM", "OK"])
        await #expect {
            try await client.send(
                AlarmPut(name: "bad", namespace: "Shop", metricName: "Queue", statistic: "Maximum", period: 60, evaluationPeriods: 2,
                    datapointsToAlarm: 3, threshold: 1, comparisonOperator: "GreaterThanThreshold"))
        } throws: { "\($0)".contains("InvalidParameterValueException") }
        await daemon.terminate()
    }
}

@Suite("EMF to a CloudWatch agent")
struct EMFEndpointTests {
    @Test("--emf-endpoint udp://127.0.0.1:PORT delivers each datum as one EMF datagram")
    func udp() async throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let port = UInt16(bigEndian: address.sin_port)

        let daemon = try await DaemonProcess.start(["--emf-endpoint", "udp://127.0.0.1:\(port)"])
        _ = try await daemon.client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        var received: [String] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !received.contains(where: { $0.contains("\"VpcCount\"") }) {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
        let line = try #require(received.first { $0.contains("\"VpcCount\"") })
        #expect(line.hasSuffix("\n"))
        let document = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(line.utf8))
        #expect(document["VpcCount"] == .double(1) || document["VpcCount"] == .int(1))
        #expect(document["_aws"]?["CloudWatchMetrics"]?.arrayValue?.first?["Namespace"] == "Netctl/VPC")
        await daemon.terminate()
    }
}
