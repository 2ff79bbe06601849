import NetctlAPI

extension Vpc {
    /// Whether one of the VPC's CIDR blocks holds the address.
    func holds(_ address: IPv4Address) -> Bool {
        cidrBlocks.contains { IPv4CIDR($0)?.contains(address) ?? false }
    }
}

extension State {
    /// The VPC's subnet whose block holds the address: where a packet to it is delivered.
    func subnet(ofVpc vpcId: String, holding address: IPv4Address) -> Subnet? {
        subnets.children(of: vpcId).first { IPv4CIDR($0.cidrBlock)?.contains(address) ?? false }
    }
}
