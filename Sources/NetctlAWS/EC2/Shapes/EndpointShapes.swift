import NetctlAPI
import NetctlCore

extension EC2.VpcEndpoint {
    init(_ endpoint: Endpoint) {
        let interface = endpoint.type == Endpoint.interface
        self.init(
            vpcEndpointId: endpoint.endpointId, vpcEndpointType: Endpoint.awsTypeName(endpoint.type),
            vpcId: endpoint.vpcId, serviceName: endpoint.serviceName, state: endpoint.state.rawValue,
            policyDocument: endpoint.policy, routeTableIds: endpoint.routeTableIds, subnetIds: endpoint.subnetIds,
            groups: endpoint.securityGroupIds.map { EC2.SecurityGroupIdentifier(groupId: $0) },
            // netctl models IPv4 only.
            ipAddressType: "ipv4", dnsOptions: interface ? EC2.DnsOptions(dnsRecordIpType: "ipv4") : nil,
            privateDnsEnabled: endpoint.privateDnsEnabled, requesterManaged: false,
            networkInterfaceIds: endpoint.networkInterfaces.map(\.networkInterfaceId),
            dnsEntries: endpoint.dnsEntries.map { EC2.DnsEntry(dnsName: $0.dnsName, hostedZoneId: $0.hostedZoneId) },
            creationTimestamp: endpoint.createdAt, tags: Tagging.ec2Tags(name: nil, tags: endpoint.tags),
            ownerId: endpoint.accountId)
    }
}

extension EC2.ServiceDetail {
    init(_ service: EndpointService, region: String) {
        self.init(
            serviceName: service.serviceName,
            serviceType: service.serviceTypes.map { EC2.ServiceTypeDetail(serviceType: Endpoint.awsTypeName($0)) },
            serviceRegion: region, availabilityZoneIds: zones(service, region).compactMap(\.zoneId),
            availabilityZones: service.availabilityZones, owner: ServiceCatalog.owner,
            baseEndpointDnsNames: ServiceCatalog.baseEndpointDnsNames(service, region: region),
            privateDnsName: service.privateDnsName,
            privateDnsNames: service.privateDnsName.map { [EC2.PrivateDnsDetails(privateDnsName: $0)] },
            // Every catalog service takes a policy and accepts endpoints without a provider's approval.
            vpcEndpointPolicySupported: true, acceptanceRequired: false, managesVpcEndpoints: false, tags: [],
            supportedIpAddressTypes: ["ipv4"])
    }
}

/// The zones of the region that the service is offered in, with their IDs.
private func zones(_ service: EndpointService, _ region: String) -> [EC2.AvailabilityZone] {
    Regions.zones(of: region).filter { service.availabilityZones.contains($0.zoneName ?? "") }
}

extension EC2.ManagedPrefixList {
    /// An AWS-managed list: AWS shows neither a version nor a maximum size for these, only for
    /// customer-managed lists.
    init(_ list: PrefixList, region: String) {
        self.init(
            prefixListId: list.prefixListId, addressFamily: "IPv4", state: "create-complete",
            prefixListArn: ServiceCatalog.prefixListArn(list, region: region), prefixListName: list.prefixListName,
            tags: [], ownerId: ServiceCatalog.prefixListOwner)
    }
}

extension EC2.PrefixList {
    init(_ list: PrefixList) {
        self.init(cidrs: list.cidrs, prefixListId: list.prefixListId, prefixListName: list.prefixListName)
    }
}
