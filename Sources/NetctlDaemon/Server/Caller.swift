import Foundation
import NetctlAPI
import NetctlCore

/// The caller of one request after identity mapping and the `accountId`/`region` options.
struct Caller: Sendable {
    var credentials: PeerCredentials
    var accountId: String
    var admin: Bool
    /// A member of `identity.readOnlyGroups` who is not an admin: read methods only.
    var readOnly: Bool
    var scope: Scope
    /// Set when the caller came through the AWS endpoint: the access key that signed the request.
    var accessKeyId: String? = nil
}

/// Maps kernel-reported credentials to an account, and applies the per-request `accountId`.
struct IdentityResolver: Sendable {
    var configuration: IdentityConfiguration
    var defaultRegion: String
    /// The uid netctld runs as: the user who started it owns it and is an admin of it.
    var daemonUid: UInt32

    func caller(_ credentials: PeerCredentials, options: CallOptions) throws(NetctlError) -> Caller {
        // Per request: membership is asked of the primary group and the supplementary set apart, so
        // no set of all the caller's groups is built each time.
        func isMember(_ gid: UInt32) -> Bool { gid == credentials.gid || credentials.supplementaryGroups.contains(gid) }
        let admin =
            credentials.uid == 0 || credentials.uid == daemonUid
            || configuration.adminUids.contains(credentials.uid)
            || configuration.adminGroups.contains(where: isMember)
        let readOnly = !admin && configuration.readOnlyGroups.contains(where: isMember)
        let ownAccount: String
        if let mapped = configuration.accountsByUid[credentials.uid] {
            ownAccount = mapped
        } else if let byGroup = configuration.accountsByGroup.first(where: { isMember($0.gid) }) {
            ownAccount = byGroup.accountId
        } else if admin || configuration.allowUnmappedUsers {
            ownAccount = configuration.defaultAccountId
        } else {
            throw NetctlError(
                .authFailure,
                "uid \(credentials.uid) is not mapped to an account. Ask the administrator to add it (or one of its "
                    + "groups) to identity.accounts in netctld.yaml.")
        }
        var account = ownAccount
        if let requested = options.accountId, requested != ownAccount {
            guard AccountID.isValid(requested) else {
                throw NetctlError(.invalidParameterValue, "accountId '\(requested)' is not a 12-digit account ID.")
            }
            guard admin else {
                throw NetctlError(
                    .unauthorizedOperation,
                    "You are not authorized to act as account \(requested): uid \(credentials.uid) acts only as "
                        + "\(ownAccount). Only root and admins may pass accountId.")
            }
            account = requested
        }
        let region = options.region ?? defaultRegion
        guard RegionName.isValid(region) else {
            throw NetctlError(.invalidParameterValue, "region '\(region)' is not a region name like us-east-1.")
        }
        return Caller(
            credentials: credentials, accountId: account, admin: admin, readOnly: readOnly,
            scope: Scope(accountId: account, region: region))
    }
}
