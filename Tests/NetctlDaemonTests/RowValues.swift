import Foundation
import NetctlAPI
import PropertyBased

/// Random resources of the kinds with hand-written row readers, and random damage to their rows.
enum RowValues {
    typealias Text = Generator<String, AnySequence<(index: Int, value: Any)>>

    /// Text as netctld writes it without escapes: identifiers, and now and then beyond ASCII.
    static let plain: Text = Gen.frequency(
        (weight: 4, gen: characters("abcdef0123456789-").string(of: 1...21)),
        (weight: 1, gen: characters("az09 ./:_-é日😀\u{7f}").string(of: 0...8)))

    /// Also what the encoder escapes (quotes, backslashes, control characters), which readers leave
    /// to JSONDecoder.
    static let text: Text = Gen.frequency(
        (weight: 3, gen: plain),
        (weight: 1, gen: characters("a0 \"\\\n\t\u{1}\u{1f}é😀/").string(of: 0...6)))

    /// Milliseconds, the precision rows keep, from year 1 to 9999.
    static let date = Gen.int64(in: -62_135_596_800_000...253_402_300_799_999)
        .map { Date(timeIntervalSince1970: Double($0) / 1000) }

    static func tags(_ text: Text) -> Generator<Tags, some SendableSequenceType> {
        zip(text, text).dictionary(ofAtMost: 0...3)
    }

    static func peering(_ text: Text) -> Generator<Peering, some SendableSequenceType> {
        let info = zip(text, text, text, text.array(of: 0...3), Gen.bool()).map { vpc, account, region, cidrs, dns in
            PeeringVpcInfo(
                vpcId: vpc, accountId: account, region: region, cidrBlocks: cidrs,
                allowDnsResolutionFromRemoteVpc: dns)
        }
        let status = zip(text, text).map { PeeringStatus(code: $0, message: $1) }
        return zip(
            text, status, info, info, Gen.int(in: 0...100_000), date.optional, tags(text), date, date, text.optional
        ).map { id, status, requester, accepter, mtu, expiration, tags, created, updated, deletedBy in
            Peering(
                peeringId: id, status: status, requester: requester, accepter: accepter, mtu: mtu,
                expirationTime: expiration, tags: tags, createdAt: created, statusUpdatedAt: updated,
                deletedBy: deletedBy)
        }
    }

    static func vpc(_ text: Text) -> Generator<Vpc, some SendableSequenceType> {
        zip(
            text, text.optional, text, text, text.array(of: 0...3), Gen.element(of: VpcState.allCases), text,
            zip(Gen.bool(), Gen.bool()), tags(text), date
        ).map { id, name, account, region, cidrs, state, mainTable, dns, tags, created in
            Vpc(
                vpcId: id, name: name, accountId: account, region: region, cidrBlocks: cidrs,
                state: state ?? .available, mainRouteTableId: mainTable, enableDnsSupport: dns.0,
                enableDnsHostnames: dns.1, tags: tags, createdAt: created)
        }
    }

    static func routeTable(_ text: Text) -> Generator<RouteTable, some SendableSequenceType> {
        let route = zip(text.optional, text.optional, text, text, Gen.element(of: RouteState.allCases), text).map {
            cidr, prefixList, type, id, state, origin in
            Route(
                destinationCidrBlock: cidr, destinationPrefixListId: prefixList,
                target: RouteTarget(type: type, id: id),
                state: state ?? .active, origin: origin)
        }
        let association = zip(text, text).map { RouteTableAssociation(associationId: $0, subnetId: $1) }
        return zip(
            text, text, text.optional, text, text, zip(Gen.bool(), text.optional, text.array(of: 0...2).optional),
            association.array(of: 0...2), route.array(of: 0...12), tags(text), date
        ).map { id, vpc, name, account, region, main, associations, routes, tags, created in
            RouteTable(
                routeTableId: id, vpcId: vpc, name: name, accountId: account, region: region, main: main.0,
                mainAssociationId: main.1, associations: associations, routes: routes, tags: tags, createdAt: created,
                propagatingVgws: main.2)
        }
    }

