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
            text, text, text.optional, text, text, zip(Gen.bool(), text.optional), association.array(of: 0...2),
            route.array(of: 0...12), tags(text), date
        ).map { id, vpc, name, account, region, main, associations, routes, tags, created in
            RouteTable(
                routeTableId: id, vpcId: vpc, name: name, accountId: account, region: region, main: main.0,
                mainAssociationId: main.1, associations: associations, routes: routes, tags: tags, createdAt: created)
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
