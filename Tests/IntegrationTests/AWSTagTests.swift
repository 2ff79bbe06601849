import Foundation
import NetctlAPI
import Testing

/// CreateTags, DeleteTags, DescribeTags and TagSpecifications through boto3 and the AWS CLI, and
/// the same tags over the socket (`tags.*`, the resources' `name`) and in the change logs.
@Suite(.serialized) struct AWSTagTests {
    @Test func tagsOnCreateAndTheNameTagAsTheSocketsName() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
                {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "a"}, {"Key": "env", "Value": "dev"}]}])["Vpc"]
            out["vpcId"] = vpc["VpcId"]
            out["createdTags"] = sorted((t["Key"], t["Value"]) for t in vpc["Tags"])
            out["described"] = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [vpc["VpcId"]]}])["Tags"]
            ec2.create_tags(Resources=[vpc["VpcId"]], Tags=[{"Key": "Name", "Value": "renamed"}])
            other = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            out["otherId"] = other
            out["duplicateName"] = error_code(
                lambda: ec2.create_tags(Resources=[other], Tags=[{"Key": "Name", "Value": "renamed"}]))
            out["wrongSpecType"] = error_code(lambda: ec2.create_vpc(CidrBlock="10.2.0.0/16", TagSpecifications=[
                {"ResourceType": "subnet", "Tags": [{"Key": "env", "Value": "dev"}]}]))
            out["reservedOnCreate"] = error_code(lambda: ec2.create_vpc(CidrBlock="10.2.0.0/16", TagSpecifications=[
                {"ResourceType": "vpc", "Tags": [{"Key": "aws:env", "Value": "dev"}]}]))
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let vpcId = try #require(result.object["vpcId"] as? String)
        let otherId = try #require(result.object["otherId"] as? String)
        #expect(result.object["createdTags"] as? [[String]] == [["Name", "a"], ["env", "dev"]])
        let described = try #require(result.object["described"] as? [[String: String]])
        #expect(
            described.sorted { ($0["Key"] ?? "") < ($1["Key"] ?? "") } == [
                ["ResourceId": vpcId, "ResourceType": "vpc", "Key": "Name", "Value": "a"],
                ["ResourceId": vpcId, "ResourceType": "vpc", "Key": "env", "Value": "dev"],
            ])
        #expect(result.object["duplicateName"] as? String == "InvalidParameterValue")
        #expect(result.object["wrongSpecType"] as? String == "InvalidParameterValue")
        #expect(result.object["reservedOnCreate"] as? String == "InvalidTagKey.Malformed")

        // The Name tag is the socket's name, both ways.
        let client = aws.daemon.client
        #expect(try await client.send(VpcGet(vpc: "renamed")).vpcId == vpcId)
        _ = try await client.send(TagsCreate(resources: [otherId], tags: ["Name": "from-socket", "team": "net"]))
        let shown = try aws.aws(["ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=from-*"])
        #expect(shown.status == 0, "\(shown)")
        let vpcs = try #require(shown.object["Vpcs"] as? [[String: Any]])
        #expect(vpcs.map { $0["VpcId"] as? String } == [otherId])

        // What the CLI prints for DeleteTags (nothing) and DescribeTags afterwards.
        let deleted = try aws.aws(["ec2", "delete-tags", "--resources", otherId, "--tags", "Key=Name"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(deleted.stdout.isEmpty)
        #expect(try await client.send(VpcGet(vpc: otherId)).name == nil)
        let remaining = try aws.aws(["ec2", "describe-tags", "--filters", "Name=resource-id,Values=\(otherId)"])
        #expect(remaining.status == 0, "\(remaining)")
        let tags = try #require(remaining.object["Tags"] as? [[String: String]])
        #expect(tags == [["Key": "team", "ResourceId": otherId, "ResourceType": "vpc", "Value": "net"]])
    }

    @Test func createDeleteAndDescribeWithFiltersAndPages() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpcs = [ec2.create_vpc(CidrBlock=f"10.{i}.0.0/16")["Vpc"] for i in range(3)]
            ids = [v["VpcId"] for v in vpcs]
            ec2.create_tags(Resources=ids, Tags=[{"Key": "env", "Value": "dev"}, {"Key": "owner", "Value": "ana"}])
            ec2.create_tags(Resources=ids[:1], Tags=[{"Key": "env", "Value": "prod"}, {"Key": "empty"}])
            def described(filters, **kw):
                return sorted((t["ResourceId"], t["Key"], t["Value"])
                              for t in ec2.describe_tags(Filters=filters, **kw)["Tags"])
            out["all"] = described([])
            out["prod"] = described([{"Name": "value", "Values": ["pr?d"]}])
            out["keys"] = described([{"Name": "key", "Values": ["e*"]}, {"Name": "resource-id", "Values": ids[1:2]}])
            out["byType"] = len(described([{"Name": "resource-type", "Values": ["vpc"]}]))
            out["noRouteTables"] = described([{"Name": "resource-type", "Values": ["route-table"]}])
            out["byTag"] = described([{"Name": "tag:env", "Values": ["prod"]}])
            pages = [p["Tags"] for p in
                     ec2.get_paginator("describe_tags").paginate(PaginationConfig={"PageSize": 5})]
            out["pageSizes"] = [len(p) for p in pages]
            out["paged"] = sorted((t["ResourceId"], t["Key"], t["Value"]) for p in pages for t in p)
            out["maxResultsTooSmall"] = error_code(lambda: ec2.describe_tags(MaxResults=4))
            out["maxResultsTooLarge"] = error_code(lambda: ec2.describe_tags(MaxResults=1001))
            out["badToken"] = error_code(lambda: ec2.describe_tags(MaxResults=5, NextToken="nope"))
            out["badFilter"] = error_code(lambda: ec2.describe_tags(Filters=[{"Name": "colour", "Values": ["x"]}]))
            # A value given deletes the tag only while it has that value; an empty one matches only empty.
            ec2.delete_tags(Resources=ids, Tags=[{"Key": "env", "Value": "dev"}, {"Key": "empty", "Value": ""}])
            out["afterDelete"] = described([{"Name": "key", "Values": ["env", "empty"]}])
            ec2.delete_tags(Resources=ids[:2])
            out["afterDeleteAll"] = described([])
            out["ids"] = ids
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let ids = try #require(result.object["ids"] as? [String])
        func rows(_ key: String) -> [[String]] { (result.object[key] as? [[String]]) ?? [["missing \(key)"]] }
        var all = [[ids[0], "empty", ""], [ids[0], "env", "prod"], [ids[0], "owner", "ana"]]
        for id in ids.dropFirst() { all += [[id, "env", "dev"], [id, "owner", "ana"]] }
        #expect(rows("all") == all.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(rows("prod") == [[ids[0], "env", "prod"]])
        #expect(rows("keys") == [[ids[1], "env", "dev"]])
        #expect(result.object["byType"] as? Int == 7)
        #expect(rows("noRouteTables") == [])
        #expect(rows("byTag") == [[ids[0], "empty", ""], [ids[0], "env", "prod"], [ids[0], "owner", "ana"]])
        #expect(result.object["pageSizes"] as? [Int] == [5, 2])
        #expect(rows("paged") == rows("all"))
        #expect(result.object["maxResultsTooSmall"] as? String == "InvalidParameterValue")
        #expect(result.object["maxResultsTooLarge"] as? String == "InvalidParameterValue")
        #expect(result.object["badToken"] as? String == "InvalidNextToken")
        #expect(result.object["badFilter"] as? String == "InvalidParameterValue")
        #expect(rows("afterDelete") == [[ids[0], "env", "prod"]])
        #expect(rows("afterDeleteAll") == [[ids[2], "owner", "ana"]])
    }

    @Test func limitsAndUnknownIdsAsAWSAnswersThem() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            out = {}
            vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            def tag(tags, resources=None):
                return error_code(lambda: ec2.create_tags(Resources=resources or [vpc], Tags=tags))
            out["fifty"] = tag([{"Key": f"k{i}", "Value": "v"} for i in range(50)])
            out["fiftyOne"] = tag([{"Key": "one-more", "Value": "v"}])
            out["overwrite"] = tag([{"Key": "k0", "Value": "w"}])
            out["longKey"] = tag([{"Key": "k" * 129, "Value": "v"}])
            out["longValue"] = tag([{"Key": "k1", "Value": "v" * 257}])
            out["reserved"] = tag([{"Key": "aws:owner", "Value": "me"}])
            out["reservedDelete"] = error_code(lambda: ec2.delete_tags(Resources=[vpc], Tags=[{"Key": "aws:owner"}]))
            out["unknownVpc"] = tag([{"Key": "k", "Value": "v"}], ["vpc-0123456789abcdef0"])
            out["unknownSubnet"] = tag([{"Key": "k", "Value": "v"}], ["subnet-0123456789abcdef0"])
            out["unknownEndpoint"] = tag([{"Key": "k", "Value": "v"}], ["vpce-0123456789abcdef0"])
            out["malformed"] = tag([{"Key": "k", "Value": "v"}], ["not-an-id"])
            # All or nothing: the known VPC listed first is not tagged either.
            out["mixed"] = tag([{"Key": "mixed", "Value": "v"}], [vpc, "vpc-0123456789abcdef0"])
            out["dryRun"] = error_code(
                lambda: ec2.create_tags(Resources=[vpc], Tags=[{"Key": "dry", "Value": "v"}], DryRun=True))
            keys = {t["Key"]: t["Value"] for t in ec2.describe_tags(
                Filters=[{"Name": "resource-id", "Values": [vpc]}])["Tags"]}
            out["count"] = len(keys)
            out["k0"] = keys.get("k0")
            out["untouched"] = [k for k in ("mixed", "dry", "one-more") if k in keys]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let expected: [String: String?] = [
            "fifty": nil, "fiftyOne": "TagLimitExceeded", "overwrite": nil, "longKey": "InvalidParameterValue",
            "longValue": "InvalidParameterValue", "reserved": "InvalidParameterValue",
            "reservedDelete": "InvalidParameterValue", "unknownVpc": "InvalidVpcID.NotFound",
            "unknownSubnet": "InvalidSubnetID.NotFound", "unknownEndpoint": "InvalidVpcEndpointId.NotFound",
            "malformed": "InvalidID", "mixed": "InvalidVpcID.NotFound", "dryRun": "DryRunOperation",
        ]
        for (key, code) in expected {
            #expect(result.object[key] as? String == code, "\(key)")
        }
        #expect(result.object["count"] as? Int == 50)
        #expect(result.object["k0"] as? String == "w")
        #expect(result.object["untouched"] as? [String] == [])
    }

    @Test func changesReachTheSocketAndTheChangeLogs() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let result = try aws.boto3(
            """
            ec2.create_tags(Resources=["\(vpc.vpcId)", "\(vpc.mainRouteTableId)"], Tags=[{"Key": "env", "Value": "dev"}])
            ec2.delete_tags(Resources=["\(vpc.mainRouteTableId)"], Tags=[{"Key": "env"}])
            print(json.dumps({"tags": ec2.describe_tags()["Tags"]}))
            """)
        #expect(result.status == 0, "\(result)")
        #expect((result.object["tags"] as? [[String: String]])?.count == 2)

        let listed = try await client.send(TagsList(filters: [Filter(name: "key", values: ["env"])]))
        #expect(listed.tags == [TagDescription(resourceId: vpc.vpcId, resourceType: "vpc", key: "env", value: "dev")])
        #expect(try await client.send(VpcGet(vpc: "a")).tags == ["Name": "a", "env": "dev"])
        #expect(try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId)).tags == [:])

        // One event per changed resource and call, in each resource's stream; the watcher follows
        // commits asynchronously.
        func actions(_ stream: String, count: Int) async throws -> [String] {
            var events: [LogEvent] = []
            for _ in 0..<300 {
                events = (try? await client.send(LogsGet(group: "/netctl/vpc", stream: stream)).events) ?? []
                if events.count >= count { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            return try events.compactMap {
                try NetctlJSON.decoder.decode(JSONValue.self, from: Data($0.message.utf8))["action"]?.stringValue
            }
        }
        #expect(try await actions(vpc.vpcId, count: 2) == ["create", "tag"])
        #expect(try await actions(vpc.mainRouteTableId, count: 3) == ["create", "tag", "untag"])

        // And the other way round: a socket change shows in DescribeTags.
        _ = try await client.send(TagsDelete(resources: [vpc.vpcId], tags: [TagSelector(key: "env", value: "dev")]))
        let after = try aws.boto3(#"print(json.dumps(ec2.describe_tags()["Tags"]))"#)
        #expect(after.json as? [[String: String]] == [["Key": "Name", "ResourceId": vpc.vpcId, "ResourceType": "vpc", "Value": "a"]])
    }
}