    /// ACLs with entries of every shape: ports, ICMP type and code (-1 among them), neither.
    static func networkAcl(_ text: Text) -> Generator<NetworkAcl, some SendableSequenceType> {
        let number = Gen.int(in: -1...65535).optional
        let entry = zip(
            Gen.int(in: 0...40000), Gen.bool(), text, Gen.element(of: NetworkAclRuleAction.allCases), text,
            zip(number, number, number, number)
        ).map { rule, egress, proto, action, cidr, ranges in
            NetworkAclEntry(
                ruleNumber: rule, egress: egress, protocol: proto, ruleAction: action ?? .deny, cidrBlock: cidr,
                fromPort: ranges.0, toPort: ranges.1, icmpType: ranges.2, icmpCode: ranges.3)
        }
        let association = zip(text, text).map { NetworkAclAssociation(associationId: $0, subnetId: $1) }
        return zip(
            text, text, text.optional, text, text, Gen.bool(), entry.array(of: 0...6), association.array(of: 0...3),
            tags(text), date
        ).map { id, vpc, name, account, region, isDefault, entries, associations, tags, created in
            NetworkAcl(
                networkAclId: id, vpcId: vpc, name: name, accountId: account, region: region, isDefault: isDefault,
                entries: entries, associations: associations, tags: tags, createdAt: created)
        }
    }

    static func securityGroup(_ text: Text) -> Generator<SecurityGroup, some SendableSequenceType> {
        // Ports from -1 (ICMP's "all", which readers leave to JSONDecoder) up.
        let port = Gen.int(in: -1...65535).optional
        let rule = zip(text, text, zip(port, port), text.optional, text.optional, text.optional, text.optional).map {
            id, proto, ports, cidr, prefixList, group, description in
            SecurityGroupRule(
                ruleId: id, protocol: proto, fromPort: ports.0, toPort: ports.1, cidrIpv4: cidr, prefixListId: prefixList,
                referencedGroupId: group, description: description)
        }
        return zip(
            text, text, text, text, rule.array(of: 0...3), rule.array(of: 0...3), Gen.bool(), zip(text, text), tags(text),
            date
        ).map { id, name, vpc, description, ingress, egress, isDefault, scope, tags, created in
            SecurityGroup(
                groupId: id, groupName: name, vpcId: vpc, description: description, ingressRules: ingress,
                egressRules: egress, isDefault: isDefault, accountId: scope.0, region: scope.1, tags: tags,
                createdAt: created)
        }
    }

    static func subnet(_ text: Text) -> Generator<Subnet, some SendableSequenceType> {
        zip(
            zip(text, text, text.optional), text, text, zip(text, text), Gen.int(in: 0...1_000_000),
            Gen.element(of: SubnetState.allCases), Gen.bool(), text.optional, tags(text), date
        ).map { ids, account, region, place, available, state, mapPublicIp, acl, tags, created in
            Subnet(
                subnetId: ids.0, vpcId: ids.1, name: ids.2, accountId: account, region: region, cidrBlock: place.0,
                availabilityZone: place.1, availableIpAddressCount: available, state: state ?? .available,
                mapPublicIpOnLaunch: mapPublicIp, networkAclId: acl, tags: tags, createdAt: created)
        }
    }

    static func instance(_ text: Text) -> Generator<Instance, some SendableSequenceType> {
        let ids = zip(text, text.optional, text, text, text, text, text)
        let addresses = zip(text, text.optional, text)
        let state = zip(Gen.element(of: InstanceState.allCases), text.optional, date)
        let launch = zip(text.array(of: 0...3), text, Gen.bool(), text, text, date)
        return zip(ids, addresses, state, launch, tags(text), date).map {
            ids, addresses, state, launch, tags, created in
            Instance(
                instanceId: ids.0, name: ids.1, accountId: ids.2, region: ids.3, reservationId: ids.4, subnetId: ids.5,
                vpcId: ids.6, availabilityZone: launch.1, privateIpAddress: addresses.0, publicIpAddress: addresses.1,
                state: state.0 ?? .pending, stateTransitionReason: state.1, stateChangedAt: state.2,
                securityGroupIds: launch.0, networkInterfaceId: launch.3, autoAssignPublicIp: launch.2,
                imageId: launch.4, instanceType: addresses.2, launchTime: launch.5, tags: tags, createdAt: created)
        }
    }

