import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import PropertyBased
import Testing

@testable import NetctlDaemon

/// The hand-written row readers against JSONDecoder, whose answer is the contract: a reader either
/// gives exactly what JSONDecoder gives or steps aside (nil), and it steps aside only for rows this
/// netctld does not write (escapes, negative numbers, damage).
@Suite("row readers")
struct RowDecoderTests {
    @Test("what the store writes, the readers read back as the same value JSONDecoder gives")
    func storedRows() async throws {
        await propertyCheck(count: 300, input: RowValues.peering(RowValues.plain)) { peering in
            try expectRead(peering, PeeringRowDecoder.decode)
        }
        await propertyCheck(count: 300, input: RowValues.vpc(RowValues.plain)) { vpc in
            try expectRead(vpc, VpcRowDecoder.decode)
        }
        await propertyCheck(count: 300, input: RowValues.routeTable(RowValues.plain)) { table in
            try expectRead(table, RouteTableRowDecoder.decode)
        }
        await propertyCheck(count: 300, input: RowValues.networkAcl(RowValues.plain)) { acl in
            // A negative ICMP type or code is left to JSONDecoder; every other row is read.
            let negative = acl.entries.contains { ($0.icmpType ?? 0) < 0 || ($0.icmpCode ?? 0) < 0
                || ($0.fromPort ?? 0) < 0 || ($0.toPort ?? 0) < 0 }
            if negative {
                let body = try NetctlJSON.encoder.encode(acl)
                #expect(Array(body).withUnsafeBufferPointer(NetworkAclRowDecoder.decode) == nil)
                #expect(try ResourceCodec.decode(body, NetworkAclRowDecoder.decode) == acl)
            } else {
                try expectRead(acl, NetworkAclRowDecoder.decode)
            }
        }
        // Negative ports (ICMP's -1) are the one form netctld writes that the reader leaves to JSONDecoder.
        await propertyCheck(count: 300, input: RowValues.securityGroup(RowValues.plain)) { group in
            let negative = (group.ingressRules + group.egressRules).contains { ($0.fromPort ?? 0) < 0 || ($0.toPort ?? 0) < 0 }
            if negative {
                try expectSameOrNothing(group, [], SecurityGroupRowDecoder.decode, Tally())
            } else {
                try expectRead(group, SecurityGroupRowDecoder.decode)
            }
        }
        await propertyCheck(count: 300, input: RowValues.subnet(RowValues.plain)) { subnet in
            try expectRead(subnet, SubnetRowDecoder.decode)
        }
        await propertyCheck(count: 300, input: RowValues.instance(RowValues.plain)) { instance in
            try expectRead(instance, InstanceRowDecoder.decode)
        }
        // The legacy `interface` type, which JSONDecoder maps to a kind by the owner, is left to it.
        await propertyCheck(count: 300, input: RowValues.networkInterface(RowValues.plain)) { interface in
            if interface.interfaceType == "interface" {
                let body = try NetctlJSON.encoder.encode(interface)
                #expect(Array(body).withUnsafeBufferPointer(NetworkInterfaceRowDecoder.decode) == nil)
                #expect(
                    try ResourceCodec.decode(body, NetworkInterfaceRowDecoder.decode)
                        == NetctlJSON.decoder.decode(NetworkInterface.self, from: body))
            } else {
                try expectRead(interface, NetworkInterfaceRowDecoder.decode)
            }
        }
    }

    /// The properties above prove a reader right only for the members the generators set. A member
    /// added to a model as an optional with a default (as `RouteTable.mainAssociationId` was) would
    /// otherwise never reach its reader: left unknown, every row that has it goes to JSONDecoder;
    /// read but not passed on, it would be dropped at every start.
    @Test("the generated rows hold every member of the models the readers read")
    func generatorsCoverModels() async throws {
        let peerings = Members()
        await propertyCheck(count: 100, input: RowValues.peering(RowValues.plain)) { peering in
            try peerings.add(peering)
        }
        peerings.expectAllWritten("Peering")
        let vpcs = Members()
        await propertyCheck(count: 100, input: RowValues.vpc(RowValues.plain)) { vpc in try vpcs.add(vpc) }
        vpcs.expectAllWritten("Vpc")
        let tables = Members()
        await propertyCheck(count: 100, input: RowValues.routeTable(RowValues.plain)) { table in
            try tables.add(table)
        }
        tables.expectAllWritten("RouteTable")
        let acls = Members()
        await propertyCheck(count: 100, input: RowValues.networkAcl(RowValues.plain)) { acl in try acls.add(acl) }
        acls.expectAllWritten("NetworkAcl")
        let groups = Members()
        await propertyCheck(count: 100, input: RowValues.securityGroup(RowValues.plain)) { group in try groups.add(group) }
        groups.expectAllWritten("SecurityGroup")
        let subnets = Members()
        await propertyCheck(count: 100, input: RowValues.subnet(RowValues.plain)) { subnet in try subnets.add(subnet) }
        subnets.expectAllWritten("Subnet")
        let instances = Members()
        await propertyCheck(count: 100, input: RowValues.instance(RowValues.plain)) { instance in
            try instances.add(instance)
        }
        instances.expectAllWritten("Instance")
        let interfaces = Members()
        await propertyCheck(count: 100, input: RowValues.networkInterface(RowValues.plain)) { interface in
            try interfaces.add(interface)
        }
        interfaces.expectAllWritten("NetworkInterface")
    }

    @Test("whatever a row's bytes, a reader gives what JSONDecoder gives or nothing")
    func damagedRows() async throws {
        let tally = Tally()
        // Rows as netctld writes them, then damaged; and rows with text the encoder escapes.
        await propertyCheck(count: 800, input: RowValues.peering(RowValues.plain), RowValues.edits) { peering, edits in
            try expectSameOrNothing(peering, edits, PeeringRowDecoder.decode, tally)
        }
        await propertyCheck(count: 200, input: RowValues.peering(RowValues.text)) { peering in
            try expectSameOrNothing(peering, [], PeeringRowDecoder.decode, tally)
        }
        await propertyCheck(count: 500, input: RowValues.vpc(RowValues.plain), RowValues.edits) { vpc, edits in
            try expectSameOrNothing(vpc, edits, VpcRowDecoder.decode, tally)
        }
        await propertyCheck(count: 200, input: RowValues.vpc(RowValues.text)) { vpc in
            try expectSameOrNothing(vpc, [], VpcRowDecoder.decode, tally)
        }
        await propertyCheck(count: 500, input: RowValues.routeTable(RowValues.plain), RowValues.edits) { table, edits in
            try expectSameOrNothing(table, edits, RouteTableRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.routeTable(RowValues.text)) { table in
            try expectSameOrNothing(table, [], RouteTableRowDecoder.decode, tally)
        }
        await propertyCheck(count: 300, input: RowValues.networkAcl(RowValues.plain), RowValues.edits) { acl, edits in
            try expectSameOrNothing(acl, edits, NetworkAclRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.networkAcl(RowValues.text)) { acl in
            try expectSameOrNothing(acl, [], NetworkAclRowDecoder.decode, tally)
        }
        await propertyCheck(count: 300, input: RowValues.securityGroup(RowValues.plain), RowValues.edits) { group, edits in
            try expectSameOrNothing(group, edits, SecurityGroupRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.securityGroup(RowValues.text)) { group in
            try expectSameOrNothing(group, [], SecurityGroupRowDecoder.decode, tally)
        }
        await propertyCheck(count: 300, input: RowValues.subnet(RowValues.plain), RowValues.edits) { subnet, edits in
            try expectSameOrNothing(subnet, edits, SubnetRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.subnet(RowValues.text)) { subnet in
            try expectSameOrNothing(subnet, [], SubnetRowDecoder.decode, tally)
        }
        await propertyCheck(count: 300, input: RowValues.instance(RowValues.plain), RowValues.edits) { instance, edits in
            try expectSameOrNothing(instance, edits, InstanceRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.instance(RowValues.text)) { instance in
            try expectSameOrNothing(instance, [], InstanceRowDecoder.decode, tally)
        }
        await propertyCheck(count: 500, input: RowValues.networkInterface(RowValues.plain), RowValues.edits) {
            interface, edits in
            try expectSameOrNothing(interface, edits, NetworkInterfaceRowDecoder.decode, tally)
        }
        await propertyCheck(count: 100, input: RowValues.networkInterface(RowValues.text)) { interface in
            try expectSameOrNothing(interface, [], NetworkInterfaceRowDecoder.decode, tally)
        }
        // Not vacuous: some damaged rows were read, some were left to JSONDecoder, which read some of
        // those and refused others.
        let counts = tally.counts
        #expect(counts.read > 100, "\(counts)")
        #expect(counts.leftAndDecoded > 100, "\(counts)")
        #expect(counts.leftAndRefused > 100, "\(counts)")
    }

    @Test(
        "forms JSONDecoder reads its own way are left to it, and decode as it decodes them",
        arguments: [
            #"{"accountId":"1","cidrBlocks":[],"createdAt":"2026-01-01T00:00:00+00:00","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"r","region":"x","state":"available","tags":{},"vpcId":"v"}"#,
            #"{"accountId":"1","cidrBlocks":[],"createdAt":"2026-01-01T00:00:00Z","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"r","region":"x","state":"available","tags":{"a":"1","a":"2"},"vpcId":"v"}"#,
            #"{"accountId":"1","cidrBlocks":[],"createdAt":"2026-01-01T00:00:00Z","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"r","region":"x","state":"available","tags":{},"vpcId":"v\u0031","vpcId":"w"}"#,
            #"{"accountId":"1","cidrBlocks":[],"createdAt":"2026-01-01T00:00:00Z","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"r","region":"x","state":"available","tags":{},"vpcId":"v","newerField":[1,{"b":null}]}"#,
        ])
    func leftToJSONDecoder(body: String) async throws {
        #expect(VpcRowDecoder.decode(Array(body.utf8)) == nil)
        let decoded = try NetctlJSON.decoder.decode(Vpc.self, from: Data(body.utf8))
        #expect(try ResourceCodec.decode(Data(body.utf8), VpcRowDecoder.decode) == decoded)
    }

    /// Rows of older netctlds, which `init(from:)` completes: each reader must step aside, and the
    /// store's answer is JSONDecoder's, defaults and the type mapped from the owner included.
    @Test("old rows that JSONDecoder completes are left to it")
    func oldRows() async throws {
        let subnet = #"{"accountId":"1","availabilityZone":"z","availableIpAddressCount":251,"cidrBlock":"10.0.0.0/24","createdAt":"2026-01-01T00:00:00Z","region":"x","state":"available","subnetId":"s","tags":{},"vpcId":"v"}"#
        #expect(Array(subnet.utf8).withUnsafeBufferPointer(SubnetRowDecoder.decode) == nil)
        let readSubnet = try ResourceCodec.decode(Data(subnet.utf8), SubnetRowDecoder.decode)
        #expect(readSubnet.mapPublicIpOnLaunch == false && readSubnet.networkAclId == nil)

        let interface = #"{"accountId":"1","attachedTo":"arn:aws:ecs:us-east-1:1:task/c/t","availabilityZone":"z","createdAt":"2026-01-01T00:00:00Z","description":"d","interfaceType":"interface","networkInterfaceId":"eni-1","privateIpAddress":"10.0.0.4","region":"x","status":"in-use","subnetId":"s","vpcId":"v"}"#
        #expect(Array(interface.utf8).withUnsafeBufferPointer(NetworkInterfaceRowDecoder.decode) == nil)
        let readInterface = try ResourceCodec.decode(Data(interface.utf8), NetworkInterfaceRowDecoder.decode)
        #expect(readInterface.interfaceType == "ecs_task")
        #expect(readInterface.securityGroupIds == [] && readInterface.sourceDestCheck && readInterface.tags == [:])
        // The same row as netctld writes it now is the reader's.
        var current = readInterface
        current.interfaceType = "instance"
        try expectRead(current, NetworkInterfaceRowDecoder.decode)
    }

    @Test("a stored row a reader steps aside for still loads, through JSONDecoder")
    func storeFallsBack() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var state = State()
        var ctx = context()
        let vpc = try state.transact { s throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &ctx)
        }
        try await store.commit(state.takeChanges(), from: state)
        // Pretty-printed, and the name escaped: the same VPC in a form netctld does not write.
        let body = String(decoding: try NetctlJSON.prettyEncoder.encode(vpc), as: UTF8.self)
            .replacingOccurrences(of: #""a""#, with: #""\u0061""#)
        try await store.database.write { db in
            try db.execute(sql: "UPDATE vpcs SET body = ? WHERE id = ?", arguments: [body, vpc.vpcId])
        }
        #expect(VpcRowDecoder.decode(Array(body.utf8)) == nil)
        #expect(try store.loadState().vpcs[vpc.vpcId] == vpc)
        try store.close()
    }
}

/// The members of generated values, by path (`routes.target.type`): those the models declare, and
/// those the values' rows hold.
private final class Members: @unchecked Sendable {
    private let lock = NSLock()
    private var declared: Set<String> = []
    private var written: Set<String> = []

    func add<R: Encodable>(_ value: R) throws {
        let row = try JSONSerialization.jsonObject(with: NetctlJSON.encoder.encode(value))
        lock.withLock {
            declared.formUnion(Self.declared(by: value, at: ""))
            written.formUnion(Self.written(in: row, at: ""))
        }
    }

    func expectAllWritten(_ model: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let missing = lock.withLock { declared.subtracting(written) }
        #expect(
            missing.isEmpty, "\(model): no generated row has \(missing.sorted()); RowValues must set them",
            sourceLocation: sourceLocation)
    }

    /// Stored properties through structs, arrays and optionals. Dates, strings, enums and
    /// dictionaries (tags, whose keys are data) are values, not members to look into.
    private static func declared(by value: Any, at path: String) -> Set<String> {
        if value is Date { return [] }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            var paths: Set<String> = []
            for child in mirror.children {
                guard let label = child.label else { continue }
                paths.insert(path + label)
                paths.formUnion(declared(by: child.value, at: path + label + "."))
            }
            return paths
        case .optional, .collection:
            return mirror.children.reduce(into: []) { $0.formUnion(declared(by: $1.value, at: path)) }
        default:
            return []
        }
    }

    private static func written(in json: Any, at path: String) -> Set<String> {
        if let object = json as? [String: Any] {
            return object.reduce(into: []) { paths, member in
                paths.insert(path + member.key)
                paths.formUnion(written(in: member.value, at: path + member.key + "."))
            }
        }
        if let array = json as? [Any] {
            return array.reduce(into: []) { $0.formUnion(written(in: $1, at: path)) }
        }
        return []
    }
}

/// Counts of what the damaged-rows property met.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var read = 0
    private var leftAndDecoded = 0
    private var leftAndRefused = 0

    func count(read: Bool, decoded: Bool) {
        lock.withLock {
            if read {
                self.read += 1
            } else if decoded {
                leftAndDecoded += 1
            } else {
                leftAndRefused += 1
            }
        }
    }

    var counts: (read: Int, leftAndDecoded: Int, leftAndRefused: Int) {
        lock.withLock { (read, leftAndDecoded, leftAndRefused) }
    }
}

