import NetctlAPI
import NetctlCore

/// Transit gateways, their VPC attachments, route tables and routes: AWS's actions on netctl's hub
/// rules (the same states on the daemon clock, quotas, propagation and events as `tgw.*`).
extension EC2Actions {
    static let transitGateways: [EC2Action] = [
        .make("CreateTransitGateway", mutating: true, supported: ["Description", "Options", "TagSpecification"]) {
            (input: EC2.CreateTransitGatewayRequest, context) throws(AWSError) in
            let options = input.options
            try TransitGatewayOptionsCheck.refuseUnmodelled(options)
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "transit-gateway")
            let hub = try await context.run(
                TransitGatewayCreate(
                    name: name, amazonSideAsn: options?.amazonSideAsn.map(Int64.init),
                    defaultRouteTableAssociation: try TransitGatewayOptionsCheck.flag(
                        options?.defaultRouteTableAssociation, "DefaultRouteTableAssociation"),
                    defaultRouteTablePropagation: try TransitGatewayOptionsCheck.flag(
                        options?.defaultRouteTablePropagation, "DefaultRouteTablePropagation"),
                    dnsSupport: try TransitGatewayOptionsCheck.flag(options?.dnsSupport, "DnsSupport"), tags: tags))
            return EC2.CreateTransitGatewayResult(transitGateway: EC2.TransitGateway(hub))
        },
        .make(
            "DescribeTransitGateways", mutating: false,
            supported: ["TransitGatewayIds", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeTransitGatewaysRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.transitGatewayIds, maxResults: input.maxResults, idParameter: "TransitGatewayIds")
            let known = try await context.each(input.transitGatewayIds ?? []) { TransitGatewayGet(tgw: $0) }
                .map(\.transitGatewayId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "transit-gateway-id")
            let page = try await context.run(
                TransitGatewayList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeTransitGatewaysResult(
                transitGateways: page.transitGateways.map(EC2.TransitGateway.init), nextToken: page.nextToken)
        },
        .make("DeleteTransitGateway", mutating: true, supported: ["TransitGatewayId"]) {
            (input: EC2.DeleteTransitGatewayRequest, context) throws(AWSError) in
            let hub = try await context.run(TransitGatewayDelete(tgw: input.transitGatewayId))
            return EC2.DeleteTransitGatewayResult(transitGateway: EC2.TransitGateway(hub))
        },
        .make(
            "CreateTransitGatewayVpcAttachment", mutating: true,
            supported: ["TransitGatewayId", "VpcId", "SubnetIds", "Options", "TagSpecifications"]
        ) { (input: EC2.CreateTransitGatewayVpcAttachmentRequest, context) throws(AWSError) in
            try TransitGatewayOptionsCheck.refuseUnmodelled(input.options)
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "transit-gateway-attachment")
            let attachment = try await context.run(
                TransitGatewayAttachVpc(
                    tgw: input.transitGatewayId, vpc: input.vpcId, subnets: input.subnetIds, name: name, tags: tags))
            return EC2.CreateTransitGatewayVpcAttachmentResult(
                transitGatewayVpcAttachment: EC2.TransitGatewayVpcAttachment(attachment))
        },
        .make("DeleteTransitGatewayVpcAttachment", mutating: true, supported: ["TransitGatewayAttachmentId"]) {
            (input: EC2.DeleteTransitGatewayVpcAttachmentRequest, context) throws(AWSError) in
            let attachment = try await context.run(TransitGatewayAttachmentGet(attachment: input.transitGatewayAttachmentId))
            try TransitGatewayOptionsCheck.expect(attachment, type: TransitGatewayAttachment.vpcType)
            let deleted = try await context.run(TransitGatewayAttachmentDelete(attachment: attachment.attachmentId))
            return EC2.DeleteTransitGatewayVpcAttachmentResult(
                transitGatewayVpcAttachment: EC2.TransitGatewayVpcAttachment(deleted))
        },
        .make(
            "DescribeTransitGatewayVpcAttachments", mutating: false,
            supported: ["TransitGatewayAttachmentIds", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeTransitGatewayVpcAttachmentsRequest, context) throws(AWSError) in
            let page = try await describeAttachments(
                ids: input.transitGatewayAttachmentIds, filters: input.filters, type: TransitGatewayAttachment.vpcType,
                maxResults: input.maxResults, nextToken: input.nextToken, context)
            return EC2.DescribeTransitGatewayVpcAttachmentsResult(
                transitGatewayVpcAttachments: page.attachments.map(EC2.TransitGatewayVpcAttachment.init),
                nextToken: page.nextToken)
        },
        .make(
            "DescribeTransitGatewayAttachments", mutating: false,
            supported: ["TransitGatewayAttachmentIds", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeTransitGatewayAttachmentsRequest, context) throws(AWSError) in
            let page = try await describeAttachments(
                ids: input.transitGatewayAttachmentIds, filters: input.filters, type: nil, maxResults: input.maxResults,
                nextToken: input.nextToken, context)
            return EC2.DescribeTransitGatewayAttachmentsResult(
                transitGatewayAttachments: page.attachments.map(EC2.TransitGatewayAttachment.init),
                nextToken: page.nextToken)
        },
    ] + transitGatewayPeerings + transitGatewayRouteTables

    /// One page of attachments, of one type when `type` is given (the VPC-only Describe).
    static func describeAttachments(
        ids: [String]?, filters: [EC2.Filter]?, type: String?, maxResults: Int?, nextToken: String?,
        _ context: ActionContext
    ) async throws(AWSError) -> TransitGatewayAttachmentListResponse {
        try DescribeByIds.check(ids: ids, maxResults: maxResults, idParameter: "TransitGatewayAttachmentIds")
        let known = try await context.each(ids ?? []) { TransitGatewayAttachmentGet(attachment: $0) }
        if let type {
            for attachment in known { try TransitGatewayOptionsCheck.expect(attachment, type: type) }
        }
        var netctlFilters = DescribeByIds.filters(
            try Filters.netctl(filters), ids: known.map(\.attachmentId), idFilter: "transit-gateway-attachment-id")
        if let type { netctlFilters.append(Filter(name: "resource-type", values: [type])) }
        return try await context.run(
            TransitGatewayAttachmentList(filters: netctlFilters, maxResults: maxResults, nextToken: nextToken))
    }
}

