import Foundation
import NetctlAPI
import Testing

/// The VPC actions and the calls tools make first, through the real AWS CLI and boto3.
@Suite(.serialized) struct AWSVpcTests {
    @Test func createDescribeAndDeleteThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let identity = try aws.aws(["sts", "get-caller-identity"])
        #expect(identity.status == 0, "\(identity)")
        #expect(identity.object["Account"] as? String == "000000000000")

        let created = try aws.aws([
            "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16", "--tag-specifications",
            "ResourceType=vpc,Tags=[{Key=Name,Value=a},{Key=env,Value=dev}]",
        ])
        #expect(created.status == 0, "\(created)")
        let vpc = try #require(created.object["Vpc"] as? [String: Any])
        let vpcId = try #require(vpc["VpcId"] as? String)
        #expect(vpc["CidrBlock"] as? String == "10.0.0.0/16")
        #expect(vpc["State"] as? String == "available")

        // The same VPC over the socket, with its name from the Name tag.
        let overSocket = try await aws.daemon.client.send(VpcGet(vpc: "a"))
        #expect(overSocket.vpcId == vpcId)
        #expect(overSocket.tags["env"] == "dev")

        let byTag = try aws.aws(["ec2", "describe-vpcs", "--filters", "Name=tag:env,Values=d?v"])
        #expect((byTag.object["Vpcs"] as? [[String: Any]])?.map { $0["VpcId"] as? String } == [vpcId])

        let unknown = try aws.aws(["ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0"])
        #expect(unknown.status != 0)
        #expect(unknown.errorCode == "InvalidVpcID.NotFound", "\(unknown)")

        let deleted = try aws.aws(["ec2", "delete-vpc", "--vpc-id", vpcId])
        #expect(deleted.status == 0, "\(deleted)")
        let gone = try await aws.daemon.client.send(VpcList())
        #expect(gone.vpcs.isEmpty)
    }

    @Test func signatureFailuresAsTheCLIReportsThem() async throws {
        let aws = try await AWSDaemon.start(
            configuration: """
                aws:
                  credentials:
                    - "AKIAREADER:reader-secret:111122223333:readOnly"
                    - "AKIAWRITER:writer-secret:111122223333"
                """)
        defer { Task { await aws.terminate() } }
        let wrongSecret = try aws.aws(
            ["ec2", "describe-vpcs"], environment: ["AWS_ACCESS_KEY_ID": "AKIAWRITER", "AWS_SECRET_ACCESS_KEY": "nope"])
        #expect(wrongSecret.errorCode == "SignatureDoesNotMatch", "\(wrongSecret)")
        let unknownKey = try aws.aws(["ec2", "describe-vpcs"], environment: ["AWS_ACCESS_KEY_ID": "AKIANOBODY"])
        #expect(unknownKey.errorCode == "AuthFailure", "\(unknownKey)")
        let unsigned = try aws.aws(["ec2", "describe-vpcs", "--no-sign-request"])
        #expect(unsigned.errorCode == "MissingAuthenticationToken", "\(unsigned)")
        let readOnly = try aws.aws(
            ["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAREADER", "AWS_SECRET_ACCESS_KEY": "reader-secret"])
        #expect(readOnly.errorCode == "UnauthorizedOperation", "\(readOnly)")
        let writer = try aws.aws(
            ["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAWRITER", "AWS_SECRET_ACCESS_KEY": "writer-secret"])
        #expect(writer.status == 0, "\(writer)")
        #expect((writer.object["Vpc"] as? [String: Any])?["OwnerId"] as? String == "111122223333")
    }

    @Test func clockSkewAndDryRunThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            import datetime
            from unittest import mock
            codes = {}
            codes["dryRun"] = error_code(lambda: ec2.create_vpc(CidrBlock="10.0.0.0/16", DryRun=True))
            codes["unknownAction"] = error_code(lambda: ec2.describe_instance_types())
            skewed = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
            with mock.patch("botocore.auth.get_current_datetime", return_value=skewed):
                codes["skewed"] = error_code(lambda: ec2.describe_vpcs())
            codes["vpcsAfterDryRun"] = len(ec2.describe_vpcs()["Vpcs"])
            print(json.dumps(codes))
            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.object["dryRun"] as? String == "DryRunOperation")
        #expect(result.object["unknownAction"] as? String == "InvalidAction")
        #expect(result.object["skewed"] as? String == "RequestExpired")
        #expect(result.object["vpcsAfterDryRun"] as? Int == 0)
    }
}

