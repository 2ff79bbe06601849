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
