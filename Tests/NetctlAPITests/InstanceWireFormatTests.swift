import Foundation
import NetctlAPI
import Testing

/// Golden JSON of an instance, of `instance.run`'s params, and of an instance's interface.
@Suite("Wire format of instances and interfaces (golden JSON)")
struct InstanceWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let time = Date(timeIntervalSince1970: 1_764_091_474.123)

    @Test("an instance, with API.md's fields and states")
    func instance() throws {
        let instance = Instance(
            instanceId: "i-0123456789abcdef0", name: "web", accountId: "000000000000", region: "us-east-1",
            reservationId: "r-0123456789abcdef0", subnetId: "subnet-1", vpcId: "vpc-1", availabilityZone: "us-east-1a",
            privateIpAddress: "10.0.1.4", publicIpAddress: "192.0.2.1", state: .shuttingDown,
            stateTransitionReason: "User initiated (2025-11-25 17:24:34 GMT)", stateChangedAt: Self.time,
            securityGroupIds: ["sg-0123456789abcdef0"], networkInterfaceId: "eni-1", autoAssignPublicIp: true,
            imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", launchTime: Self.time, tags: ["Name": "web"],
            createdAt: Self.time)
        #expect(
            try json(InstanceRunResponse(instances: [instance]))
                == #"{"instances":[{"accountId":"000000000000","autoAssignPublicIp":true,"availabilityZone":"us-east-1a","createdAt":"2025-11-25T17:24:34.123Z","imageId":"ami-0123456789abcdef0","instanceId":"i-0123456789abcdef0","instanceType":"t3.micro","launchTime":"2025-11-25T17:24:34.123Z","name":"web","networkInterfaceId":"eni-1","privateIpAddress":"10.0.1.4","publicIpAddress":"192.0.2.1","region":"us-east-1","reservationId":"r-0123456789abcdef0","securityGroupIds":["sg-0123456789abcdef0"],"state":"shutting-down","stateChangedAt":"2025-11-25T17:24:34.123Z","stateTransitionReason":"User initiated (2025-11-25 17:24:34 GMT)","subnetId":"subnet-1","tags":{"Name":"web"},"vpcId":"vpc-1"}]}"#
        )
        #expect(InstanceState.allCases.map(\.code) == [0, 16, 64, 80, 32, 48])
        #expect(InstanceState.allCases.map(\.rawValue) == ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"])
    }

    @Test("instance.run params as scripts send them")
    func runParams() throws {
        let run = try NetctlJSON.decoder.decode(
            InstanceRun.self,
            from: Data(
                #"{"subnet":"public","name":"web","privateIpAddress":"10.0.1.10","securityGroups":["web"],"associatePublicIpAddress":true,"count":1}"#
                    .utf8))
        #expect(run.subnet == "public" && run.name == "web" && run.privateIpAddress == "10.0.1.10")
        #expect(run.securityGroups == ["web"] && run.associatePublicIpAddress == true && run.count == 1)
    }

    @Test("an instance's interface: kind, groups, attachment, public address")
    func interface() throws {
        let interface = NetworkInterface(
            networkInterfaceId: "eni-1", subnetId: "subnet-1", vpcId: "vpc-1", accountId: "000000000000",
            region: "us-east-1", availabilityZone: "us-east-1a", privateIpAddress: "10.0.1.4", interfaceType: "instance",
            description: "", attachedTo: "i-0123456789abcdef0", publicIpAddress: "192.0.2.1",
            securityGroupIds: ["sg-0123456789abcdef0"],
            attachment: NetworkInterfaceAttachment(
                attachmentId: "eni-attach-0123456789abcdef0", instanceId: "i-0123456789abcdef0", deviceIndex: 0,
                deleteOnTermination: true, attachTime: Self.time),
            createdAt: Self.time)
        #expect(
            try json(interface)
                == #"{"accountId":"000000000000","attachedTo":"i-0123456789abcdef0","attachment":{"attachTime":"2025-11-25T17:24:34.123Z","attachmentId":"eni-attach-0123456789abcdef0","deleteOnTermination":true,"deviceIndex":0,"instanceId":"i-0123456789abcdef0","status":"attached"},"availabilityZone":"us-east-1a","createdAt":"2025-11-25T17:24:34.123Z","description":"","interfaceType":"instance","networkInterfaceId":"eni-1","privateIpAddress":"10.0.1.4","publicIpAddress":"192.0.2.1","region":"us-east-1","securityGroupIds":["sg-0123456789abcdef0"],"sourceDestCheck":true,"status":"in-use","subnetId":"subnet-1","tags":{},"vpcId":"vpc-1"}"#
        )
        let decoded = try NetctlJSON.decoder.decode(NetworkInterface.self, from: try NetctlJSON.encoder.encode(interface))
        #expect(decoded == interface)
    }
}
