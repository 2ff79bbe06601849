import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// Reachability Analyzer through the real AWS CLI, and its methods through the socket.
@Suite(.serialized) struct AWSNetworkInsightsTests {
    func ok(_ aws: AWSDaemon, _ arguments: [String]) throws -> [String: Any] {
        let result = try aws.aws(arguments)
        #expect(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result)")
        return result.object
    }

    func refused(_ aws: AWSDaemon, _ arguments: [String]) throws -> String? {
        let result = try aws.aws(arguments)
        #expect(result.status != 0, "aws \(arguments.joined(separator: " ")) should fail: \(result)")
        return result.errorCode
    }

    /// VPC app with subnets web and db, an instance in each with its tier's group (which admits nothing).
    struct Tiers {
        var web: SecurityGroup
        var db: SecurityGroup
        var w: Instance
        var d: Instance

        init(_ client: NetctlClient) async throws {
            _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
            _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", name: "web"))
            _ = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", name: "db"))
            web = try await client.send(SecurityGroupCreate(vpc: "app", name: "web"))
            db = try await client.send(SecurityGroupCreate(vpc: "app", name: "db"))
            w = try #require(try await client.send(InstanceRun(subnet: "web", securityGroups: [web.groupId])).instances.first)
            d = try #require(try await client.send(InstanceRun(subnet: "db", securityGroups: [db.groupId])).instances.first)
        }
    }

    @Test("a group that blocks is ENI_SG_RULES_MISMATCH; after authorizing, the path is found with its components")
    func analyses() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let t = try await Tiers(aws.daemon.client)

        let created = try ok(
            aws,
            [
                "ec2", "create-network-insights-path", "--source", t.w.instanceId, "--destination", t.d.instanceId,
                "--protocol", "tcp", "--destination-port", "5432", "--tag-specifications",
                "ResourceType=network-insights-path,Tags=[{Key=Name,Value=web-to-db}]",
            ])
        let path = try #require(created["NetworkInsightsPath"] as? [String: Any])
        let pathId = try #require(path["NetworkInsightsPathId"] as? String)
        #expect(pathId.hasPrefix("nip-"))
        #expect(path["Source"] as? String == t.w.instanceId && path["Destination"] as? String == t.d.instanceId)
        #expect(path["SourceArn"] as? String == "arn:aws:ec2:us-east-1:\(t.w.accountId):instance/\(t.w.instanceId)")
        #expect(path["Protocol"] as? String == "tcp" && path["DestinationPort"] as? Int == 5432)
        #expect((path["Tags"] as? [[String: Any]])?.first?["Value"] as? String == "web-to-db")

