import Crypto
import Foundation
import NetctlAPI

/// ECR's naming and format rules (SEMANTICS.md section 7): repository names, tags, digests,
/// manifests, and the ARN, URI and ID shapes built from them.
public enum EcrRules {
    /// AWS's quotas, fixed here: images per repository and tags per image (both adjustable in AWS).
    public static let maximumImagesPerRepository = 10_000
    public static let maximumTagsPerImage = 1_000
    /// ECR's page sizes.
    public static let listRange = 1...1000
    /// BatchDeleteImage takes at most 100 image IDs.
    public static let maximumBatchImages = 100
    public static let repositoryNameLength = 2...256
    public static let maximumTagLength = 128

    // MARK: Names, ARNs, URIs and IDs

    public static func repositoryArn(_ scope: Scope, name: String) -> String {
        "arn:aws:ecr:\(scope.region):\(scope.accountId):repository/\(name)"
    }

    /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com`: the account's private registry in the region.
    public static func registryHost(_ scope: Scope) -> String {
        "\(scope.accountId).dkr.ecr.\(scope.region).amazonaws.com"
    }

    public static func repositoryUri(_ scope: Scope, name: String) -> String { registryHost(scope) + "/" + name }

    /// An image's ID: its repository's ARN, `@`, its digest.
    public static func imageId(repositoryArn: String, digest: String) -> String { repositoryArn + "@" + digest }

    /// The index key under which a tag's image is found. Repository names cannot contain `:`.
    public static func tagKey(repositoryArn: String, tag: String) -> String { repositoryArn + ":" + tag }

    /// Checks a repository name: 2–256 characters of the API model's pattern.
    public static func validateRepositoryName(_ name: String) throws(NetctlError) {
        guard repositoryNameLength.contains(name.count) else {
            throw NetctlError(
                .invalidParameterException,
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must have length between 2 "
                    + "and 256' (got \(name.count) characters).")
        }
        guard isValidRepositoryPath(name) else {
            throw NetctlError(
                .invalidParameterException,
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression "
                    + "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'': '\(name)' is not a valid "
                    + "name. Use lowercase letters and digits separated by '.', '_', '__' or dashes, and '/' for "
                    + "namespaces, e.g. team-a/web-app.")
        }
    }

    /// `component(/component)*`, each component `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`: ECR's repository
    /// names and Docker's path components alike.
    static func isValidRepositoryPath(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { isValidPathComponent($0) }
    }

    private static func isValidPathComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        var index = 0
        func alphanumericRun() -> Bool {
            let start = index
            while index < bytes.count, alphanumeric(bytes[index]) { index += 1 }
            return index > start
        }
        guard alphanumericRun() else { return false }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."):
                index += 1
            case UInt8(ascii: "_"):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "_") { index += 1 }
            case UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            default:
                return false
            }
            guard alphanumericRun() else { return false }
        }
        return true
    }

    /// `MUTABLE` (the default) or `IMMUTABLE`.
    public static func tagMutability(_ value: String?) throws(NetctlError) -> String {
        guard let value else { return EcrRepository.mutable }
        guard [EcrRepository.mutable, EcrRepository.immutable].contains(value) else {
            throw NetctlError(
                .invalidParameterException,
                "imageTagMutability '\(value)' is not valid: use MUTABLE or IMMUTABLE (the exclusion-filter variants "
                    + "are not supported).")
        }
        return value
    }

    // MARK: Repository tags

    public static let maximumRepositoryTags = 50

    /// ECR's tag rules: keys 1–128 characters without the reserved `aws:` prefix, values up to 256
    /// (`InvalidTagParameterException`), at most 50 on a repository (`TooManyTagsException`).
    public static func validateRepositoryTags(_ tags: [String: String], total: Int) throws(NetctlError) {
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            guard (1...128).contains(key.count) else {
                throw NetctlError(.invalidTagParameterException, "Tag key '\(key)' must be 1 to 128 characters long.")
            }
            guard !key.lowercased().hasPrefix("aws:") else {
                throw NetctlError(
                    .invalidTagParameterException,
                    "Tag key '\(key)' uses the prefix 'aws:', which is reserved for AWS's own tags. Choose another key.")
            }
            guard value.count <= 256 else {
                throw NetctlError(
                    .invalidTagParameterException, "The value of tag '\(key)' is \(value.count) characters; at most 256.")
            }
        }
        guard total <= maximumRepositoryTags else {
            throw NetctlError(
                .tooManyTagsException,
                "The repository would have \(total) tags; a repository can have at most \(maximumRepositoryTags). "
                    + "Remove some with UntagResource first.")
        }
    }

    // MARK: Tags and digests

    /// Docker's tag grammar, which ECR clients enforce: at most 128 of `[A-Za-z0-9_.-]`, not starting with
    /// `.` or `-`.
    public static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= maximumTagLength else { return false }
        func word(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        return word(first) && bytes.allSatisfy { word($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    public static func validateTag(_ tag: String) throws(NetctlError) {
        guard isValidTag(tag) else {
            throw NetctlError(
                .invalidParameterException,
                "Invalid parameter at 'imageTag': '\(tag)' is not a valid tag. A tag is 1 to 128 letters, digits, "
                    + "underscores, periods and dashes, and does not start with a period or a dash.")
        }
    }

    /// `sha256:` and 64 lowercase hex digits: the digests netctld computes and accepts for images.
    public static func isValidDigest(_ digest: String) -> Bool {
        guard digest.hasPrefix("sha256:") else { return false }
        let hex = digest.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy(isLowercaseHex)
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// A content digest as OCI descriptors carry it: `sha256:` with 64 hex digits or `sha512:` with 128.
    static func isValidDescriptorDigest(_ digest: String) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let length: Int
        switch parts[0] {
        case "sha256": length = 64
        case "sha512": length = 128
        default: return false
        }
        return parts[1].utf8.count == length && parts[1].utf8.allSatisfy(isLowercaseHex)
    }

    /// `sha256:` + the hex SHA-256 of the manifest's UTF-8 bytes, exactly as given (no re-serialising).
    public static func digest(of manifest: String) -> String {
        let hash = SHA256.hash(data: Data(manifest.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in hash {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return "sha256:" + String(decoding: hex, as: UTF8.self)
    }

    // MARK: Manifests

    public static let dockerManifestV2 = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifestV1 = "application/vnd.docker.distribution.manifest.v1+json"
    public static let dockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"

    /// What netctld reads from a manifest.
    public struct ManifestInfo: Sendable, Hashable {
        public var mediaType: String
        /// The declared layer sizes added up; nil for manifest lists and indexes.
        public var sizeInBytes: Int64?
        /// The config descriptor's media type; nil for manifest lists, indexes and schema 1.
        public var artifactMediaType: String? = nil
    }

    /// `manifestInfo`, with the media type a PutImage caller declares (`imageManifestMediaType`): it
    /// names the type of a manifest that has no `mediaType` (OCI makes it optional) and must agree
    /// with one that has.
    public static func manifestInfo(_ manifest: String, declaredMediaType: String?) throws(NetctlError) -> ManifestInfo {
        var info = try manifestInfo(manifest)
        guard let declared = declaredMediaType else { return info }
        let named = manifestNamesMediaType(manifest)
        let compatible: Bool
        switch info.mediaType {
        case ociManifest: compatible = declared == ociManifest || (!named && declared == dockerManifestV2)
        case ociIndex: compatible = declared == ociIndex || (!named && declared == dockerManifestList)
        default: compatible = declared == info.mediaType
        }
        guard compatible else {
            throw NetctlError(
                .invalidParameterException,
                "Invalid parameter at 'imageManifestMediaType': '\(declared)' does not match the manifest, which is "
                    + "\(info.mediaType). Leave imageManifestMediaType out, or give the manifest's own media type.")
        }
        info.mediaType = declared
        return info
    }

    private static func manifestNamesMediaType(_ manifest: String) -> Bool {
        guard let document = try? NetctlJSON.decoder.decode(JSONValue.self, from: Data(manifest.utf8)) else { return false }
        return document["mediaType"] != nil
    }

    /// Checks that `manifest` is a manifest ECR would store and says what it is. Layers are not
    /// checked for presence: netctld models manifests, not blobs.
    public static func manifestInfo(_ manifest: String) throws(NetctlError) -> ManifestInfo {
        func invalid(_ problem: String) -> NetctlError {
            NetctlError(.invalidParameterException, "Invalid parameter at 'imageManifest': \(problem)")
        }
        guard !manifest.isEmpty else { throw invalid("the manifest is empty.") }
        guard let document = try? NetctlJSON.decoder.decode(JSONValue.self, from: Data(manifest.utf8)),
            case .object(let object) = document
        else {
            throw invalid("Invalid JSON syntax: the manifest must be one JSON object.")
        }
        guard let version = object["schemaVersion"]?.intValue else {
            throw invalid("the manifest has no integer schemaVersion (2 for Docker V2 schema 2 and OCI, 1 for schema 1).")
        }
        switch version {
        case 1:
            guard let layers = object["fsLayers"]?.arrayValue, !layers.isEmpty else {
                throw invalid("a schemaVersion 1 manifest needs a non-empty fsLayers array.")
            }
            for (index, layer) in layers.enumerated() {
                guard let sum = layer["blobSum"]?.stringValue, isValidDescriptorDigest(sum) else {
                    throw invalid("fsLayers[\(index)] needs a blobSum digest such as sha256:<64 hex digits>.")
                }
            }
            return ManifestInfo(mediaType: object["signatures"] == nil ? dockerManifestV1 : dockerManifestV1Signed, sizeInBytes: nil)
        case 2:
            break
        default:
            throw invalid("schemaVersion \(version) is not a manifest version ECR stores (1 or 2).")
        }
        let mediaType: String
        switch object["mediaType"] {
        case nil:
            // OCI makes mediaType optional; the shape says which kind it is.
            if object["manifests"] != nil {
                mediaType = ociIndex
            } else if object["config"] != nil {
                mediaType = ociManifest
            } else {
                throw invalid("the manifest has no mediaType, and neither config and layers nor manifests.")
            }
        case .string(let value):
            guard [dockerManifestV2, dockerManifestList, ociManifest, ociIndex].contains(value) else {
                throw invalid(
                    "mediaType '\(value)' is not a schemaVersion 2 manifest type: use \(dockerManifestV2), "
                        + "\(dockerManifestList), \(ociManifest) or \(ociIndex).")
            }
            mediaType = value
        case let other?:
            throw invalid("mediaType must be a string, not \(other.typeName).")
        }
        func descriptor(_ value: JSONValue?, _ name: String) throws(NetctlError) -> Int64 {
            guard let value, case .object = value else { throw invalid("\(name) must be a descriptor object.") }
            guard let type = value["mediaType"]?.stringValue, !type.isEmpty else {
                throw invalid("\(name) has no mediaType.")
            }
            guard let digest = value["digest"]?.stringValue, isValidDescriptorDigest(digest) else {
                throw invalid("\(name) needs a digest such as sha256:<64 lowercase hex digits>.")
            }
            guard let size = value["size"]?.intValue, size >= 0 else {
                throw invalid("\(name) needs a size: a whole number of bytes, zero or more.")
            }
            return size
        }
        if mediaType == dockerManifestList || mediaType == ociIndex {
            guard object["config"] == nil, object["layers"] == nil else {
                throw invalid("a \(mediaType) lists manifests; it has no config or layers.")
            }
            guard let manifests = object["manifests"]?.arrayValue else {
                throw invalid("a \(mediaType) needs a manifests array.")
            }
            for (index, entry) in manifests.enumerated() { _ = try descriptor(entry, "manifests[\(index)]") }
            return ManifestInfo(mediaType: mediaType, sizeInBytes: nil)
        }
        guard object["manifests"] == nil else {
            throw invalid("an image manifest (\(mediaType)) has config and layers, not manifests.")
        }
        _ = try descriptor(object["config"], "config")
        guard let layers = object["layers"]?.arrayValue else { throw invalid("an image manifest needs a layers array.") }
        var size: Int64 = 0
        for (index, layer) in layers.enumerated() {
            let (sum, overflow) = size.addingReportingOverflow(try descriptor(layer, "layers[\(index)]"))
            guard !overflow else { throw invalid("the layer sizes add up to more than 2^63 bytes.") }
            size = sum
        }
        return ManifestInfo(
            mediaType: mediaType, sizeInBytes: size, artifactMediaType: object["config"]?["mediaType"]?.stringValue)
    }
}
