import Foundation
import NetctlAPI

/// The Direct Connect gateway operations netctld serves (JSON 1.1, `OvertureService`): each becomes
/// netctl's own `dx.gateway.*` requests, so gateways and associations are one set whichever door is
/// used. Virtual interfaces and connections are not modelled.
enum DirectConnectActions {
    static let all: [JSONAction] = gateways + associations + [update]

    /// AWS's Direct Connect has one code for every refusal of a request.
    static let translate: @Sendable (NetctlError) -> AWSError? = { error in
        AWSError(code: "DirectConnectClientException", message: error.message)
    }
}

extension DirectConnect.DirectConnectGateway {
    init(_ gateway: NetctlAPI.DirectConnectGateway) {
        self.init(
            directConnectGatewayId: gateway.dxGatewayId, directConnectGatewayName: gateway.name,
            amazonSideAsn: Int(gateway.amazonSideAsn), ownerAccount: gateway.accountId,
            directConnectGatewayState: gateway.state)
    }
}

extension DirectConnect.DirectConnectGatewayAssociation {
    init(_ association: NetctlAPI.DirectConnectGatewayAssociation, of gateway: NetctlAPI.DirectConnectGateway, state: String? = nil) {
        let other = association.associatedGateway
        let isVgw = other.type == DirectConnectAssociatedGateway.virtualPrivateGateway
        self.init(
            directConnectGatewayId: gateway.dxGatewayId, directConnectGatewayOwnerAccount: gateway.accountId,
            associationState: state ?? association.associationState,
            associatedGateway: DirectConnect.AssociatedGateway(
                id: other.id, type: other.type, ownerAccount: other.ownerAccount, region: other.region),
            associationId: association.associationId,
            allowedPrefixesToDirectConnectGateway: association.allowedPrefixes.map { DirectConnect.RouteFilterPrefix(cidr: $0) },
            virtualGatewayId: isVgw ? other.id : nil, virtualGatewayRegion: isVgw ? other.region : nil,
            virtualGatewayOwnerAccount: isVgw ? other.ownerAccount : nil)
    }
}

extension DirectConnectActions {
    static let gateways: [JSONAction] = [
        .make(
            "CreateDirectConnectGateway", mutating: true, supported: ["directConnectGatewayName", "amazonSideAsn"]
        ) { (input: DirectConnect.CreateDirectConnectGatewayRequest, context) throws(AWSError) in
            let gateway = try await context.run(
                DxGatewayCreate(name: input.directConnectGatewayName, amazonSideAsn: input.amazonSideAsn.map(Int64.init)))
            return DirectConnect.CreateDirectConnectGatewayResult(directConnectGateway: .init(gateway))
        },
        .make(
            "DescribeDirectConnectGateways", mutating: false,
            supported: ["directConnectGatewayId", "maxResults", "nextToken"]
        ) { (input: DirectConnect.DescribeDirectConnectGatewaysRequest, context) throws(AWSError) in
            if let id = input.directConnectGatewayId {
                let gateway = try await context.run(DxGatewayGet(dxGateway: id))
                return DirectConnect.DescribeDirectConnectGatewaysResult(directConnectGateways: [.init(gateway)])
            }
            let page = try await context.run(DxGatewayList(maxResults: input.maxResults, nextToken: input.nextToken))
            return DirectConnect.DescribeDirectConnectGatewaysResult(
                directConnectGateways: page.dxGateways.map { .init($0) }, nextToken: page.nextToken)
        },
        .make("DeleteDirectConnectGateway", mutating: true, supported: ["directConnectGatewayId"]) {
            (input: DirectConnect.DeleteDirectConnectGatewayRequest, context) throws(AWSError) in
            let gateway = try await context.run(DxGatewayDelete(dxGateway: input.directConnectGatewayId))
            return DirectConnect.DeleteDirectConnectGatewayResult(directConnectGateway: .init(gateway))
        },
    ]

