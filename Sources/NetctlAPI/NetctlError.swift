/// An AWS-style error: a stable `code` scripts can match on, and a message that says what to do.
public struct NetctlError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// The stable `error.data.code` values. Casing copies AWS exactly (`ID` vs `Id`).
public struct ErrorCode: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let invalidParameterValue: Self = "InvalidParameterValue"
    public static let invalidParameterCombination: Self = "InvalidParameterCombination"
    public static let missingParameter: Self = "MissingParameter"
    public static let unknownParameter: Self = "UnknownParameter"
    public static let invalidNextToken: Self = "InvalidNextToken"
    public static let idempotentParameterMismatch: Self = "IdempotentParameterMismatch"
    public static let invalidClientToken: Self = "InvalidClientToken"
    public static let unauthorizedOperation: Self = "UnauthorizedOperation"
    public static let authFailure: Self = "AuthFailure"
    public static let internalError: Self = "InternalError"
    public static let unavailable: Self = "Unavailable"
    public static let dependencyViolation: Self = "DependencyViolation"
    public static let invalidTagKeyMalformed: Self = "InvalidTagKey.Malformed"
    public static let tagLimitExceeded: Self = "TagLimitExceeded"

    public static let vpcNotFound: Self = "InvalidVpcID.NotFound"
    public static let invalidVpcRange: Self = "InvalidVpc.Range"
    public static let vpcLimitExceeded: Self = "VpcLimitExceeded"
    public static let cidrLimitExceeded: Self = "CidrLimitExceeded"
    public static let cidrConflict: Self = "InvalidVpc.CidrConflict"
    public static let vpcCidrAssociationNotFound: Self = "InvalidVpcCidrBlockAssociationID.NotFound"
    public static let cidrBlockInUse: Self = "InvalidCidrBlock.InUse"

    public static let subnetNotFound: Self = "InvalidSubnetID.NotFound"
    public static let invalidSubnetRange: Self = "InvalidSubnet.Range"
    public static let subnetConflict: Self = "InvalidSubnet.Conflict"
    public static let subnetLimitExceeded: Self = "SubnetLimitExceeded"
    public static let invalidAvailabilityZone: Self = "InvalidAvailabilityZone"
    public static let insufficientFreeAddresses: Self = "InsufficientFreeAddressesInSubnet"

    public static let routeTableNotFound: Self = "InvalidRouteTableID.NotFound"
    public static let routeTableLimitExceeded: Self = "RouteTableLimitExceeded"
    public static let routeNotFound: Self = "InvalidRoute.NotFound"
    public static let routeAlreadyExists: Self = "RouteAlreadyExists"
    public static let routeLimitExceeded: Self = "RouteLimitExceeded"
    public static let invalidRouteDestination: Self = "InvalidRoute.InvalidDestination"
    public static let associationNotFound: Self = "InvalidAssociationID.NotFound"

    public static let internetGatewayNotFound: Self = "InvalidInternetGatewayID.NotFound"
    public static let internetGatewayLimitExceeded: Self = "InternetGatewayLimitExceeded"
    public static let resourceAlreadyAssociated: Self = "Resource.AlreadyAssociated"
    public static let gatewayNotAttached: Self = "Gateway.NotAttached"
    public static let natGatewayNotFound: Self = "InvalidNatGatewayID.NotFound"
    public static let natGatewayLimitExceeded: Self = "NatGatewayLimitExceeded"
    public static let gatewayNotFound: Self = "InvalidGatewayID.NotFound"

    public static let allocationNotFound: Self = "InvalidAllocationID.NotFound"
    public static let addressNotFound: Self = "InvalidAddress.NotFound"
    public static let addressLimitExceeded: Self = "AddressLimitExceeded"
    public static let ipAddressInUse: Self = "InvalidIPAddress.InUse"
    public static let insufficientAddressCapacity: Self = "InsufficientAddressCapacity"

    public static let networkAclNotFound: Self = "InvalidNetworkAclID.NotFound"
    public static let networkAclIdMalformed: Self = "InvalidNetworkAclId.Malformed"
    public static let networkAclEntryAlreadyExists: Self = "NetworkAclEntryAlreadyExists"
    public static let networkAclEntryNotFound: Self = "InvalidNetworkAclEntry.NotFound"
    public static let networkAclLimitExceeded: Self = "NetworkAclLimitExceeded"
    public static let networkAclEntryLimitExceeded: Self = "NetworkAclEntryLimitExceeded"
    /// A default network ACL, which only its VPC's deletion removes.
    public static let networkAclCannotDelete: Self = "CannotDelete"

    public static let peeringNotFound: Self = "InvalidVpcPeeringConnectionID.NotFound"
    public static let peeringAlreadyExists: Self = "VpcPeeringConnectionAlreadyExists"
    public static let invalidStateTransition: Self = "InvalidStateTransition"
    public static let operationNotPermitted: Self = "OperationNotPermitted"
    public static let activePeeringLimitExceeded: Self = "ActiveVpcPeeringConnectionPerVpcLimitExceeded"
    public static let outstandingPeeringLimitExceeded: Self = "OutstandingVpcPeeringConnectionLimitExceeded"

    public static let endpointNotFound: Self = "InvalidVpcEndpointId.NotFound"
    public static let invalidServiceName: Self = "InvalidServiceName"
    public static let duplicateSubnetsInSameZone: Self = "DuplicateSubnetsInSameZone"
    public static let vpcEndpointLimitExceeded: Self = "VpcEndpointLimitExceeded"
    public static let invalidPolicyDocument: Self = "InvalidPolicyDocument"

    public static let repositoryNotFoundException: Self = "RepositoryNotFoundException"
    public static let repositoryAlreadyExistsException: Self = "RepositoryAlreadyExistsException"
    public static let repositoryNotEmptyException: Self = "RepositoryNotEmptyException"
    public static let imageNotFoundException: Self = "ImageNotFoundException"
    public static let imageAlreadyExistsException: Self = "ImageAlreadyExistsException"
    public static let imageTagAlreadyExistsException: Self = "ImageTagAlreadyExistsException"
    public static let imageDigestDoesNotMatchException: Self = "ImageDigestDoesNotMatchException"
    public static let lifecyclePolicyNotFoundException: Self = "LifecyclePolicyNotFoundException"

    public static let resourceNotFoundException: Self = "ResourceNotFoundException"
    public static let resourceInUseException: Self = "ResourceInUseException"
    public static let invalidParameterException: Self = "InvalidParameterException"
    public static let limitExceededException: Self = "LimitExceededException"
    public static let invalidParameterValueException: Self = "InvalidParameterValueException"
    public static let missingRequiredParameterException: Self = "MissingRequiredParameterException"
    public static let invalidParameterCombinationException: Self = "InvalidParameterCombinationException"

    // ECS and Cloud Map.
    public static let clusterNotFoundException: Self = "ClusterNotFoundException"
    public static let serviceNotFoundException: Self = "ServiceNotFoundException"
    public static let serviceNotActiveException: Self = "ServiceNotActiveException"
    public static let clientException: Self = "ClientException"
    public static let clusterContainsServicesException: Self = "ClusterContainsServicesException"
    public static let clusterContainsTasksException: Self = "ClusterContainsTasksException"
    public static let clusterContainsContainerInstancesException: Self = "ClusterContainsContainerInstancesException"
    public static let namespaceNotFound: Self = "NamespaceNotFound"
    public static let namespaceAlreadyExists: Self = "NamespaceAlreadyExists"

    // EKS.
    public static let resourceLimitExceededException: Self = "ResourceLimitExceededException"
    public static let invalidRequestException: Self = "InvalidRequestException"
}
