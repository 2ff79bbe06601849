import Foundation
import NetctlAPI
import Testing

/// Golden JSON: the exact bytes scripts parse. A change here is a change of the contract.
@Suite("Wire format (golden JSON)")
struct WireFormatTests {
    let created = Date(timeIntervalSince1970: 1_764_091_474.123)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("a success response carries id and result; an error response carries id: null when unknown")
    func envelope() throws {
        #expect(
            try json(RPCResponse(id: .number(7), result: ["status": "ok"]))
                == #"{"id":7,"jsonrpc":"2.0","result":{"status":"ok"}}"#)
        let error = RPCErrorObject(
            code: RPCErrorCode.domainError, message: "VPC a already has an active peering with b",
            data: ["code": "VpcPeeringConnectionAlreadyExists"])
        #expect(
            try json(RPCResponse(id: .string("x-1"), error: error))
                == #"{"error":{"code":-32000,"data":{"code":"VpcPeeringConnectionAlreadyExists"},"message":"VPC a already has an active peering with b"},"id":"x-1","jsonrpc":"2.0"}"#
        )
        #expect(
            try json(RPCResponse(id: nil, error: RPCErrorObject(code: -32700, message: "Parse error")))
                == #"{"error":{"code":-32700,"message":"Parse error"},"id":null,"jsonrpc":"2.0"}"#)
    }

    @Test("requests round-trip with string and number ids, and decode what scripts send")
    func requests() throws {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16","name":"a"}}"#
        let request = try NetctlJSON.decoder.decode(RPCRequest.self, from: Data(line.utf8))
        #expect(request.id == .number(1))
        #expect(request.method == VpcCreate.method)
        let typed = try #require(request.params).decode(as: VpcCreate.self)
        #expect(typed.cidrBlock == "10.0.0.0/16")
        #expect(typed.name == "a")
        #expect(
            try json(RPCRequest(id: .string("abc"), method: "system.health", params: nil))
                == #"{"id":"abc","jsonrpc":"2.0","method":"system.health"}"#)
    }

    @Test("a VPC as the API documents it")
    func vpc() throws {
        let vpc = Vpc(
            vpcId: "vpc-0a1b2c3d4e5f67890", name: "a", accountId: "000000000000", region: "us-east-1",
            cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-0123456789abcdef0", tags: ["Name": "a"],
            createdAt: created)
        #expect(
            try json(vpc)
                == #"{"accountId":"000000000000","cidrBlocks":["10.0.0.0/16"],"createdAt":"2025-11-25T17:24:34.123Z","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"rtb-0123456789abcdef0","name":"a","region":"us-east-1","state":"available","tags":{"Name":"a"},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
        #expect(try NetctlJSON.decoder.decode(Vpc.self, from: NetctlJSON.encoder.encode(vpc)) == vpc)
    }

    @Test("a main route table with its main association, a local route, a blackholed peering route and an association")
    func routeTable() throws {
        let table = RouteTable(
            routeTableId: "rtb-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", name: nil,
            accountId: "000000000000", region: "us-east-1", main: true, mainAssociationId: "rtbassoc-00000000000000001",
            associations: [RouteTableAssociation(associationId: "rtbassoc-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0")],
            routes: [
                Route(destinationCidrBlock: "10.0.0.0/16", target: .local, state: .active, origin: "CreateRouteTable"),
                Route(
                    destinationCidrBlock: "10.1.0.0/16", target: RouteTarget(type: "pcx", id: "pcx-0123456789abcdef0"),
                    state: .blackhole, origin: "CreateRoute"),
            ], tags: [:], createdAt: created)
        #expect(
            try json(table)
                == #"{"accountId":"000000000000","associations":[{"associationId":"rtbassoc-0123456789abcdef0","subnetId":"subnet-0123456789abcdef0"}],"createdAt":"2025-11-25T17:24:34.123Z","main":true,"mainAssociationId":"rtbassoc-00000000000000001","region":"us-east-1","routeTableId":"rtb-0123456789abcdef0","routes":[{"destinationCidrBlock":"10.0.0.0/16","origin":"CreateRouteTable","state":"active","target":{"id":"local","type":"local"}},{"destinationCidrBlock":"10.1.0.0/16","origin":"CreateRoute","state":"blackhole","target":{"id":"pcx-0123456789abcdef0","type":"pcx"}}],"tags":{},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
    }

    @Test("a subnet reports its free addresses and mapPublicIpOnLaunch")
    func subnet() throws {
        let subnet = Subnet(
            subnetId: "subnet-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", name: nil, accountId: "000000000000",
            region: "us-east-1", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", availableIpAddressCount: 251,
            tags: [:], createdAt: created)
        #expect(
            try json(subnet)
                == #"{"accountId":"000000000000","availabilityZone":"us-east-1a","availableIpAddressCount":251,"cidrBlock":"10.0.1.0/24","createdAt":"2025-11-25T17:24:34.123Z","mapPublicIpOnLaunch":false,"region":"us-east-1","state":"available","subnetId":"subnet-0123456789abcdef0","tags":{},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
    }

    @Test("an ECR repository, an image and a batch delete result as the API documents them")
    func ecr() throws {
        let repository = EcrRepository(
            repositoryName: "team/web", repositoryArn: "arn:aws:ecr:us-east-1:111122223333:repository/team/web",
            repositoryUri: "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/web", registryId: "111122223333",
            accountId: "111122223333", region: "us-east-1", imageTagMutability: "IMMUTABLE", createdAt: created)
        #expect(
            try json(repository)
                == #"{"accountId":"111122223333","createdAt":"2025-11-25T17:24:34.123Z","imageTagMutability":"IMMUTABLE","region":"us-east-1","registryId":"111122223333","repositoryArn":"arn:aws:ecr:us-east-1:111122223333:repository/team/web","repositoryName":"team/web","repositoryUri":"111122223333.dkr.ecr.us-east-1.amazonaws.com/team/web"}"#
        )
        let digest = "sha256:" + String(repeating: "0", count: 64)
        let image = EcrImage(
            registryId: "111122223333", repositoryName: "team/web", repositoryArn: repository.repositoryArn,
            imageDigest: digest, imageTags: ["v1"], imageManifest: "{}",
            imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json", imageSizeInBytes: 42,
            imagePushedAt: created, accountId: "111122223333", region: "us-east-1")
        #expect(
            try json(image)
                == #"{"accountId":"111122223333","imageDigest":"\#(digest)","imageManifest":"{}","imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json","imagePushedAt":"2025-11-25T17:24:34.123Z","imageSizeInBytes":42,"imageTags":["v1"],"region":"us-east-1","registryId":"111122223333","repositoryArn":"arn:aws:ecr:us-east-1:111122223333:repository/team/web","repositoryName":"team/web"}"#
        )
        #expect(
            try json(EcrImageListResponse(images: [EcrImageDetail(image)], nextToken: nil))
                == #"{"images":[{"imageDigest":"\#(digest)","imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json","imagePushedAt":"2025-11-25T17:24:34.123Z","imageSizeInBytes":42,"imageTags":["v1"],"registryId":"111122223333","repositoryName":"team/web"}]}"#
        )
        let deleted = EcrImageDeleteResponse(
            imageIds: [EcrImageIdentifier(imageDigest: digest, imageTag: "v1")],
            failures: [
                EcrImageFailure(
                    imageId: EcrImageIdentifier(imageTag: "v9"), failureCode: EcrImageFailure.imageNotFound,
                    failureReason: "Requested image not found")
            ])
        #expect(
            try json(deleted)
                == #"{"failures":[{"failureCode":"ImageNotFound","failureReason":"Requested image not found","imageId":{"imageTag":"v9"}}],"imageIds":[{"imageDigest":"\#(digest)","imageTag":"v1"}]}"#
        )
    }

    @Test("timestamps are RFC 3339 UTC with milliseconds, before and after the epoch")
    func timestamps() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.parse("2025-11-25T17:24:34.123Z").map(Timestamp.format) == "2025-11-25T17:24:34.123Z")
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test("JSONValue keeps integers integral and round-trips nested values")
    func jsonValue() throws {
        let value: JSONValue = ["n": 3, "x": .double(1.5), "list": [true, nil, "s"], "nested": ["k": "v"]]
        #expect(try json(value) == #"{"list":[true,null,"s"],"n":3,"nested":{"k":"v"},"x":1.5}"#)
        #expect(try NetctlJSON.decoder.decode(JSONValue.self, from: NetctlJSON.encoder.encode(value)) == value)
    }
}

