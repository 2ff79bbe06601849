import Foundation
import NetctlAPI
import Testing

@testable import NetctlAWS

/// An instance and its state changes on EC2's wire (golden XML where botocore reads element names).
struct InstanceShapesTests {
    static let time = Date(timeIntervalSince1970: 0)

    func instance(_ state: InstanceState) -> Instance {
        Instance(
            instanceId: "i-0123456789abcdef0", name: "web", accountId: "111122223333", region: "us-east-1",
            reservationId: "r-0123456789abcdef0", subnetId: "subnet-1", vpcId: "vpc-1", availabilityZone: "us-east-1a",
            privateIpAddress: "10.0.1.4", publicIpAddress: state == .running ? "192.0.2.1" : nil, state: state,
            stateChangedAt: Self.time, securityGroupIds: ["sg-1"], networkInterfaceId: "eni-1",
            autoAssignPublicIp: true, imageId: "ami-1", instanceType: "t3.micro", launchTime: Self.time,
            tags: [:], createdAt: Self.time)
    }

    func text(_ shape: some XMLShape) -> String {
        var xml = XMLWriter()
        shape.write(to: &xml)
        return String(decoding: xml.bytes, as: UTF8.self)
    }

    @Test func stateChangesCarryAWSsCodes() {
        let change = EC2.InstanceStateChange("i-1", from: .running, to: .stopping)
        #expect(
            text(EC2.StopInstancesResult(stoppingInstances: [change]))
                == "<instancesSet><item><instanceId>i-1</instanceId><currentState><code>64</code><name>stopping</name>"
                + "</currentState><previousState><code>16</code><name>running</name></previousState></item></instancesSet>")
    }

    @Test func aRunningInstanceShowsItsNetwork() {
        let interface = NetworkInterface(
            networkInterfaceId: "eni-1", subnetId: "subnet-1", vpcId: "vpc-1", accountId: "111122223333",
            region: "us-east-1", availabilityZone: "us-east-1a", privateIpAddress: "10.0.1.4", interfaceType: "instance",
            description: "", attachedTo: "i-0123456789abcdef0", publicIpAddress: "192.0.2.1",
            securityGroupIds: ["sg-1"],
            attachment: NetworkInterfaceAttachment(
                attachmentId: "eni-attach-1", instanceId: "i-0123456789abcdef0", deviceIndex: 0,
                deleteOnTermination: true, attachTime: Self.time),
            createdAt: Self.time)
        let shape = EC2.Instance(instance(.running), interface: interface)
        #expect(shape.state?.code == 16 && shape.state?.name == "running")
        #expect(shape.subnetId == "subnet-1" && shape.publicIpAddress == "192.0.2.1")
        #expect(shape.securityGroups?.map(\.groupId) == ["sg-1"])
        #expect(shape.networkInterfaces?.first?.interfaceType == "interface")
        #expect(shape.networkInterfaces?.first?.association?.publicIp == "192.0.2.1")
        #expect(shape.networkInterfaces?.first?.attachment?.deviceIndex == 0)
        #expect(shape.tags?.map(\.key) == ["Name"])
        let xml = text(shape)
        #expect(xml.contains("<instanceState><code>16</code><name>running</name></instanceState>"), "\(xml)")
        #expect(xml.contains("<groupSet><item><groupId>sg-1</groupId></item></groupSet>"), "\(xml)")
        #expect(xml.contains("<networkInterfaceSet><item>"), "\(xml)")
    }

    @Test func aTerminatedInstanceHasNoNetwork() {
        let shape = EC2.Instance(instance(.terminated), interface: nil)
        #expect(shape.state?.code == 48 && shape.subnetId == nil && shape.privateIpAddress == nil)
        #expect(shape.networkInterfaces?.isEmpty == true)
        #expect(shape.stateReason?.code == "Client.UserInitiatedShutdown")
    }
}