        let first = try #require(
            try ok(aws, ["ec2", "start-network-insights-analysis", "--network-insights-path-id", pathId])[
                "NetworkInsightsAnalysis"] as? [String: Any])
        let firstId = try #require(first["NetworkInsightsAnalysisId"] as? String)
        #expect(firstId.hasPrefix("nia-"))
        let described = try ok(aws, ["ec2", "describe-network-insights-analyses", "--network-insights-analysis-ids", firstId])
        let blocked = try #require((described["NetworkInsightsAnalyses"] as? [[String: Any]])?.first)
        #expect(blocked["Status"] as? String == "succeeded")
        #expect(blocked["NetworkPathFound"] as? Bool == false)
        let explanation = try #require((blocked["Explanations"] as? [[String: Any]])?.first)
        #expect(explanation["ExplanationCode"] as? String == "ENI_SG_RULES_MISMATCH")
        #expect(explanation["Direction"] as? String == "ingress")
        #expect((explanation["NetworkInterface"] as? [String: Any])?["Id"] as? String == t.d.networkInterfaceId)
        #expect((explanation["SecurityGroups"] as? [[String: Any]])?.compactMap { $0["Id"] as? String } == [t.db.groupId])

        _ = try ok(
            aws,
            [
                "ec2", "authorize-security-group-ingress", "--group-id", t.db.groupId, "--protocol", "tcp", "--port", "5432",
                "--source-group", t.web.groupId,
            ])
        let second = try #require(
            try ok(aws, ["ec2", "start-network-insights-analysis", "--network-insights-path-id", pathId])[
                "NetworkInsightsAnalysis"] as? [String: Any])
        let secondId = try #require(second["NetworkInsightsAnalysisId"] as? String)
        let found = try #require(
            (try ok(aws, ["ec2", "describe-network-insights-analyses", "--network-insights-analysis-ids", secondId])[
                "NetworkInsightsAnalyses"] as? [[String: Any]])?.first)
        #expect(found["NetworkPathFound"] as? Bool == true)
        #expect((found["Explanations"] as? [Any])?.isEmpty ?? true)
        let forward = try #require(found["ForwardPathComponents"] as? [[String: Any]])
        #expect(forward.compactMap { $0["SequenceNumber"] as? Int } == Array(1...forward.count))
        #expect((forward.first?["Component"] as? [String: Any])?["Id"] as? String == t.w.instanceId)
        #expect((forward.last?["Component"] as? [String: Any])?["Id"] as? String == t.d.instanceId)
        let route = try #require(forward.compactMap { $0["RouteTableRoute"] as? [String: Any] }.first)
        #expect(route["DestinationCidr"] as? String == "10.0.0.0/16" && route["GatewayId"] as? String == "local")
        let rules = forward.compactMap { $0["SecurityGroupRule"] as? [String: Any] }
        #expect(rules.contains { $0["Direction"] as? String == "ingress" && $0["SecurityGroupId"] as? String == t.web.groupId })
        #expect(forward.compactMap { $0["AclRule"] as? [String: Any] }.count == 2)
        #expect(((found["ReturnPathComponents"] as? [[String: Any]]) ?? []).count == 2)

        // Both analyses belong to the path; the path goes only once they have gone.
        let ofPath = try ok(aws, ["ec2", "describe-network-insights-analyses", "--network-insights-path-id", pathId])
        #expect((ofPath["NetworkInsightsAnalyses"] as? [[String: Any]])?.count == 2)
        let onlyFound = try ok(
            aws, ["ec2", "describe-network-insights-analyses", "--filters", "Name=path-found,Values=true"])
        #expect(
            (onlyFound["NetworkInsightsAnalyses"] as? [[String: Any]])?.compactMap { $0["NetworkInsightsAnalysisId"] as? String }
                == [secondId])
        #expect(try refused(aws, ["ec2", "delete-network-insights-path", "--network-insights-path-id", pathId]) == "DependencyViolation")
        for id in [firstId, secondId] {
            let deleted = try ok(aws, ["ec2", "delete-network-insights-analysis", "--network-insights-analysis-id", id])
            #expect(deleted["NetworkInsightsAnalysisId"] as? String == id)
        }
        #expect(
            try refused(aws, ["ec2", "delete-network-insights-analysis", "--network-insights-analysis-id", firstId])
                == "InvalidNetworkInsightsAnalysisId.NotFound")
        let paths = try ok(aws, ["ec2", "describe-network-insights-paths", "--network-insights-path-ids", pathId])
        #expect((paths["NetworkInsightsPaths"] as? [[String: Any]])?.count == 1)
        #expect(try ok(aws, ["ec2", "delete-network-insights-path", "--network-insights-path-id", pathId])["NetworkInsightsPathId"] as? String == pathId)
        #expect(
            try refused(aws, ["ec2", "describe-network-insights-paths", "--network-insights-path-ids", pathId])
                == "InvalidNetworkInsightsPathId.NotFound")
        #expect(
            try refused(
                aws,
                ["ec2", "create-network-insights-path", "--source", "igw-0123456789abcdef0", "--destination", t.d.instanceId, "--protocol", "tcp", "--destination-port", "80"])
                == "InvalidParameterValue")
    }

    @Test("networkInsightsPath.* and networkInsightsAnalysis.* through the socket run reach's engine")
    func socket() async throws {
        let daemon = try await DaemonProcess.start()
        defer { Task { await daemon.terminate() } }
        let client = daemon.client
        let t = try await Tiers(client)
        let path = try await client.send(
            NetworkInsightsPathCreate(source: t.w.instanceId, destination: t.d.instanceId, protocol: "tcp", destinationPort: 5432, name: "p"))
        #expect(try await client.send(NetworkInsightsPathGet(networkInsightsPath: "p")) == path)
        let analysis = try await client.send(NetworkInsightsAnalysisStart(networkInsightsPath: "p"))
        #expect(analysis.status == "succeeded" && analysis.networkPathFound == false)
        let reach = try await client.send(ReachAnalyze(source: t.w.instanceId, destination: t.d.instanceId, port: 5432, protocol: "tcp"))
        #expect(analysis.explanations.map(\.code) == reach.explanations.map(\.code))
        #expect(analysis.explanations.map(\.explanationCode) == ["ENI_SG_RULES_MISMATCH"])
        #expect(try await client.send(NetworkInsightsAnalysisGet(networkInsightsAnalysis: analysis.networkInsightsAnalysisId)) == analysis)
        let listed = try await client.send(NetworkInsightsAnalysisList(networkInsightsPath: "p"))
        #expect(listed.networkInsightsAnalyses == [analysis])
        #expect(try await client.send(NetworkInsightsPathList()).networkInsightsPaths == [path])
        await expectCode("DependencyViolation") { _ = try await client.send(NetworkInsightsPathDelete(networkInsightsPath: "p")) }
        _ = try await client.send(NetworkInsightsAnalysisDelete(networkInsightsAnalysis: analysis.networkInsightsAnalysisId))
        _ = try await client.send(NetworkInsightsPathDelete(networkInsightsPath: "p"))
        await expectCode("InvalidNetworkInsightsPathId.NotFound") {
            _ = try await client.send(NetworkInsightsPathGet(networkInsightsPath: path.networkInsightsPathId))
        }
    }

    @Test("netctl insights: path create, analyze, list and delete with its analyses")
    func cli() async throws {
        let daemon = try await DaemonProcess.start()
        defer { Task { await daemon.terminate() } }
        func run(_ arguments: [String]) throws -> CLIResult { try runCLI(arguments, socket: daemon.socketPath) }
        let t = try await Tiers(daemon.client)
        let created = try run([
            "insights", "path", "create", "--source", t.w.instanceId, "--destination", t.d.instanceId, "--port", "5432",
            "--name", "web-to-db",
        ])
        #expect(created.status == 0 && created.stdout.contains("web-to-db"), "\(created.stderr)")
        let blocked = try run(["insights", "analyze", "web-to-db"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        #expect(blocked.stdout.contains("path not found") && blocked.stdout.contains("ENI_SG_RULES_MISMATCH"), "\(blocked.stdout)")
        let listed = try run(["insights", "path", "list"])
        #expect(listed.stdout.contains("web-to-db") && listed.stdout.contains("5432"))
        let refused = try run(["insights", "path", "delete", "web-to-db"])
        #expect(refused.status == 1 && refused.stderr.contains("DependencyViolation"))
        #expect(try run(["insights", "path", "delete", "web-to-db", "--analyses"]).status == 0)
        #expect(try await daemon.client.send(NetworkInsightsPathList()).networkInsightsPaths.isEmpty)
        #expect(try await daemon.client.send(NetworkInsightsAnalysisList()).networkInsightsAnalyses.isEmpty)
    }

    private func expectCode(
        _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected \(code), the call succeeded", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(code), "\(error)", sourceLocation: sourceLocation)
        }
    }
}
