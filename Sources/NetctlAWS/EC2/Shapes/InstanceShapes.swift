import Foundation
import NetctlAPI
import NetctlCore

extension EC2.Instance {
    /// `interface`: the instance's primary interface while it has one (gone once terminated, as on AWS);
    /// `groupNames`: the names of its groups, by ID, as EC2 shows them beside the IDs.
    init(_ instance: Instance, interface: NetworkInterface?, groupNames: [String: String] = [:], launchIndex: Int = 0) {
        self.init()
        instanceId = instance.instanceId
        imageId = instance.imageId
        instanceType = instance.instanceType
        state = EC2.InstanceState(instance.state)
        stateTransitionReason = instance.stateTransitionReason ?? ""
        launchTime = instance.launchTime
        amiLaunchIndex = launchIndex
        placement = EC2.Placement(
            availabilityZoneId: Regions.zones(of: instance.region).first { $0.zoneName == instance.availabilityZone }?
                .zoneId,
            groupName: "", tenancy: "default", availabilityZone: instance.availabilityZone)
        monitoring = EC2.Monitoring(state: "disabled")
        architecture = "x86_64"
        hypervisor = "xen"
        virtualizationType = "hvm"
        rootDeviceType = "ebs"
        rootDeviceName = "/dev/xvda"
        platformDetails = "Linux/UNIX"
        productCodes = []
        blockDeviceMappings = []
        tags = Tagging.ec2Tags(name: instance.name, tags: instance.tags)
        if [.stopping, .stopped, .shuttingDown, .terminated].contains(instance.state) {
            stateReason = EC2.StateReason(
                code: "Client.UserInitiatedShutdown", message: "Client.UserInitiatedShutdown: User initiated shutdown")
        }
        // A terminated instance keeps no network: no subnet, addresses, groups or interfaces.
        guard instance.state != .terminated else {
            privateDnsName = ""
            publicDnsName = ""
            networkInterfaces = []
            securityGroups = []
            return
        }
        subnetId = instance.subnetId
        vpcId = instance.vpcId
        privateIpAddress = instance.privateIpAddress
        publicIpAddress = instance.publicIpAddress
        privateDnsName = EC2.NetworkInterface.privateDnsName(instance.privateIpAddress, region: instance.region)
        publicDnsName = ""
        sourceDestCheck = interface?.sourceDestCheck ?? true
        securityGroups = EC2.GroupIdentifier.list(instance.securityGroupIds, names: groupNames)
        networkInterfaces =
            interface.map { [EC2.InstanceNetworkInterface($0, ownerId: instance.accountId, groupNames: groupNames)] } ?? []
    }
}

extension EC2.InstanceState {
    init(_ state: InstanceState) { self.init(code: state.code, name: state.rawValue) }
}

extension EC2.InstanceNetworkInterface {
    init(_ interface: NetworkInterface, ownerId: String, groupNames: [String: String]) {
        let dnsName = EC2.NetworkInterface.privateDnsName(interface.privateIpAddress, region: interface.region)
        let association = interface.publicIpAddress.map {
            EC2.InstanceNetworkInterfaceAssociation(ipOwnerId: "amazon", publicDnsName: "", publicIp: $0)
        }
        self.init(
            association: association,
            attachment: interface.attachment.map {
                EC2.InstanceNetworkInterfaceAttachment(
                    attachTime: $0.attachTime, attachmentId: $0.attachmentId, deleteOnTermination: $0.deleteOnTermination,
                    deviceIndex: $0.deviceIndex, status: $0.status, networkCardIndex: 0)
            },
            description: interface.description,
            groups: EC2.GroupIdentifier.list(interface.securityGroupIds, names: groupNames), ipv6Addresses: [],
            networkInterfaceId: interface.networkInterfaceId, ownerId: ownerId, privateDnsName: dnsName,
            privateIpAddress: interface.privateIpAddress,
            privateIpAddresses: [
                EC2.InstancePrivateIpAddress(
                    association: association, primary: true, privateDnsName: dnsName,
                    privateIpAddress: interface.privateIpAddress)
            ],
            sourceDestCheck: interface.sourceDestCheck, status: interface.status, subnetId: interface.subnetId,
            vpcId: interface.vpcId, interfaceType: interface.awsInterfaceType)
    }
}

extension EC2.InstanceStateChange {
    init(_ instanceId: String, from previous: InstanceState, to current: InstanceState) {
        self.init(
            instanceId: instanceId, currentState: EC2.InstanceState(current), previousState: EC2.InstanceState(previous))
    }
}

extension EC2.Reservation {
    /// One reservation's instances, in launch order.
    init(reservationId: String, ownerId: String, instances: [EC2.Instance]) {
        self.init(reservationId: reservationId, ownerId: ownerId, groups: [], instances: instances)
    }
}

extension EC2.GroupIdentifier {
    static func list(_ ids: [String], names: [String: String]) -> [EC2.GroupIdentifier] {
        ids.map { EC2.GroupIdentifier(groupId: $0, groupName: names[$0]) }
    }
}
