import Configuration
import Foundation
import NetctlAPI

#if canImport(Glibc)
    import Glibc
#endif

/// Who may do what: which account each local user acts as, who is an admin, and who may only read.
/// Admins (root, the user running netctld, `adminUids` and members of `adminGroups`) may pass any
/// `accountId`; members of `readOnlyGroups` who are not admins may call only read methods.
public struct IdentityConfiguration: Sendable, Hashable {
    /// The account of a group entry in `accounts`; entries keep their order because the first group
    /// the caller belongs to decides.
    public struct GroupAccount: Sendable, Hashable {
        public var gid: UInt32
        public var accountId: String
    }

    public var defaultAccountId: String
    /// Whether a uid with no mapping acts as the default account (else it gets `AuthFailure`).
    public var allowUnmappedUsers: Bool
    public var accountsByUid: [UInt32: String]
    public var accountsByGroup: [GroupAccount]
    public var adminUids: Set<UInt32>
    public var adminGroups: Set<UInt32>
    public var readOnlyGroups: Set<UInt32>

    public static let standardDefaultAccountId = "000000000000"

    public init(
        defaultAccountId: String = standardDefaultAccountId, allowUnmappedUsers: Bool = true,
        accountsByUid: [UInt32: String] = [:], accountsByGroup: [GroupAccount] = [], adminUids: Set<UInt32> = [],
        adminGroups: Set<UInt32> = [], readOnlyGroups: Set<UInt32> = []
    ) {
        self.defaultAccountId = defaultAccountId
        self.allowUnmappedUsers = allowUnmappedUsers
        self.accountsByUid = accountsByUid
        self.accountsByGroup = accountsByGroup
        self.adminUids = adminUids
        self.adminGroups = adminGroups
        self.readOnlyGroups = readOnlyGroups
    }

    /// Whether anything depends on the caller's supplementary groups (read from /proc per connection).
    var usesGroups: Bool { !adminGroups.isEmpty || !readOnlyGroups.isEmpty || !accountsByGroup.isEmpty }

    /// Reads the `identity` section: `defaultAccountId`, `allowUnmappedUsers`, `accounts` (a list of
    /// `UID=ACCOUNT`, `USER=ACCOUNT` or `@GROUP=ACCOUNT`), `adminUids` (uids or user names), and
    /// `adminGroups` and `readOnlyGroups` (gids or group names). Names are looked up once, here, so a
    /// name that does not exist is an error at start or reload rather than a silent non-match.
    init(_ reader: ConfigReader) throws {
        self.init()
        defaultAccountId = reader.string(forKey: "defaultAccountId", default: Self.standardDefaultAccountId)
        guard AccountID.isValid(defaultAccountId) else {
            throw ConfigurationError(description: "identity.defaultAccountId '\(defaultAccountId)' is not 12 digits")
        }
        allowUnmappedUsers = try DaemonConfiguration.strictBool(reader, "allowUnmappedUsers") ?? true
        for entry in reader.stringArray(forKey: "accounts", default: []) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parts[0] != "@", AccountID.isValid(parts[1]) else {
                throw ConfigurationError(
                    description:
                        "identity.accounts entry '\(entry)' must be UID=ACCOUNT, USER=ACCOUNT or @GROUP=ACCOUNT "
                        + "with a 12-digit account, e.g. 1000=111122223333 or @developers=111122223333")
            }
            if parts[0].hasPrefix("@") {
                let gid = try Self.groupID(String(parts[0].dropFirst()), key: "identity.accounts")
                guard !accountsByGroup.contains(where: { $0.gid == gid }) else {
                    throw ConfigurationError(description: "identity.accounts names group \(parts[0]) twice")
                }
                accountsByGroup.append(GroupAccount(gid: gid, accountId: parts[1]))
            } else {
                let uid = try Self.userID(parts[0], key: "identity.accounts")
                guard accountsByUid[uid] == nil else {
                    throw ConfigurationError(description: "identity.accounts maps user \(parts[0]) (uid \(uid)) twice")
                }
                accountsByUid[uid] = parts[1]
            }
        }
        adminUids = Set(
            try reader.stringArray(forKey: "adminUids", default: []).map {
                try Self.userID($0, key: "identity.adminUids")
            })
        adminGroups = Set(
            try reader.stringArray(forKey: "adminGroups", default: []).map {
                try Self.groupID($0, key: "identity.adminGroups")
            })
        readOnlyGroups = Set(
            try reader.stringArray(forKey: "readOnlyGroups", default: []).map {
                try Self.groupID($0, key: "identity.readOnlyGroups")
            })
    }

    /// A uid, or the uid of a user name from the password database.
    static func userID(_ text: String, key: String) throws -> UInt32 {
        let name = text.trimmingCharacters(in: .whitespaces)
        if let uid = UInt32(name) { return uid }
        guard !name.isEmpty, let entry = getpwnam(name) else {
            throw ConfigurationError(
                description: "\(key): there is no user '\(name)' on this machine (getent passwd \(name))")
        }
        return entry.pointee.pw_uid
    }

    /// A gid, or the gid of a group name from the group database.
    static func groupID(_ text: String, key: String) throws -> UInt32 {
        let name = text.trimmingCharacters(in: .whitespaces)
        if let gid = UInt32(name) { return gid }
        guard !name.isEmpty, let entry = getgrnam(name) else {
            throw ConfigurationError(
                description: "\(key): there is no group '\(name)' on this machine (getent group \(name))")
        }
        return entry.pointee.gr_gid
    }
}

public enum AccountID {
    public static func isValid(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
