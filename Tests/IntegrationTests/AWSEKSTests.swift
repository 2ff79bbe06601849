import Foundation
import NetctlAPI
import Testing

/// EKS over rest-json through the real AWS CLI and boto3, on the daemon's manual clock: the same
/// clusters, node groups, Fargate profiles and updates the socket sees.
@Suite(.serialized) struct AWSEKSTests {
    static let role = "arn:aws:iam::000000000000:role/eks-cluster"
    static let nodeRole = "arn:aws:iam::000000000000:role/eks-nodes"

    /// A VPC `k` with subnets `a`, `b`, `c` in three zones; their IDs.
    func prepare(_ aws: AWSDaemon) async throws -> [String] {
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "k"))
        var ids: [String] = []
        for (name, index) in [("a", 1), ("b", 2), ("c", 3)] {
            ids.append(
                try await client.send(
                    SubnetCreate(
                        vpc: "k", cidrBlock: "10.0.\(index).0/24",
                        availabilityZone: "us-east-1" + ["", "a", "b", "c"][index], name: name)
                ).subnetId)
        }
        return ids
    }

    func advance(_ aws: AWSDaemon, _ seconds: Double) async throws {
        _ = try await aws.daemon.client.send(DebugClockAdvance(seconds: seconds))
    }

    func cluster(_ result: AWSResult) -> [String: Any] { (result.object["cluster"] as? [String: Any]) ?? [:] }

    @Test func aClusterThroughTheCLIIsCreatingThenActiveOnTheDaemonsClock() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let subnets = try await prepare(aws)
        let created = try aws.aws([
            "eks", "create-cluster", "--name", "prod", "--role-arn", Self.role, "--kubernetes-version", "1.33",
            "--resources-vpc-config",
            "subnetIds=\(subnets[0]),\(subnets[1]),endpointPublicAccess=true,endpointPrivateAccess=true",
            "--tags", "team=web",
        ])
        #expect(created.status == 0, "\(created)")
        #expect(cluster(created)["status"] as? String == "CREATING")
        #expect(cluster(created)["roleArn"] as? String == Self.role)
        #expect(cluster(created)["arn"] as? String == "arn:aws:eks:us-east-1:000000000000:cluster/prod")
        let vpcConfig = try #require(cluster(created)["resourcesVpcConfig"] as? [String: Any])
        #expect(vpcConfig["subnetIds"] as? [String] == [subnets[0], subnets[1]])
        #expect(vpcConfig["endpointPrivateAccess"] as? Bool == true)
        #expect((vpcConfig["vpcId"] as? String)?.hasPrefix("vpc-") == true)

        var described = try aws.aws(["eks", "describe-cluster", "--name", "prod"])
        #expect(cluster(described)["status"] as? String == "CREATING", "\(described)")
        #expect(cluster(described)["endpoint"] == nil)
        try await advance(aws, 600)
        described = try aws.aws(["eks", "describe-cluster", "--name", "prod"])
        #expect(cluster(described)["status"] as? String == "ACTIVE", "\(described)")
        #expect((cluster(described)["endpoint"] as? String)?.hasSuffix(".us-east-1.eks.amazonaws.com") == true)
        #expect((cluster(described)["tags"] as? [String: String]) == ["team": "web"])
        // The socket sees the same cluster, with the role and tags AWS's caller gave.
        let overSocket = try await aws.daemon.client.send(EksClusterGet(name: "prod"))
        #expect(overSocket.status == "ACTIVE" && overSocket.roleArn == Self.role && overSocket.tags["team"] == "web")

        // A second cluster made over the socket pages with the first.
        _ = try await aws.daemon.client.send(EksClusterCreate(name: "dev", subnets: ["a", "b"]))
        let first = try aws.aws(["eks", "list-clusters", "--max-results", "1", "--no-paginate"])
        #expect(first.object["clusters"] as? [String] == ["prod"], "\(first)")
        let token = try #require(first.object["nextToken"] as? String)
        let second = try aws.aws(["eks", "list-clusters", "--max-results", "1", "--next-token", token, "--no-paginate"])
        #expect(second.object["clusters"] as? [String] == ["dev"], "\(second)")
        let all = try aws.aws(["eks", "list-clusters"])
        #expect(all.object["clusters"] as? [String] == ["prod", "dev"], "\(all)")

        let deleted = try aws.aws(["eks", "delete-cluster", "--name", "prod"])
        #expect(cluster(deleted)["status"] as? String == "DELETING", "\(deleted)")
        try await advance(aws, 300)
        let gone = try aws.aws(["eks", "describe-cluster", "--name", "prod"])
        #expect(gone.errorCode == "ResourceNotFoundException", "\(gone)")
    }

    @Test func theAWSCLIv2DrivesTheSameClusters() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let subnets = try await prepare(aws)
        let created = try aws.awsV2([
            "eks", "create-cluster", "--name", "v2", "--role-arn", Self.role, "--resources-vpc-config",
            "subnetIds=\(subnets[0]),\(subnets[2])",
        ])
        #expect(cluster(created)["status"] as? String == "CREATING", "\(created)")
        let arn = try #require(cluster(created)["arn"] as? String)
        let tagged = try aws.awsV2(["eks", "tag-resource", "--resource-arn", arn, "--tags", "owner=v2"])
        #expect(tagged.status == 0, "\(tagged)")
        let tags = try aws.awsV2(["eks", "list-tags-for-resource", "--resource-arn", arn])
        #expect(tags.object["tags"] as? [String: String] == ["owner": "v2"], "\(tags)")
        let missing = try aws.awsV2(["eks", "describe-cluster", "--name", "nope"])
        #expect(missing.errorCode == "ResourceNotFoundException", "\(missing)")
        #expect(try await aws.daemon.client.send(EksClusterGet(name: "v2")).tags == ["owner": "v2"])
    }

    @Test func nodeGroupsFargateProfilesAndUpdates() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let subnets = try await prepare(aws)
        _ = try aws.aws([
            "eks", "create-cluster", "--name", "prod", "--role-arn", Self.role, "--kubernetes-version", "1.33",
            "--resources-vpc-config", "subnetIds=\(subnets[0]),\(subnets[1])",
        ])
        let early = try aws.aws([
            "eks", "create-nodegroup", "--cluster-name", "prod", "--nodegroup-name", "ng", "--subnets", subnets[0],
            "--node-role", Self.nodeRole,
        ])
        #expect(early.errorCode == "InvalidRequestException", "\(early)")
        try await advance(aws, 600)

        let nodegroup = try aws.aws([
            "eks", "create-nodegroup", "--cluster-name", "prod", "--nodegroup-name", "ng", "--subnets", subnets[0],
            subnets[1], "--node-role", Self.nodeRole, "--scaling-config", "minSize=1,maxSize=4,desiredSize=2",
            "--instance-types", "m5.large",
        ])
        #expect(nodegroup.status == 0, "\(nodegroup)")
        let made = try #require(nodegroup.object["nodegroup"] as? [String: Any])
        #expect(made["status"] as? String == "CREATING" && made["nodeRole"] as? String == Self.nodeRole)
        #expect(made["instanceTypes"] as? [String] == ["m5.large"])
        try await advance(aws, 240)
        var described = try aws.aws(["eks", "describe-nodegroup", "--cluster-name", "prod", "--nodegroup-name", "ng"])
        let active = try #require(described.object["nodegroup"] as? [String: Any])
        #expect(active["status"] as? String == "ACTIVE", "\(described)")
        #expect((active["scalingConfig"] as? [String: Int]) == ["minSize": 1, "maxSize": 4, "desiredSize": 2])
        #expect(try await aws.daemon.client.send(EksNodegroupGet(cluster: "prod", name: "ng")).nodes.count == 2)
        let listed = try aws.aws(["eks", "list-nodegroups", "--cluster-name", "prod"])
        #expect(listed.object["nodegroups"] as? [String] == ["ng"], "\(listed)")

        // A scaling change is an update, visible while it runs and once it is done.
        let scaled = try aws.aws([
            "eks", "update-nodegroup-config", "--cluster-name", "prod", "--nodegroup-name", "ng", "--scaling-config",
            "desiredSize=3",
        ])
        let scaleUpdate = try #require(scaled.object["update"] as? [String: Any], "\(scaled)")
        let scaleId = try #require(scaleUpdate["id"] as? String)
        #expect(scaleUpdate["type"] as? String == "ConfigUpdate" && scaleUpdate["status"] as? String == "InProgress")
        var update = try aws.aws([
            "eks", "describe-update", "--name", "prod", "--update-id", scaleId, "--nodegroup-name", "ng",
        ])
        #expect((update.object["update"] as? [String: Any])?["status"] as? String == "InProgress", "\(update)")
        try await advance(aws, 120)
        update = try aws.aws([
            "eks", "describe-update", "--name", "prod", "--update-id", scaleId, "--nodegroup-name", "ng",
        ])
        #expect((update.object["update"] as? [String: Any])?["status"] as? String == "Successful", "\(update)")
        #expect(try await aws.daemon.client.send(EksNodegroupGet(cluster: "prod", name: "ng")).nodes.count == 3)
        // netctl shows the same update.
        let shown = try runCLI(
            ["eks", "update", "get", scaleId, "--cluster", "prod", "--nodegroup", "ng"], socket: aws.daemon.socketPath)
        #expect(shown.status == 0 && shown.stdout.contains("Successful") && shown.stdout.contains("DesiredSize=3"))
        let nodegroupUpdates = try aws.aws(["eks", "list-updates", "--name", "prod", "--nodegroup-name", "ng"])
        #expect(nodegroupUpdates.object["updateIds"] as? [String] == [scaleId], "\(nodegroupUpdates)")
        // A node group's update is not the cluster's.
        let wrongOwner = try aws.aws(["eks", "describe-update", "--name", "prod", "--update-id", scaleId])
        #expect(wrongOwner.errorCode == "ResourceNotFoundException", "\(wrongOwner)")

        // Cluster updates: endpoint access, then (once ACTIVE again) the version, node groups first.
        let config = try aws.aws([
            "eks", "update-cluster-config", "--name", "prod", "--resources-vpc-config",
            "endpointPrivateAccess=true",
        ])
        let configId = try #require((config.object["update"] as? [String: Any])?["id"] as? String, "\(config)")
        let busy = try aws.aws(["eks", "update-cluster-version", "--name", "prod", "--kubernetes-version", "1.34"])
        #expect(busy.errorCode == "ResourceInUseException", "\(busy)")
        try await advance(aws, 300)
        let version = try aws.aws(["eks", "update-cluster-version", "--name", "prod", "--kubernetes-version", "1.34"])
        let versionUpdate = try #require(version.object["update"] as? [String: Any], "\(version)")
        #expect(versionUpdate["type"] as? String == "VersionUpdate")
        #expect(
            (versionUpdate["params"] as? [[String: String]])?.contains(["type": "Version", "value": "1.34"]) == true)
        try await advance(aws, 900)
        let clusterUpdates = try aws.aws(["eks", "list-updates", "--name", "prod"])
        #expect(
            clusterUpdates.object["updateIds"] as? [String] == [configId, versionUpdate["id"] as? String ?? ""],
            "\(clusterUpdates)")
        described = try aws.aws(["eks", "describe-cluster", "--name", "prod"])
        #expect(cluster(described)["version"] as? String == "1.34")
        #expect((cluster(described)["resourcesVpcConfig"] as? [String: Any])?["endpointPrivateAccess"] as? Bool == true)

        // Fargate profiles: private subnets only (these have no route to an internet gateway).
        let profile = try aws.aws([
            "eks", "create-fargate-profile", "--cluster-name", "prod", "--fargate-profile-name", "fp",
            "--pod-execution-role-arn", "arn:aws:iam::000000000000:role/pods", "--subnets", subnets[0],
            "--selectors", "namespace=default,labels={app=web}",
        ])
        let fargate = try #require(profile.object["fargateProfile"] as? [String: Any], "\(profile)")
        #expect(fargate["status"] as? String == "CREATING")
        #expect(
            (fargate["selectors"] as? [[String: Any]])?.first?["labels"] as? [String: String] == ["app": "web"])
        try await advance(aws, 120)
        let profiles = try aws.aws(["eks", "list-fargate-profiles", "--cluster-name", "prod"])
        #expect(profiles.object["fargateProfileNames"] as? [String] == ["fp"], "\(profiles)")
        let describedProfile = try aws.aws([
            "eks", "describe-fargate-profile", "--cluster-name", "prod", "--fargate-profile-name", "fp",
        ])
        #expect((describedProfile.object["fargateProfile"] as? [String: Any])?["status"] as? String == "ACTIVE")

        // The cluster keeps its children: deleting it is refused until they are gone.
        let refused = try aws.aws(["eks", "delete-cluster", "--name", "prod"])
        #expect(refused.errorCode == "ResourceInUseException", "\(refused)")
        let profileGone = try aws.aws([
            "eks", "delete-fargate-profile", "--cluster-name", "prod", "--fargate-profile-name", "fp",
        ])
        #expect((profileGone.object["fargateProfile"] as? [String: Any])?["status"] as? String == "DELETING")
        let nodegroupGone = try aws.aws(["eks", "delete-nodegroup", "--cluster-name", "prod", "--nodegroup-name", "ng"])
        #expect((nodegroupGone.object["nodegroup"] as? [String: Any])?["status"] as? String == "DELETING")
        try await advance(aws, 300)
        let empty = try aws.aws(["eks", "list-nodegroups", "--cluster-name", "prod"])
        #expect(empty.object["nodegroups"] as? [String] == [], "\(empty)")
        let deleted = try aws.aws(["eks", "delete-cluster", "--name", "prod"])
        #expect(deleted.status == 0, "\(deleted)")
    }

    @Test func errorsTagsAndSignaturesAsBoto3ReportsThem() async throws {
        let aws = try await AWSDaemon.start(
            ["--manual-clock"],
            configuration: """
                aws:
                  credentials:
                    - "test:test:000000000000"
                    - "AKIAREADER:reader-secret:000000000000:readOnly"
                """)
        defer { Task { await aws.terminate() } }
        let subnets = try await prepare(aws)
        let result = try aws.boto3(
            """
            eks = boto3.client("eks", config=_config)
            def failure(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    meta = error.response["ResponseMetadata"]
                    return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"],
                            "status": meta["HTTPStatusCode"], "errorType": meta["HTTPHeaders"].get("x-amzn-errortype")}
                return None
            out = {}
            made = eks.create_cluster(name="prod", roleArn="\(Self.role)", version="1.33",
                                      resourcesVpcConfig={"subnetIds": ["\(subnets[0])", "\(subnets[1])"]})
            arn = made["cluster"]["arn"]
            out["missing"] = failure(lambda: eks.describe_cluster(name="nope"))
            out["duplicate"] = failure(lambda: eks.create_cluster(name="prod", roleArn="\(Self.role)",
                                       resourcesVpcConfig={"subnetIds": ["\(subnets[0])", "\(subnets[1])"]}))
            out["version"] = failure(lambda: eks.create_cluster(name="old", roleArn="\(Self.role)", version="1.20",
                                     resourcesVpcConfig={"subnetIds": ["\(subnets[0])", "\(subnets[1])"]}))
            out["oneZone"] = failure(lambda: eks.create_cluster(name="one", roleArn="\(Self.role)",
                                     resourcesVpcConfig={"subnetIds": ["\(subnets[0])"]}))
            out["role"] = failure(lambda: eks.create_cluster(name="r", roleArn="eks-role",
                                  resourcesVpcConfig={"subnetIds": ["\(subnets[0])", "\(subnets[1])"]}))
            out["unsupported"] = failure(lambda: eks.create_cluster(name="l", roleArn="\(Self.role)",
                                         resourcesVpcConfig={"subnetIds": ["\(subnets[0])", "\(subnets[1])"]},
                                         logging={"clusterLogging": [{"types": ["api"], "enabled": True}]}))
            out["notActive"] = failure(lambda: eks.create_fargate_profile(clusterName="prod", fargateProfileName="fp",
                                       podExecutionRoleArn="arn:aws:iam::000000000000:role/pods",
                                       subnets=["\(subnets[0])"], selectors=[{"namespace": "default"}]))
            # Tags by ARN: the ARN travels percent-encoded in the path.
            eks.tag_resource(resourceArn=arn, tags={"team": "web", "env": "dev"})
            eks.untag_resource(resourceArn=arn, tagKeys=["env"])
            out["tags"] = eks.list_tags_for_resource(resourceArn=arn)["tags"]
            out["tagMissing"] = failure(lambda: eks.list_tags_for_resource(
                resourceArn="arn:aws:eks:us-east-1:000000000000:cluster/nope"))
            out["tagBadArn"] = failure(lambda: eks.tag_resource(resourceArn="cluster-prod", tags={"a": "b"}))
            # A wrong secret and a read-only key, answered in rest-json's format.
            bad = boto3.client("eks", config=_config, aws_access_key_id="test", aws_secret_access_key="wrong")
            out["badSignature"] = failure(lambda: bad.list_clusters())
            unknown = boto3.client("eks", config=_config, aws_access_key_id="AKIANOBODY", aws_secret_access_key="x")
            out["unknownKey"] = failure(lambda: unknown.list_clusters())
            reader = boto3.client("eks", config=_config, aws_access_key_id="AKIAREADER",
                                  aws_secret_access_key="reader-secret")
            out["readerList"] = reader.list_clusters()["clusters"]
            out["readerDelete"] = failure(lambda: reader.delete_cluster(name="prod"))
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        func failure(_ key: String) -> [String: Any] { (out[key] as? [String: Any]) ?? [:] }
        #expect(failure("missing")["code"] as? String == "ResourceNotFoundException", "\(result)")
        #expect(failure("missing")["status"] as? Int == 404)
        #expect(failure("missing")["errorType"] as? String == "ResourceNotFoundException")
        #expect(failure("duplicate")["code"] as? String == "ResourceInUseException")
        #expect(failure("duplicate")["status"] as? Int == 409)
        #expect(failure("version")["code"] as? String == "InvalidParameterException")
        #expect(failure("version")["status"] as? Int == 400)
        #expect(failure("oneZone")["code"] as? String == "InvalidParameterException")
        #expect(failure("role")["code"] as? String == "InvalidParameterException")
        #expect(failure("unsupported")["code"] as? String == "InvalidParameterException")
        #expect((failure("unsupported")["message"] as? String)?.contains("logging") == true)
        #expect(failure("notActive")["code"] as? String == "InvalidRequestException")
        #expect(out["tags"] as? [String: String] == ["team": "web"])
        #expect(failure("tagMissing")["code"] as? String == "NotFoundException")
        #expect(failure("tagMissing")["status"] as? Int == 404)
        #expect(failure("tagBadArn")["code"] as? String == "BadRequestException")
        #expect(failure("badSignature")["code"] as? String == "InvalidSignatureException")
        #expect(failure("badSignature")["status"] as? Int == 403)
        #expect(failure("badSignature")["errorType"] as? String == "InvalidSignatureException")
        #expect(failure("unknownKey")["code"] as? String == "UnrecognizedClientException")
        #expect(out["readerList"] as? [String] == ["prod"])
        #expect(failure("readerDelete")["code"] as? String == "AccessDeniedException")
        #expect(failure("readerDelete")["status"] as? Int == 403)
        // The socket sees the tags AWS's caller set.
        #expect(try await aws.daemon.client.send(EksClusterGet(name: "prod")).tags == ["team": "web"])
    }
}

/// EKS's rest-json answers checked against botocore's `eks` model (see `JSONConformance`): successes
/// and refusals of every operation served, with the daemon's clock moved from Python over the socket.
@Suite struct AWSEKSConformanceTests {
    static func scenarios(socket: String) -> [JSONConformance.Scenario] {
        [
            .init(
                name: "eks",
                python: """
                    import socket
                    def advance(seconds):
                        with socket.socket(socket.AF_UNIX) as s:
                            s.connect(\(try! AWSModelConformanceTests.pythonString(socket)))
                            s.sendall(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "debug.clock.advance",
                                                  "params": {"seconds": seconds}}).encode() + b"\\n")
                            s.recv(65536)
                    ec2 = clients("ec2")
                    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
                    a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
                    b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
                    role = "arn:aws:iam::000000000000:role/eks"
                    arn = client.create_cluster(name="c", roleArn=role, version="1.33", tags={"k": "v"},
                                                resourcesVpcConfig={"subnetIds": [a, b]})["cluster"]["arn"]
                    client.describe_cluster(name="c")
                    advance(600)
                    client.describe_cluster(name="c")
                    client.list_clusters(maxResults=1)
                    error_code(lambda: client.describe_cluster(name="nope"))
                    error_code(lambda: client.create_cluster(name="c", roleArn=role, resourcesVpcConfig={"subnetIds": [a, b]}))
                    client.create_nodegroup(clusterName="c", nodegroupName="ng", subnets=[a, b], nodeRole=role,
                                            scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 1})
                    advance(240)
                    client.describe_nodegroup(clusterName="c", nodegroupName="ng")
                    client.list_nodegroups(clusterName="c")
                    ng_update = client.update_nodegroup_config(clusterName="c", nodegroupName="ng",
                                                               scalingConfig={"desiredSize": 2})["update"]["id"]
                    client.describe_update(name="c", updateId=ng_update, nodegroupName="ng")
                    client.list_updates(name="c", nodegroupName="ng")
                    advance(120)
                    client.create_fargate_profile(clusterName="c", fargateProfileName="fp", subnets=[a],
                                                  podExecutionRoleArn=role, selectors=[{"namespace": "default"}])
                    client.describe_fargate_profile(clusterName="c", fargateProfileName="fp")
                    client.list_fargate_profiles(clusterName="c")
                    update = client.update_cluster_config(name="c", resourcesVpcConfig={"endpointPrivateAccess": True})
                    client.describe_update(name="c", updateId=update["update"]["id"])
                    advance(300)
                    client.update_cluster_version(name="c", version="1.34")
                    client.list_updates(name="c")
                    client.tag_resource(resourceArn=arn, tags={"team": "web"})
                    client.untag_resource(resourceArn=arn, tagKeys=["k"])
                    client.list_tags_for_resource(resourceArn=arn)
                    error_code(lambda: client.list_tags_for_resource(resourceArn=arn + "x"))
                    advance(900)
                    client.delete_fargate_profile(clusterName="c", fargateProfileName="fp")
                    client.delete_nodegroup(clusterName="c", nodegroupName="ng")
                    error_code(lambda: client.delete_cluster(name="c"))
                    advance(300)
                    client.delete_cluster(name="c")
                    """)
        ]
    }

    @Test func eksAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(
            service: "eks", scenarios: Self.scenarios(socket: aws.daemon.socketPath), on: aws)
        #expect(
            Set(report.succeeded).isSuperset(of: [
                "CreateCluster", "DescribeCluster", "ListClusters", "DeleteCluster", "UpdateClusterConfig",
                "UpdateClusterVersion", "CreateNodegroup", "DescribeNodegroup", "ListNodegroups", "DeleteNodegroup",
                "UpdateNodegroupConfig", "CreateFargateProfile", "DescribeFargateProfile", "ListFargateProfiles",
                "DeleteFargateProfile", "DescribeUpdate", "ListUpdates", "TagResource", "UntagResource",
                "ListTagsForResource",
            ]), "\(report.succeeded)")
    }
}
