import Configuration
import Foundation
import NetctlAPI

/// Who may do what: which account each local user acts as, and who is an admin. Admins (root, the
/// user running netctld, listed uids and members of listed groups) may pass any `accountId`.
public struct IdentityConfiguration: Sendable, Hashable {
    public var defaultAccountId: String
    /// Whether a uid with no mapping acts as the default account (else it gets `AuthFailure`).
    public var allowUnmappedUsers: Bool
    public var accountsByUid: [UInt32: String]
    public var adminUids: Set<UInt32>
    public var adminGroups: Set<UInt32>

    public static let standardDefaultAccountId = "000000000000"

    public init(
        defaultAccountId: String = standardDefaultAccountId, allowUnmappedUsers: Bool = true,
        accountsByUid: [UInt32: String] = [:], adminUids: Set<UInt32> = [], adminGroups: Set<UInt32> = []
    ) {
        self.defaultAccountId = defaultAccountId
        self.allowUnmappedUsers = allowUnmappedUsers
        self.accountsByUid = accountsByUid
        self.adminUids = adminUids
        self.adminGroups = adminGroups
    }

    /// Reads the `identity` section: `defaultAccountId`, `allowUnmappedUsers`, `accounts` (a list of
    /// `UID=ACCOUNT`), `adminUids` and `adminGroups` (lists of numbers).
    init(_ reader: ConfigReader) throws {
        self.init()
        defaultAccountId = reader.string(forKey: "defaultAccountId", default: Self.standardDefaultAccountId)
        guard AccountID.isValid(defaultAccountId) else {
            throw ConfigurationError(description: "identity.defaultAccountId '\(defaultAccountId)' is not 12 digits")
        }
        allowUnmappedUsers = try DaemonConfiguration.strictBool(reader, "allowUnmappedUsers") ?? true
        for entry in reader.stringArray(forKey: "accounts", default: []) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let uid = UInt32(parts[0]), AccountID.isValid(parts[1]) else {
                throw ConfigurationError(
                    description: "identity.accounts entry '\(entry)' must be UID=ACCOUNT, e.g. 1000=111122223333")
            }
            accountsByUid[uid] = parts[1]
        }
        adminUids = Set(try reader.intArray(forKey: "adminUids", default: []).map(Self.id))
        adminGroups = Set(try reader.intArray(forKey: "adminGroups", default: []).map(Self.id))
    }

    private static func id(_ value: Int) throws -> UInt32 {
        guard let id = UInt32(exactly: value) else { throw ConfigurationError(description: "\(value) is not a uid/gid") }
        return id
    }
}

public enum AccountID {
    public static func isValid(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