@Suite("Default socket and data paths")
struct DefaultPathsTests {
    func resolve(_ variables: [String: String], uid: UInt32 = 1000) -> DefaultPaths {
        DefaultPaths.resolve(.init(variables: variables, uid: uid, homeDirectory: "/home/u"))
    }

    @Test("NETCTL_SOCKET wins over everything")
    func explicit() {
        #expect(resolve(["NETCTL_SOCKET": "/x.sock", "RUNTIME_DIRECTORY": "/run/netctld"], uid: 0).socketPath == "/x.sock")
    }

    @Test("under systemd the runtime and state directories are used")
    func systemd() {
        let paths = resolve(["RUNTIME_DIRECTORY": "/run/netctld", "STATE_DIRECTORY": "/var/lib/netctld:/other"])
        #expect(paths.socketPath == "/run/netctld/netctld.sock")
        #expect(paths.dataDirectory == "/var/lib/netctld")
    }

    @Test("root uses /run and /var/lib; users use XDG directories, then ~/.local/state")
    func fallbacks() {
        #expect(resolve([:], uid: 0) == DefaultPaths(socketPath: "/run/netctld/netctld.sock", dataDirectory: "/var/lib/netctld"))
        #expect(
            resolve(["XDG_RUNTIME_DIR": "/run/user/1000", "XDG_STATE_HOME": "/home/u/.st"])
                == DefaultPaths(socketPath: "/run/user/1000/netctld.sock", dataDirectory: "/home/u/.st/netctld"))
        #expect(
            resolve([:])
                == DefaultPaths(
                    socketPath: "/home/u/.local/state/netctld/netctld.sock", dataDirectory: "/home/u/.local/state/netctld"))
    }
}