/// What the hub actions check before they reach the core.
enum TransitGatewayOptionsCheck {
    /// AWS's `enable`/`disable` as the core's flag; anything else is refused as AWS refuses it.
    static func flag(_ value: String?, _ parameter: String) throws(AWSError) -> Bool? {
        switch value {
        case nil: return nil
        case TransitGatewayOptions.enable: return true
        case TransitGatewayOptions.disable: return false
        case let other?:
            throw AWSError.invalidParameterValue(
                "Value (\(other)) for parameter \(parameter) is invalid. Expected 'enable' or 'disable'.")
        }
    }

    /// Options netctld does not model are refused unless they ask for what netctld does anyway.
    static func refuseUnmodelled(_ options: EC2.TransitGatewayRequestOptions?) throws(AWSError) {
        guard let options else { return }
        try refuse(options.autoAcceptSharedAttachments, "AutoAcceptSharedAttachments", unless: TransitGatewayOptions.disable)
        try refuse(options.vpnEcmpSupport, "VpnEcmpSupport", unless: TransitGatewayOptions.enable)
        try refuse(
            options.securityGroupReferencingSupport, "SecurityGroupReferencingSupport", unless: TransitGatewayOptions.disable)
        try refuse(options.multicastSupport, "MulticastSupport", unless: TransitGatewayOptions.disable)
        if let blocks = options.transitGatewayCidrBlocks, !blocks.isEmpty {
            throw AWSError.unsupportedParameter("Options.TransitGatewayCidrBlocks", of: "CreateTransitGateway", code: "UnsupportedOperation")
        }
    }

    static func refuseUnmodelled(_ options: EC2.CreateTransitGatewayVpcAttachmentRequestOptions?) throws(AWSError) {
        guard let options else { return }
        try refuse(options.dnsSupport, "DnsSupport", unless: TransitGatewayOptions.enable)
        try refuse(
            options.securityGroupReferencingSupport, "SecurityGroupReferencingSupport", unless: TransitGatewayOptions.disable)
        try refuse(options.ipv6Support, "Ipv6Support", unless: TransitGatewayOptions.disable)
        try refuse(options.applianceModeSupport, "ApplianceModeSupport", unless: TransitGatewayOptions.disable)
    }

    private static func refuse(_ value: String?, _ option: String, unless modelled: String) throws(AWSError) {
        guard let value, value != modelled else { return }
        throw AWSError(
            code: "UnsupportedOperation",
            message: "Options.\(option) '\(value)' is not modelled by netctld; it always behaves as '\(modelled)'.")
    }

    /// A type-specific action on an attachment of another type fails as AWS fails an unknown ID of that type.
    static func expect(_ attachment: TransitGatewayAttachment, type: String) throws(AWSError) {
        guard attachment.type == type else {
            throw AWSError(
                code: ErrorCode.transitGatewayAttachmentNotFound.rawValue,
                message: "Transit Gateway Attachment \(attachment.attachmentId) is a \(attachment.type) attachment, not a "
                    + "\(type) attachment.")
        }
    }
}