    static let associations: [JSONAction] = [
        .make(
            "CreateDirectConnectGatewayAssociation", mutating: true,
            supported: ["directConnectGatewayId", "gatewayId", "virtualGatewayId", "addAllowedPrefixesToDirectConnectGateway"]
        ) { (input: DirectConnect.CreateDirectConnectGatewayAssociationRequest, context) throws(AWSError) in
            guard let target = input.gatewayId ?? input.virtualGatewayId else {
                throw AWSError(
                    code: "DirectConnectClientException",
                    message: "Pass gatewayId: a virtual private gateway or a transit gateway.")
            }
            let isVgw = target.hasPrefix("vgw-")
            var prefixes = (input.addAllowedPrefixesToDirectConnectGateway ?? []).compactMap(\.cidr)
            if prefixes.isEmpty, isVgw {
                // AWS: without allowed prefixes, a VGW association advertises the VPC's CIDRs.
                let vgw = try await context.run(VpnGatewayGet(vpnGateway: target))
                if let vpcId = vgw.attachedVpcId { prefixes = try await context.run(VpcGet(vpc: vpcId)).cidrBlocks }
            }
            let gateway = try await context.run(
                DxGatewayAssociate(
                    dxGateway: input.directConnectGatewayId, vpnGateway: isVgw ? target : nil,
                    transitGateway: isVgw ? nil : target, allowedPrefixes: prefixes))
            let association = gateway.associations.last.map { DirectConnect.DirectConnectGatewayAssociation($0, of: gateway) }
            return DirectConnect.CreateDirectConnectGatewayAssociationResult(directConnectGatewayAssociation: association)
        },
        .make(
            "DescribeDirectConnectGatewayAssociations", mutating: false,
            supported: ["associationId", "associatedGatewayId", "directConnectGatewayId", "virtualGatewayId"]
        ) { (input: DirectConnect.DescribeDirectConnectGatewayAssociationsRequest, context) throws(AWSError) in
            let gateways: [NetctlAPI.DirectConnectGateway]
            if let id = input.directConnectGatewayId {
                gateways = [try await context.run(DxGatewayGet(dxGateway: id))]
            } else {
                gateways = try await allGateways(context)
            }
            let wanted = input.associatedGatewayId ?? input.virtualGatewayId
            let associations = gateways.flatMap { gateway in
                gateway.associations.filter { association in
                    (input.associationId == nil || association.associationId == input.associationId?.lowercased())
                        && (wanted == nil || association.associatedGateway.id == wanted)
                }.map { DirectConnect.DirectConnectGatewayAssociation($0, of: gateway) }
            }
            return DirectConnect.DescribeDirectConnectGatewayAssociationsResult(
                directConnectGatewayAssociations: associations)
        },
        .make(
            "DeleteDirectConnectGatewayAssociation", mutating: true,
            supported: ["associationId", "directConnectGatewayId", "virtualGatewayId"]
        ) { (input: DirectConnect.DeleteDirectConnectGatewayAssociationRequest, context) throws(AWSError) in
            var owner: NetctlAPI.DirectConnectGateway?
            if let id = input.directConnectGatewayId {
                owner = try await context.run(DxGatewayGet(dxGateway: id))
            } else if let associationId = input.associationId?.lowercased() {
                owner = try await allGateways(context).first { $0.associations.contains { $0.associationId == associationId } }
            }
            let found = owner.flatMap { gateway in
                gateway.associations.first {
                    $0.associationId == input.associationId?.lowercased()
                        || (input.associationId == nil && $0.associatedGateway.id == input.virtualGatewayId)
                }.map { (gateway, $0) }
            }
            guard let (gateway, association) = found else {
                throw AWSError(
                    code: "DirectConnectClientException",
                    message: "No Direct Connect gateway association matches: pass associationId, or "
                        + "directConnectGatewayId with virtualGatewayId.")
            }
            _ = try await context.run(
                DxGatewayDisassociate(dxGateway: gateway.dxGatewayId, associationId: association.associationId))
            return DirectConnect.DeleteDirectConnectGatewayAssociationResult(
                directConnectGatewayAssociation: .init(association, of: gateway, state: "disassociated"))
        },
    ]

    static let update: JSONAction = .make(
        "UpdateDirectConnectGatewayAssociation", mutating: true,
        supported: ["associationId", "addAllowedPrefixesToDirectConnectGateway", "removeAllowedPrefixesToDirectConnectGateway"]
    ) { (input: DirectConnect.UpdateDirectConnectGatewayAssociationRequest, context) throws(AWSError) in
        let id = input.associationId?.lowercased()
        let owner = try await allGateways(context).first { $0.associations.contains { $0.associationId == id } }
        guard let owner, let association = owner.associations.first(where: { $0.associationId == id }) else {
            throw AWSError(
                code: "DirectConnectClientException",
                message: "No Direct Connect gateway association has the ID '\(input.associationId ?? "")'.")
        }
        let removed = Set((input.removeAllowedPrefixesToDirectConnectGateway ?? []).compactMap(\.cidr))
        let added = (input.addAllowedPrefixesToDirectConnectGateway ?? []).compactMap(\.cidr)
        let prefixes = association.allowedPrefixes.filter { !removed.contains($0) } + added
        let gateway = try await context.run(
            DxGatewayUpdateAssociation(
                dxGateway: owner.dxGatewayId, associationId: association.associationId, allowedPrefixes: prefixes))
        return DirectConnect.UpdateDirectConnectGatewayAssociationResult(
            directConnectGatewayAssociation: gateway.associations.first { $0.associationId == id }
                .map { DirectConnect.DirectConnectGatewayAssociation($0, of: gateway) })
    }

    /// Every DX gateway of the caller, page by page.
    private static func allGateways(_ context: ActionContext) async throws(AWSError) -> [NetctlAPI.DirectConnectGateway] {
        var gateways: [NetctlAPI.DirectConnectGateway] = []
        var token: String?
        repeat {
            let page = try await context.run(DxGatewayList(maxResults: 1000, nextToken: token))
            gateways += page.dxGateways
            token = page.nextToken
        } while token != nil
        return gateways
    }
}