@Suite("Timestamps round-trip exactly")
struct TimestampRoundTripTests {
    @Test("a millisecond-precision date formats and parses back to the identical value", arguments: [
        0, 1, 999, 951_782_400_500, 1_764_091_474_123, 4_102_444_799_999, -1, -86_400_001,
    ] as [Int64])
    func roundTrip(milliseconds: Int64) throws {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let text = Timestamp.format(date)
        #expect(Timestamp.parse(text) == date, "\(text)")
        #expect(Timestamp.epochMilliseconds(date) == milliseconds)
    }

    @Test("other RFC 3339 forms still parse")
    func otherForms() {
        #expect(Timestamp.parse("2025-11-25T17:24:34Z") == Date(timeIntervalSince1970: 1_764_091_474))
        #expect(Timestamp.parse("2025-11-25T18:24:34+01:00") == Date(timeIntervalSince1970: 1_764_091_474))
        #expect(Timestamp.parse("2025-13-25T17:24:34.000Z") == nil)
    }
}

@Suite("Error code names printed by logs and the CLI")
struct ErrorCodeNameTests {
    @Test("the AWS-style code wins; otherwise the standard JSON-RPC code is named")
    func names() {
        let domain = RPCErrorObject(
            code: RPCErrorCode.domainError, message: "no such VPC", data: ["code": "InvalidVpcID.NotFound"])
        #expect(domain.codeName == "InvalidVpcID.NotFound")
        #expect(RPCErrorObject(code: RPCErrorCode.methodNotFound, message: "").codeName == "MethodNotFound")
        #expect(RPCErrorObject(code: RPCErrorCode.invalidParams, message: "").codeName == "InvalidParams")
        #expect(RPCErrorObject(code: RPCErrorCode.parseError, message: "").codeName == "ParseError")
        #expect(RPCErrorObject(code: -31999, message: "").codeName == "Error-31999")
    }
}
