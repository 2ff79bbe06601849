import Foundation
import NetctlAPI
import Testing

/// Golden JSON of the EKS shapes: the field names API.md fixes, and what netctl adds.
@Suite("Wire format of EKS (golden JSON)")
struct EksWireFormatTests {
    let created = Date(timeIntervalSince1970: 1_764_091_474.123)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("a cluster carries name, arn, status, version, endpoint, vpcId, subnets, availabilityZones and createdAt")
    func cluster() throws {
        let cluster = EksCluster(
            name: "prod", arn: "arn:aws:eks:us-east-1:111122223333:cluster/prod", accountId: "111122223333",
            region: "us-east-1", status: "ACTIVE", version: "1.33", platformVersion: "eks.1",
            endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
            vpcId: "vpc-0a1b2c3d4e5f67890", subnets: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
            resourcesVpcConfig: EksVpcConfig(
                vpcId: "vpc-0a1b2c3d4e5f67890", subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
                securityGroupIds: [], clusterSecurityGroupId: "sg-0123456789abcdef0", endpointPublicAccess: true,
                endpointPrivateAccess: false, publicAccessCidrs: ["0.0.0.0/0"]),
            serviceIpv4Cidr: "172.20.0.0/16",
            controlPlaneInterfaces: [
                EksInterface(
                    networkInterfaceId: "eni-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0",
                    availabilityZone: "us-east-1a", privateIpAddress: "10.0.1.4")
            ], nodegroupCount: 1, desiredNodeCount: 2, readyNodeCount: 2, createdAt: created, nextTransitionAt: nil)
        #expect(
            try json(cluster)
                == #"{"accountId":"111122223333","arn":"arn:aws:eks:us-east-1:111122223333:cluster/prod","availabilityZones":["us-east-1a","us-east-1b","us-east-1c"],"controlPlaneInterfaces":[{"availabilityZone":"us-east-1a","networkInterfaceId":"eni-0123456789abcdef0","privateIpAddress":"10.0.1.4","subnetId":"subnet-0123456789abcdef0"}],"createdAt":"2025-11-25T17:24:34.123Z","desiredNodeCount":2,"endpoint":"https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com","fargateProfileCount":0,"name":"prod","nodegroupCount":1,"platformVersion":"eks.1","readyNodeCount":2,"region":"us-east-1","resourcesVpcConfig":{"clusterSecurityGroupId":"sg-0123456789abcdef0","endpointPrivateAccess":false,"endpointPublicAccess":true,"publicAccessCidrs":["0.0.0.0/0"],"securityGroupIds":[],"subnetIds":["subnet-0123456789abcdef0","subnet-0123456789abcdef1"],"vpcId":"vpc-0a1b2c3d4e5f67890"},"serviceIpv4Cidr":"172.20.0.0/16","status":"ACTIVE","subnets":["subnet-0123456789abcdef0","subnet-0123456789abcdef1"],"tags":{},"version":"1.33","vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
        #expect(try NetctlJSON.decoder.decode(EksCluster.self, from: NetctlJSON.encoder.encode(cluster)) == cluster)
    }

    @Test(
        "node group and Fargate profile lists are names; a node has instanceId, privateIpAddress, subnetId, availabilityZone, networkInterfaceId"
    )
    func lists() throws {
        #expect(try json(EksNodegroupListResponse(nodegroups: ["web", "batch"])) == #"{"nodegroups":["web","batch"]}"#)
        #expect(
            try json(EksFargateProfileListResponse(fargateProfiles: ["apps"], nextToken: "t"))
                == #"{"fargateProfiles":["apps"],"nextToken":"t"}"#)
        let node = EksNode(
            instanceId: "i-0123456789abcdef0", instanceType: "t3.medium", privateIpAddress: "10.0.1.5",
            subnetId: "subnet-0123456789abcdef0", availabilityZone: "us-east-1a",
            networkInterfaceId: "eni-0123456789abcdef0",
            launchedAt: created)
        #expect(
            try json(node)
                == #"{"availabilityZone":"us-east-1a","instanceId":"i-0123456789abcdef0","instanceType":"t3.medium","launchedAt":"2025-11-25T17:24:34.123Z","networkInterfaceId":"eni-0123456789abcdef0","privateIpAddress":"10.0.1.5","subnetId":"subnet-0123456789abcdef0"}"#
        )
        #expect(
            try json(FargateSelector(namespace: "prod", labels: ["app": "web"]))
                == #"{"labels":{"app":"web"},"namespace":"prod"}"#)
        #expect(
            try json(EksScalingConfig(minSize: 1, desiredSize: 2, maxSize: 3))
                == #"{"desiredSize":2,"maxSize":3,"minSize":1}"#)
    }

    @Test("create requests decode what scripts send, scalingConfig and selectors included")
    func requests() throws {
        let nodegroup = try NetctlJSON.decoder.decode(
            EksNodegroupCreate.self,
            from: Data(
                #"{"cluster":"prod","name":"web","subnets":["a"],"scalingConfig":{"minSize":0,"desiredSize":1,"maxSize":2}}"#
                    .utf8))
        #expect(
            nodegroup.scalingConfig == EksScalingConfig(minSize: 0, desiredSize: 1, maxSize: 2)
                && nodegroup.instanceTypes == nil)
        let profile = try NetctlJSON.decoder.decode(
            EksFargateProfileCreate.self,
            from: Data(
                #"{"cluster":"prod","name":"apps","subnets":["a"],"selectors":[{"namespace":"default"},{"namespace":"prod","labels":{"app":"web"}}]}"#
                    .utf8))
        #expect(
            profile.selectors == [
                FargateSelector(namespace: "default"), FargateSelector(namespace: "prod", labels: ["app": "web"]),
            ])
    }
}
