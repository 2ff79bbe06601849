import Crypto
import Foundation
import Testing

@testable import NetctlDaemon

/// The registry's pieces without a listener: routes, tokens, and the blob store on a temporary
/// directory (uploads, verification, garbage collection).
@Suite("Registry routes, tokens and blob store")
struct RegistryStoreTests {
    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "netctld-registry-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func digest(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func routesKeepSlashesInRepositoryNames() {
        let digest = "sha256:" + String(repeating: "a", count: 64)
        #expect(RegistryRoute(path: "/v2/") == .base)
        #expect(RegistryRoute(path: "/v2") == .base)
        #expect(RegistryRoute(path: "/v2/forum/users/blobs/\(digest)") == .blob(name: "forum/users", digest: digest))
        #expect(RegistryRoute(path: "/v2/forum/users/blobs/uploads/") == .uploads(name: "forum/users"))
        #expect(RegistryRoute(path: "/v2/a/b/c/blobs/uploads/123-abc") == .upload(name: "a/b/c", id: "123-abc"))
        #expect(RegistryRoute(path: "/v2/forum/users/manifests/v1") == .manifest(name: "forum/users", reference: "v1"))
        #expect(
            RegistryRoute(path: "/v2/forum/users/manifests/\(digest)")
                == .manifest(name: "forum/users", reference: digest))
        #expect(RegistryRoute(path: "/v2/forum/users/tags/list") == .tags(name: "forum/users"))
        // A repository may itself be called "manifests" or "blobs": the last marker decides.
        #expect(RegistryRoute(path: "/v2/blobs/manifests/v1") == .manifest(name: "blobs", reference: "v1"))
        #expect(RegistryRoute(path: "/v2/forum/users") == nil)
        #expect(RegistryRoute(path: "/v3/") == nil)
    }

    @Test func registryHostNamesAccountAndRegion() {
        let named = Registry.registryHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com")
        #expect(named?.accountId == "123456789012" && named?.region == "eu-west-1")
        #expect(Registry.registryHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com:4566")?.region == "eu-west-1")
        #expect(Registry.registryHost("127.0.0.1:4566") == nil)
        #expect(Registry.registryHost("12345.dkr.ecr.eu-west-1.amazonaws.com") == nil)
    }

    @Test func tokensVerifyUntilTheyExpire() {
        let tokens = RegistryTokens(key: SymmetricKey(size: .bits256))
        let now = Date()
        let issued = tokens.issue(accessKeyId: "AKIA.with/odd+chars", now: now)
        #expect(abs(issued.expiresAt.timeIntervalSince(now) - 12 * 3600) < 1)
        #expect(tokens.verify(password: issued.password, now: now) == "AKIA.with/odd+chars")
        #expect(tokens.verify(password: issued.password, now: now.addingTimeInterval(12 * 3600 + 1)) == nil)
        #expect(tokens.verify(password: issued.password + "0", now: now) == nil)
        #expect(RegistryTokens(key: SymmetricKey(size: .bits256)).verify(password: issued.password, now: now) == nil)
        let query = tokens.presign(path: "/v2/a/blobs/x", now: now).queryItemsForTest
        #expect(
            tokens.verifyPresigned(
                path: "/v2/a/blobs/x", expires: query["X-Netctl-Expires"], signature: query["X-Netctl-Signature"],
                now: now))
        #expect(
            !tokens.verifyPresigned(
                path: "/v2/b/blobs/x", expires: query["X-Netctl-Expires"], signature: query["X-Netctl-Signature"],
                now: now))
    }

    @Test func uploadsAreVerifiedAndStoredByDigest() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = BlobStore(dataDirectory: root, readOnly: false)
        try store.prepare()
        let bytes = Array("hello, registry".utf8)
        let digest = Self.digest(bytes)
        let session = try store.startUpload(owner: "a/r/x", now: Date())
        #expect(store.session(session.id, owner: "a/r/other") == nil, "another repository's upload is unknown to it")
        try session.begin(at: 0, now: Date())
        try bytes.prefix(5).withUnsafeBytes { try session.append($0) }
        session.end(now: Date())
        #expect(throws: BlobStore.UploadError.outOfOrder(size: 5)) { try session.begin(at: 3, now: Date()) }
        try session.begin(at: 5, now: Date())
        try bytes.dropFirst(5).withUnsafeBytes { try session.append($0) }
        let stored = try store.complete(session, expected: digest, now: Date())
        #expect(stored.digest == digest && stored.size == Int64(bytes.count) && !stored.existed)
        #expect(FileManager.default.contents(atPath: store.path(of: digest)!) == Data(bytes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/uploads").isEmpty)

        let wrong = try store.startUpload(owner: "a/r/x", now: Date())
        try Array("other".utf8).withUnsafeBytes { try wrong.append($0) }
        #expect(throws: BlobStore.UploadError.digestMismatch(computed: Self.digest(Array("other".utf8)))) {
            try store.complete(wrong, expected: digest, now: Date())
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/uploads").isEmpty,
            "a refused upload leaves nothing")

        let idle = try store.startUpload(owner: "a/r/x", now: Date(timeIntervalSinceNow: -7200))
        #expect(store.purgeStaleUploads(now: Date()) == 1)
        #expect(store.session(idle.id, owner: "a/r/x") == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/uploads").isEmpty)
    }

    @Test func garbageCollectionKeepsReferencedPinnedAndFreshBlobs() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = BlobStore(dataDirectory: root, readOnly: false, unreferencedGrace: 3600)
        try store.prepare()
        func put(_ text: String) throws -> String {
            let session = try store.startUpload(owner: "o", now: Date())
            try Array(text.utf8).withUnsafeBytes { try session.append($0) }
            return try store.complete(session, expected: nil, now: Date()).digest
        }
        let kept = try put("referenced")
        let fresh = try put("fresh, no manifest yet")
        let claimed = try put("claimed then unreferenced")
        store.claim([claimed])
        #expect(store.collectGarbage(referenced: { [kept] }, now: Date()) == [claimed])
        #expect(store.size(of: kept) != nil && store.size(of: fresh) != nil)
        #expect(store.pin([fresh, claimed]) == [claimed], "a pin of a missing blob names it and pins nothing")
        #expect(store.pin([fresh]).isEmpty)
        #expect(store.collectGarbage(referenced: { [] }, now: Date().addingTimeInterval(7200)) == [kept])
        store.unpin([fresh])
        #expect(store.collectGarbage(referenced: { [] }, now: Date().addingTimeInterval(7200)) == [fresh])
    }

    @Test func manifestReferences() {
        let references = ManifestReferences(
            json: #"{"schemaVersion":2,"config":{"digest":"sha256:c"},"layers":[{"digest":"sha256:l"},"#
                + #"{"digest":"sha256:f","urls":["https://example.com/f"]}]}"#)
        #expect(references == ManifestReferences(blobs: ["sha256:c", "sha256:l"]))
        #expect(
            ManifestReferences(json: #"{"manifests":[{"digest":"sha256:m"}]}"#)
                == ManifestReferences(manifests: ["sha256:m"]))
        #expect(ManifestReferences(json: #"{"fsLayers":[{"blobSum":"sha256:a"}]}"#)?.blobs == ["sha256:a"])
        #expect(ManifestReferences(json: "[1]") == nil)
    }
}

extension String {
    fileprivate var queryItemsForTest: [String: String] { Substring(self).queryItems }
}
