import NetctlAPI
import NetctlCore

/// Elastic IP addresses (domain vpc only: EC2-Classic is gone).
extension EC2Actions {
    static let addresses: [EC2Action] = [
        .make("AllocateAddress", mutating: true, supported: ["Domain", "NetworkBorderGroup", "TagSpecification"]) {
            (input: EC2.AllocateAddressRequest, context) throws(AWSError) in
            if let domain = input.domain, domain != "vpc" {
                throw AWSError.invalidParameterValue(
                    "Value (\(domain)) for parameter domain is invalid: EC2-Classic is retired; use vpc.")
            }
            let tags = try Tagging.tags(input.tagSpecifications, for: "elastic-ip")
            let address = try await context.run(
                AddressAllocate(networkBorderGroup: input.networkBorderGroup, tags: tags))
            return EC2.AllocateAddressResult(
                allocationId: address.allocationId, publicIpv4Pool: address.publicIpv4Pool,
                networkBorderGroup: address.networkBorderGroup, domain: address.domain, publicIp: address.publicIp)
        },
        .make("ReleaseAddress", mutating: true, supported: ["AllocationId", "PublicIp", "NetworkBorderGroup"]) {
            (input: EC2.ReleaseAddressRequest, context) throws(AWSError) in
            guard let allocationId = input.allocationId else {
                // PublicIp named EC2-Classic addresses; a VPC address is released by its allocation.
                if input.publicIp != nil {
                    throw AWSError.invalidParameterValue(
                        "You must specify an allocation id when releasing a VPC elastic IP address")
                }
                throw AWSError.missingParameter("The request must contain the parameter AllocationId")
            }
            if input.publicIp != nil {
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message: "The parameter PublicIp cannot be used with the parameter AllocationId")
            }
            _ = try await context.run(
                AddressRelease(address: allocationId, networkBorderGroup: input.networkBorderGroup))
            return EC2Return()
        },
        .make("DescribeAddresses", mutating: false, supported: ["Filter", "PublicIp", "AllocationId"]) {
            (input: EC2.DescribeAddressesRequest, context) throws(AWSError) in
            var filters = try Filters.netctl(input.filters)
            // Each one is looked up first so an unknown one fails the call with its own NotFound code.
            if let ids = input.allocationIds, !ids.isEmpty {
                let known = try await context.each(ids) { AddressGet(address: $0) }
                filters.append(Filter(name: "allocation-id", values: known.map(\.allocationId)))
            }
            if let ips = input.publicIps, !ips.isEmpty {
                if let malformed = ips.first(where: { IPv4Address($0) == nil }) {
                    throw AWSError(code: ErrorCode.addressNotFound.rawValue, message: "Address '\(malformed)' not found.")
                }
                let known = try await context.each(ips) { AddressGet(address: $0) }
                filters.append(Filter(name: "allocation-id", values: known.map(\.allocationId)))
            }
            let list = try await context.run(AddressList(filters: filters))
            return EC2.DescribeAddressesResult(addresses: list.addresses.map(EC2.Address.init))
        },
    ]
}
