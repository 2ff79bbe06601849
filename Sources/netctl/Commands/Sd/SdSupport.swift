import NetctlAPI

extension SdNamespaceCommand {
    static func table(_ namespaces: [SdNamespace]) -> String {
        Output.table(
            ["NAMESPACE ID", "NAME", "TYPE", "VPC ID", "CREATED"],
            namespaces.map { [$0.id, $0.name, $0.type, $0.vpcId, Output.time($0.createdAt)] })
    }
}
