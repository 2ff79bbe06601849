import NetctlAPI

/// The ECS operations netctld serves: each becomes netctl's own `ecs.*` requests, so a cluster,
/// service or task made through the AWS CLI is the one `netctl ecs` shows, run by the same scheduler.
enum ECSActions {
    static let all: [JSONAction] = clusters + containerInstances + taskDefinitions + services + tasks + tags

    /// netctl's codes that ECS does not have: ECS answers bad input with InvalidParameterException
    /// (a missing subnet, a bad nextToken, an address shortage) and its own faults with ServerException.
    @Sendable static func translate(_ error: NetctlError) -> AWSError? {
        if ECS.errorStatuses[error.code.rawValue] != nil { return nil }
        switch error.code {
        case .internalError, .unavailable:
            return AWSError(code: "ServerException", message: error.message, status: 500)
        case .authFailure, .unauthorizedOperation:
            return AWSError(code: "AccessDeniedException", message: error.message, status: 400)
        default:
            return AWSError(code: "InvalidParameterException", message: error.message)
        }
    }

    /// Describe calls report unknown names as failures with reason MISSING, not as an error.
    static func missing(_ error: AWSError, codes: Set<String>) -> Bool { codes.contains(error.code) }
}