    /// The kinds netctld writes, and `interface`, the legacy one JSONDecoder maps by owner (readers
    /// leave it to JSONDecoder).
    static let interfaceTypes = [
        "instance", "vpc_endpoint", "nat_gateway", "ecs_task", "eks_control_plane", "eks_node", "load_balancer",
        "transit_gateway", "interface",
    ]

    /// Interfaces with and without attachments, of every type (arbitrary text among them); owners
    /// now and then task or cluster ARNs, which a legacy `interface` type is mapped by.
    static func networkInterface(_ text: Text) -> Generator<NetworkInterface, some SendableSequenceType> {
        let attachment = zip(text, text, Gen.int(in: 0...15), text, Gen.bool(), date).map {
            id, instance, index, status, delete, attached in
            NetworkInterfaceAttachment(
                attachmentId: id, instanceId: instance, deviceIndex: index, status: status,
                deleteOnTermination: delete, attachTime: attached)
        }
        let type = zip(text, Gen.element(of: interfaceTypes), Gen.int(in: 0...2)).map { text, known, pick in
            pick == 0 ? text : known ?? "instance"
        }
        let owner = zip(text.optional, Gen.bool()).map { owner, arn in
            arn ? owner.map { "arn:aws:ecs:us-east-1:123456789012:task/\($0)" } : owner
        }
        let ids = zip(text, text, text, text, text, text, text)
        return zip(
            ids, type, text, owner, text, text.optional, text.array(of: 0...3), attachment.optional, Gen.bool(),
            zip(tags(text), date)
        ).map { ids, type, description, owner, status, publicIp, groups, attachment, check, stamped in
            NetworkInterface(
                networkInterfaceId: ids.0, subnetId: ids.1, vpcId: ids.2, accountId: ids.3, region: ids.4,
                availabilityZone: ids.5, privateIpAddress: ids.6, interfaceType: type, description: description,
                attachedTo: owner, status: status, publicIpAddress: publicIp, securityGroupIds: groups,
                attachment: attachment, sourceDestCheck: check, tags: stamped.0, createdAt: stamped.1)
        }
    }

    private static func characters(_ alphabet: String) -> Generator<Character, Shrink.None<Character?>> {
        Gen<Character?>.element(of: Array(alphabet)).map { $0 ?? "a" }
    }

    // MARK: Damage

    /// One change to a row's bytes; `place` and `choice` pick where and what, modulo what there is.
    struct Edit: Sendable, CustomStringConvertible {
        var kind: Int
        var place: Int
        var choice: Int
        var description: String { "edit \(kind) at \(place), choice \(choice)" }
    }

    /// One to three edits: a row has many ways to be damaged and few to stay readable.
    static let edits = zip(Gen.int(in: 0...5), Gen.int(in: 0...100_000), Gen.int(in: 0...1000))
        .map { Edit(kind: $0, place: $1, choice: $2) }.array(of: 1...3)

    /// Bytes that change a token's meaning: structure, escapes, digits, literals' letters, and UTF-8
    /// that is not valid on its own.
    private static let bytes: [UInt8] =
        Array("{}[],:\"\\019.e-+ntfalsu \t\n".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE6, 0xFF]

    /// Text slipped in anywhere: values of other types, escapes, a byte-order mark, forms of numbers.
    private static let snippets: [String] = [
        "null", "true", "1", "-1", "1.0", "1e2", "\"\"", "{}", "[]", "\\u0061", "\\\"", "\u{FEFF}", " ", "\r\n", "é",
        "\"x\":1,", ",", "\"tags\":{},",
    ]

