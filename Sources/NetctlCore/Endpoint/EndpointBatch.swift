import NetctlAPI

extension State {
    /// AWS's DeleteVpcEndpoints: each endpoint is deleted or refused on its own, in one change. Every
    /// refusal is decided before its endpoint changes anything, so a refused item leaves no trace;
    /// an error past that point (a broken invariant) fails the whole batch and the writer rolls it back.
    public mutating func deleteEndpoints(_ request: EndpointDeleteMany, _ context: inout CommandContext)
        throws(NetctlError) -> EndpointDeleteManyResponse
    {
        guard !request.endpoints.isEmpty else {
            throw NetctlError(.missingParameter, "Pass at least one endpoint to delete.")
        }
        guard request.endpoints.count <= Self.maximumEndpointBatch else {
            throw NetctlError(
                .invalidParameterValue,
                "\(request.endpoints.count) endpoints given; at most \(Self.maximumEndpointBatch) per call.")
        }
        var deleted: [Endpoint] = []
        var unsuccessful: [UnsuccessfulItem] = []
        var seen = Set<String>()
        for reference in request.endpoints where seen.insert(reference).inserted {
            // The same endpoint named twice (by ID and by name) is deleted once.
            if deleted.contains(where: { $0.endpointId == reference || $0.referenceName == reference }) { continue }
            let endpoint: Endpoint
            do {
                endpoint = try self.endpoint(reference, in: context.scope)
            } catch {
                unsuccessful.append(UnsuccessfulItem(resourceId: reference, code: error.code.rawValue, message: error.message))
                continue
            }
            deleted.append(try deleteEndpoint(EndpointDelete(endpoint: endpoint.endpointId), &context))
        }
        return EndpointDeleteManyResponse(deleted: deleted, unsuccessful: unsuccessful)
    }

    static let maximumEndpointBatch = 1000
}
