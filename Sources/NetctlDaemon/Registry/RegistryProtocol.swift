import Foundation
import NetctlAPI

/// The Docker Registry HTTP API v2 (OCI Distribution) as netctld reads and answers it: routes,
/// error codes and responses, with no I/O. `Registry` decides, `RegistryHTTPHandler` moves bytes.
enum RegistryRoute: Equatable {
    /// `/v2/`: the version check and login probe.
    case base
    case blob(name: String, digest: String)
    /// `/v2/NAME/blobs/uploads/`: starts an upload (or mounts a blob).
    case uploads(name: String)
    case upload(name: String, id: String)
    case manifest(name: String, reference: String)
    case tags(name: String)

    /// nil for a path under `/v2/` that names nothing the API has.
    init?(path: String) {
        guard path == "/v2" || path.hasPrefix("/v2/") else { return nil }
        let rest = path.dropFirst(path == "/v2" ? 3 : 4)
        if rest.isEmpty {
            self = .base
            return
        }
        func split(_ marker: String) -> (String, String)? {
            guard let range = rest.range(of: marker, options: .backwards) else { return nil }
            let name = String(rest[..<range.lowerBound])
            return name.isEmpty ? nil : (name, String(rest[range.upperBound...]))
        }
        if rest.hasSuffix("/tags/list"), let (name, _) = split("/tags/list") {
            self = .tags(name: name)
        } else if let (name, reference) = split("/manifests/"), !reference.isEmpty, !reference.contains("/") {
            self = .manifest(name: name, reference: reference)
        } else if let (name, id) = split("/blobs/uploads/") {
            guard !id.contains("/") else { return nil }
            self = id.isEmpty ? .uploads(name: name) : .upload(name: name, id: id)
        } else if rest.hasSuffix("/blobs/uploads"), let (name, _) = split("/blobs/uploads") {
            self = .uploads(name: name)
        } else if let (name, digest) = split("/blobs/"), !digest.isEmpty, !digest.contains("/") {
            self = .blob(name: name, digest: digest)
        } else {
            return nil
        }
    }
}

/// An error as the registry API sends it: `{"errors":[{"code","message","detail"}]}`.
struct RegistryError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var detail: [String: String] = [:]

    static func unauthorized(_ message: String) -> RegistryError {
        RegistryError(status: 401, code: "UNAUTHORIZED", message: message)
    }

    static func denied(_ message: String) -> RegistryError {
        RegistryError(status: 403, code: "DENIED", message: message)
    }

    static func nameUnknown(_ name: String, registry: String) -> RegistryError {
        RegistryError(
            status: 404, code: "NAME_UNKNOWN",
            message:
                "The repository with name '\(name)' does not exist in the registry with id '\(registry)'. Create it "
                + "first (aws ecr create-repository or netctl ecr repo create): ECR never creates one on push.",
            detail: ["name": name])
    }

    static func blobUnknown(_ digest: String) -> RegistryError {
        RegistryError(
            status: 404, code: "BLOB_UNKNOWN", message: "blob unknown to registry", detail: ["digest": digest])
    }

    static func uploadUnknown(_ id: String) -> RegistryError {
        RegistryError(
            status: 404, code: "BLOB_UPLOAD_UNKNOWN",
            message: "blob upload unknown to registry: it finished, was cancelled or cut off, belongs to another "
                + "repository, or expired after an hour idle. Start a new one with POST /v2/NAME/blobs/uploads/.",
            detail: ["uuid": id])
    }

    static func digestInvalid(_ message: String, digest: String? = nil) -> RegistryError {
        RegistryError(
            status: 400, code: "DIGEST_INVALID", message: message, detail: digest.map { ["digest": $0] } ?? [:])
    }

    static func manifestUnknown(_ reference: String, _ message: String = "manifest unknown") -> RegistryError {
        RegistryError(status: 404, code: "MANIFEST_UNKNOWN", message: message, detail: ["reference": reference])
    }

    static func manifestInvalid(_ message: String) -> RegistryError {
        RegistryError(status: 400, code: "MANIFEST_INVALID", message: message)
    }

    static func unsupported(_ message: String) -> RegistryError {
        RegistryError(status: 405, code: "UNSUPPORTED", message: message)
    }

    var body: [UInt8] {
        struct Entry: Encodable {
            var code: String
            var message: String
            var detail: [String: String]
        }
        struct Body: Encodable { var errors: [Entry] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(errors: [Entry(code: code, message: message, detail: detail)]))) ?? Data()
        return Array(data)
    }
}

/// What the registry answers; the handler adds `Docker-Distribution-API-Version` and the length.
struct RegistryResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        /// A stored blob, sent from its file; `length` is its size.
        case file(path: String, length: Int64)
    }

    var status: Int
    var headers: [(name: String, value: String)]
    var body: Body
    /// HEAD: the headers (with the length GET would send), no body.
    var headOnly = false

    init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([]), headOnly: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.headOnly = headOnly
    }

    init(_ error: RegistryError, headers: [(name: String, value: String)] = []) {
        self.init(
            status: error.status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(error.body))
    }

    static func json(_ status: Int, _ object: some Encodable, headers: [(name: String, value: String)] = [])
        -> RegistryResponse
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return RegistryResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(Array(data)))
    }
}

/// The blobs and child manifests a manifest names, read from its JSON as pushed.
struct ManifestReferences: Sendable, Equatable {
    /// Config and layers (schema 2, OCI) or `fsLayers` (schema 1); layers with `urls` (foreign
    /// layers, fetched from elsewhere) are not counted.
    var blobs: [String] = []
    /// The manifests an index or manifest list names.
    var manifests: [String] = []

    init(blobs: [String] = [], manifests: [String] = []) {
        self.blobs = blobs
        self.manifests = manifests
    }

    /// nil when the text is not one JSON object.
    init?(json text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return nil
        }
        func digest(_ descriptor: Any?) -> String? {
            guard let descriptor = descriptor as? [String: Any], descriptor["urls"] == nil else { return nil }
            return descriptor["digest"] as? String
        }
        if let config = digest(object["config"]) { blobs.append(config) }
        for layer in object["layers"] as? [Any] ?? [] {
            if let layer = digest(layer) { blobs.append(layer) }
        }
        for layer in object["fsLayers"] as? [Any] ?? [] {
            if let sum = (layer as? [String: Any])?["blobSum"] as? String { blobs.append(sum) }
        }
        for entry in object["manifests"] as? [Any] ?? [] {
            if let child = digest(entry) { manifests.append(child) }
        }
    }
}

extension Substring {
    /// `a=b&c=d` into a dictionary, percent-decoded (the first of a repeated name wins).
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for pair in split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name =
                String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let value =
                parts.count > 1
                ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1]))
                : ""
            if items[name] == nil { items[name] = value }
        }
        return items
    }
}