/// Paging, and one state seen from both doors: the socket and the AWS endpoint.
@Suite(.serialized) struct AWSVpcPagingTests {
    @Test func pagesFollowNextTokenAndSocketChangesShowOverAWS() async throws {
        let aws = try await AWSDaemon.start(["--quota", "vpcsPerRegion=20"])
        defer { Task { await aws.terminate() } }
        // Made over the socket, described over the AWS endpoint.
        var made: [String] = []
        for index in 0..<7 {
            made.append(try await aws.daemon.client.send(VpcCreate(cidrBlock: "10.\(index).0.0/16", name: "v\(index)")).vpcId)
        }
        let result = try aws.boto3(
            """
            # botocore checks MaxResults' minimum itself; netctld must check it too for clients that do not.
            unchecked = boto3.client("ec2", config=Config(parameter_validation=False, retries={"max_attempts": 1}))
            first = ec2.describe_vpcs(MaxResults=5)
            second = ec2.describe_vpcs(MaxResults=5, NextToken=first["NextToken"])
            paginated = [v["VpcId"] for page in ec2.get_paginator("describe_vpcs").paginate(PaginationConfig={"PageSize": 5}) for v in page["Vpcs"]]
            print(json.dumps({
                "first": [v["VpcId"] for v in first["Vpcs"]],
                "second": [v["VpcId"] for v in second["Vpcs"]],
                "secondToken": second.get("NextToken"),
                "paginated": paginated,
                "tooSmall": error_code(lambda: unchecked.describe_vpcs(MaxResults=4)),
                "idsWithMax": error_code(lambda: ec2.describe_vpcs(VpcIds=[first["Vpcs"][0]["VpcId"]], MaxResults=5)),
                "badToken": error_code(lambda: ec2.describe_vpcs(MaxResults=5, NextToken="nonsense")),
                "badFilter": error_code(lambda: ec2.describe_vpcs(Filters=[{"Name": "colour", "Values": ["red"]}])),
                "names": sorted(t["Value"] for v in ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["10.?.0.0/16"]}])["Vpcs"] for t in v["Tags"] if t["Key"] == "Name"),
            }))
            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.object["first"] as? [String] == Array(made.prefix(5)))
        #expect(result.object["second"] as? [String] == Array(made.suffix(2)))
        #expect(result.object["secondToken"] is NSNull, "the last page has no NextToken")
        #expect(result.object["paginated"] as? [String] == made)
        #expect(result.object["tooSmall"] as? String == "InvalidParameterValue")
        #expect(result.object["idsWithMax"] as? String == "InvalidParameterCombination")
        #expect(result.object["badToken"] as? String == "InvalidNextToken")
        #expect(result.object["badFilter"] as? String == "InvalidParameterValue")
        #expect(result.object["names"] as? [String] == (0..<7).map { "v\($0)" })
    }

    @Test func awsChangesReachTheWatcherLogs() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try aws.boto3(#"print(json.dumps(ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]))"#)
        let vpcId = try #require(created.object["VpcId"] as? String, "\(created)")
        // The watcher writes after the commit: wait for the VPC's stream and the request's rpc event.
        var vpcEvents: [LogEvent] = []
        var rpcEvents: [LogEvent] = []
        for _ in 0..<100 where vpcEvents.isEmpty || rpcEvents.isEmpty {
            vpcEvents = (try? await aws.daemon.client.send(LogsGet(group: "/netctl/vpc", stream: vpcId)).events) ?? []
            rpcEvents = (try? await aws.daemon.client.send(LogsGet(group: "/netctl/rpc", stream: "vpc.create")).events) ?? []
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(vpcEvents.first?.message.contains(#""action":"create""#) == true, "\(vpcEvents)")
        #expect(rpcEvents.first?.message.contains(#""accessKeyId":"test""#) == true, "\(rpcEvents)")
    }
}