private func expectRead<R: StoredResource & Hashable>(
    _ value: R, _ reader: (UnsafeBufferPointer<UInt8>) -> R?, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let body = try NetctlJSON.encoder.encode(value)
    let read = Array(body).withUnsafeBufferPointer(reader)
    #expect(read == value, "\(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
    #expect(read == (try NetctlJSON.decoder.decode(R.self, from: body)), sourceLocation: sourceLocation)
}

private func expectSameOrNothing<R: StoredResource & Hashable>(
    _ value: R, _ edits: [RowValues.Edit], _ reader: (UnsafeBufferPointer<UInt8>) -> R?, _ tally: Tally,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let body = RowValues.apply(edits, to: Array(try NetctlJSON.encoder.encode(value)))
    let read = body.withUnsafeBufferPointer(reader)
    let decoded = try? NetctlJSON.decoder.decode(R.self, from: Data(body))
    tally.count(read: read != nil, decoded: decoded != nil)
    guard let read else { return }
    let text = String(decoding: body, as: UTF8.self)
    #expect(read == decoded, "\(text)", sourceLocation: sourceLocation)
    // Equal as values may still differ in their bytes (strings compare by canonical equivalence).
    #expect(
        try NetctlJSON.encoder.encode(read) == NetctlJSON.encoder.encode(decoded), "\(text)",
        sourceLocation: sourceLocation)
}

extension VpcRowDecoder {
    fileprivate static func decode(_ bytes: [UInt8]) -> Vpc? { bytes.withUnsafeBufferPointer(decode) }
}
