/// The services netctld speaks in AWS's JSON protocol, found by their `X-Amz-Target` prefix.
enum JSONServices {
    static let all: [JSONService] = [
        JSONService(
            targetPrefix: ECS.targetPrefix, signingName: ECS.signingName, jsonVersion: ECS.jsonVersion,
            errorStatuses: ECS.errorStatuses, translate: ECSActions.translate, actions: ECSActions.all),
        JSONService(
            targetPrefix: ECR.targetPrefix, signingName: ECR.signingName, jsonVersion: ECR.jsonVersion,
            errorStatuses: ECR.errorStatuses, translate: ECRActions.translate, actions: ECRActions.all),
        JSONService(
            targetPrefix: Logs.targetPrefix, signingName: Logs.signingName, jsonVersion: Logs.jsonVersion,
            errorStatuses: Logs.errorStatuses, actions: LogsActions.all),
        JSONService(
            targetPrefix: ServiceDiscovery.targetPrefix, signingName: ServiceDiscovery.signingName,
            jsonVersion: ServiceDiscovery.jsonVersion, invalidParameterCode: "InvalidInput",
            errorStatuses: ServiceDiscovery.errorStatuses, translate: ServiceDiscoveryActions.translate,
            actions: ServiceDiscoveryActions.all),
        JSONService(
            targetPrefix: CloudWatch.targetPrefix, signingName: CloudWatch.signingName,
            jsonVersion: CloudWatch.jsonVersion,
            invalidParameterCode: "InvalidParameterValueException", errorStatuses: CloudWatch.errorStatuses,
            queryErrorCodes: CloudWatch.queryErrorCodes, translate: CloudWatchActions.translate,
            actions: CloudWatchActions.all),
        JSONService(
            targetPrefix: DirectConnect.targetPrefix, signingName: DirectConnect.signingName,
            jsonVersion: DirectConnect.jsonVersion, invalidParameterCode: "DirectConnectClientException",
            errorStatuses: DirectConnect.errorStatuses, translate: DirectConnectActions.translate,
            actions: DirectConnectActions.all),
        JSONService(
            targetPrefix: SQS.targetPrefix, signingName: SQS.signingName, jsonVersion: SQS.jsonVersion,
            invalidParameterCode: "InvalidParameterValue", errorStatuses: SQSActions.errorStatuses,
            queryErrorCodes: SQSActions.queryErrorCodes, actions: SQSActions.all),
    ]

    static let byTargetPrefix: [String: JSONService] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.targetPrefix, $0) })
}
