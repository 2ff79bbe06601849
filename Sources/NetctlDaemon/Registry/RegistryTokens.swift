import Crypto
import Foundation
import NetctlAWS

#if canImport(Glibc)
    import Glibc
#endif

/// The registry's passwords and presigned blob URLs: HMACs under a key only netctld knows
/// (`DATA_DIR/registry.key`, made on first start), so nothing per token is stored, a restart keeps
/// them valid, and removing an access key from the configuration revokes its tokens at once.
struct RegistryTokens: Sendable {
    private let key: SymmetricKey

    /// AWS's tokens last 12 hours.
    static let lifetime: TimeInterval = 12 * 3600
    /// As long as an S3 presigned URL from ECR's GetDownloadUrlForLayer.
    static let downloadLifetime: TimeInterval = 3600

    init(key: SymmetricKey) { self.key = key }

    /// Reads the key, or makes and keeps one. A read-only data directory gets a key for this run only.
    static func load(dataDirectory: String, readOnly: Bool) throws -> RegistryTokens {
        let path = dataDirectory + "/registry.key"
        if let data = FileManager.default.contents(atPath: path), data.count == 32 {
            return RegistryTokens(key: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        if !readOnly {
            let data = key.withUnsafeBytes { Data($0) }
            // Written under a temporary name, then renamed: a crash never leaves a short key behind.
            let temporary = path + ".tmp"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw ConfigurationError(description: "cannot write the registry key \(temporary)") }
            guard rename(temporary, path) == 0 else {
                throw ConfigurationError(
                    description: "cannot write the registry key \(path): \(String(cString: strerror(errno)))")
            }
        }
        return RegistryTokens(key: key)
    }

    /// `BASE64URL(key id).EXPIRY.HMAC`: the password of `docker login -u AWS`.
    func issue(accessKeyId: String, now: Date) -> (password: String, expiresAt: Date) {
        let expires = Int64(now.timeIntervalSince1970 + Self.lifetime)
        let id = Data(accessKeyId.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (
            "\(id).\(expires).\(mac("token\n\(accessKeyId)\n\(expires)"))", Date(timeIntervalSince1970: Double(expires))
        )
    }

    /// The access key a password was issued to, if it is genuine and not expired.
    func verify(password: String, now: Date) -> String? {
        let parts = password.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expires = Int64(parts[1]), Double(expires) > now.timeIntervalSince1970 else {
            return nil
        }
        var encoded = parts[0].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while encoded.count % 4 != 0 { encoded += "=" }
        guard let data = Data(base64Encoded: encoded), let accessKeyId = String(data: data, encoding: .utf8) else {
            return nil
        }
        guard SigV4Verifier.constantTimeEqual(String(parts[2]), mac("token\n\(accessKeyId)\n\(expires)")) else {
            return nil
        }
        return accessKeyId
    }

    /// The query that lets anyone GET `path` until `expires` (GetDownloadUrlForLayer's URL).
    func presign(path: String, now: Date) -> String {
        let expires = Int64(now.timeIntervalSince1970 + Self.downloadLifetime)
        return "X-Netctl-Expires=\(expires)&X-Netctl-Signature=\(mac("download\n\(path)\n\(expires)"))"
    }

    func verifyPresigned(path: String, expires: String?, signature: String?, now: Date) -> Bool {
        guard let expires, let signature, let seconds = Int64(expires), Double(seconds) > now.timeIntervalSince1970
        else { return false }
        return SigV4Verifier.constantTimeEqual(signature, mac("download\n\(path)\n\(seconds)"))
    }

    private func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
