import NetctlAPI

/// The OpenRPC 1.2 document of a method table.
enum OpenRPC {
    static func document(for entries: [MethodEntry]) -> JSONValue {
        let common: [String: JSONValue] = [
            "accountId": ["type": "string", "description": "Act as this account (admins only)."],
            "region": ["type": "string", "description": "Defaults to the daemon's region."],
        ]
        let methods: [JSONValue] = entries.sorted { $0.name < $1.name }.map { entry in
            var schema = entry.paramsSchema.objectValue ?? ["type": "object"]
            var properties = schema["properties"]?.objectValue ?? [:]
            for (name, value) in common { properties[name] = value }
            if entry.placement.changesState {
                properties["clientToken"] = ["type": "string", "maxLength": 64, "description": "Idempotency token."]
            }
            schema["properties"] = .object(properties)
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let params: [JSONValue] = properties.keys.sorted().map { name in
                ["name": .string(name), "required": .bool(required.contains(name)), "schema": properties[name] ?? [:]]
            }
            return [
                "name": .string(entry.name),
                "summary": .string(entry.summary),
                "paramStructure": "by-name",
                "params": .array(params),
                "result": ["name": .string(entry.resultName), "schema": ["type": "object"]],
                "x-netctl-kind": .string(entry.placement.changesState ? "mutation" : "query"),
                "x-netctl-readOnly": .bool(entry.readOnly),
            ]
        }
        return [
            "openrpc": "1.2.6",
            "info": ["title": "netctld", "version": .string(NetctlVersion.current)],
            "methods": .array(methods),
        ]
    }
}