    /// Members put first in an object: a duplicate of a known member, a member of another type, a
    /// member no type has, and values of the wrong type.
    private static let members: [String] = [
        "\"vpcId\":\"vpc-1\",", "\"peeringId\":\"pcx-1\",", "\"routeTableId\":\"rtb-1\",", "\"name\":null,",
        "\"name\":\"n\",", "\"tags\":{\"a\":\"b\"},", "\"mtu\":1500,", "\"mtu\":1500.5,",
        "\"createdAt\":\"2026-01-01T00:00:00Z\",",
        "\"createdAt\":\"2026-01-01T00:00:00.5Z\",", "\"code\":\"active\",", "\"state\":\"blackhole\",",
        "\"state\":\"available\",", "\"expirationTime\":null,", "\"deletedBy\":\"1\",", "\"unknown\":[1,{\"b\":null}],",
        "\"main\":1,", "\"cidrBlocks\":[null],", "\"routes\":[],", "\"associations\":{},", "\"requester\":null,",
        "\"target\":{\"type\":\"local\",\"id\":\"local\"},", "\"destinationCidrBlock\":null,",
        "\"allowDnsResolutionFromRemoteVpc\":false,", "\"mainAssociationId\":null,",
    ]

    /// Rewrites of one occurrence of a common token into a form JSONDecoder reads differently, or not at all.
    private static let rewrites: [(String, String)] = [
        ("Z\"", "+00:00\""), ("Z\"", "z\""), (".", ""), ("\"", ""), ("\"", "\\\""), (":", " : "), (",", " ,\n"),
        ("false", "true"), ("true", "null"), ("false", "0"), ("[]", "[null]"), ("{}", "{\"a\":\"b\",\"a\":\"c\"}"),
        ("\"available\"", "\"Available\""), ("\"active\"", "\"blackhole\""), ("}", "} "), ("}", "},"), ("]", ",]"),
        ("-", "\\u002d"), ("0", "\\u0030"), ("T", "t"), ("1", "01"), ("1", "1.0"), ("1", "1e0"), ("1", "-1"),
        ("\"tags\":{", "\"tags\":{\"Name\":\"x\","), ("null", "\"null\""),
        // Forms only old rows have, which JSONDecoder reads with defaults or maps: a legacy interface
        // type, members null or absent (renamed away).
        ("\"interfaceType\":\"instance\"", "\"interfaceType\":\"interface\""),
        ("\"mapPublicIpOnLaunch\":true", "\"mapPublicIpOnLaunch\":null"),
        ("\"sourceDestCheck\":false", "\"sourceDestCheck\":null"),
        ("\"securityGroupIds\":[]", "\"securityGroupIds\":null"), ("\"tags\":{}", "\"tags\":null"),
        ("\"shutting-down\"", "\"shuttingDown\""), ("Id\":", "Id_\":"), ("On", "Off"), ("Check\"", "Checks\""),
    ]

    static func apply(_ edits: [Edit], to body: [UInt8]) -> [UInt8] {
        edits.reduce(body) { body, edit in apply(edit, to: body) }
    }

    private static func apply(_ edit: Edit, to body: [UInt8]) -> [UInt8] {
        var body = body
        switch edit.kind {
        case 0:
            body.insert(bytes[edit.choice % bytes.count], at: edit.place % (body.count + 1))
        case 1 where !body.isEmpty:
            body.remove(at: edit.place % body.count)
        case 2 where !body.isEmpty:
            body[edit.place % body.count] = bytes[edit.choice % bytes.count]
        case 3:
            body.insert(contentsOf: snippets[edit.choice % snippets.count].utf8, at: edit.place % (body.count + 1))
        case 4:
            let braces = body.indices.filter { body[$0] == UInt8(ascii: "{") }
            guard !braces.isEmpty else { break }
            body.insert(
                contentsOf: members[edit.choice % members.count].utf8, at: braces[edit.place % braces.count] + 1)
        default:
            let (from, to) = rewrites[edit.choice % rewrites.count]
            let places = occurrences(of: Array(from.utf8), in: body)
            guard !places.isEmpty else { break }
            let start = places[edit.place % places.count]
            body.replaceSubrange(start..<start + from.utf8.count, with: to.utf8)
        }
        return body
    }

    private static func occurrences(of pattern: [UInt8], in body: [UInt8]) -> [Int] {
        guard body.count >= pattern.count else { return [] }
        return (0...(body.count - pattern.count)).filter { body[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
