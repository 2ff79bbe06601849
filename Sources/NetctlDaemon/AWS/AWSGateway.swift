import Foundation
import NetctlAPI
import NetctlAWS
import NetctlCore

#if canImport(Glibc)
    import Glibc
#endif

/// The AWS endpoint's way into netctld: a signed caller becomes a `Caller` with its key's account and
/// powers, and its typed requests go through the router like a socket's.
struct AWSGateway: AWSBackend {
    let router: Router

    func run<Request: RPCMethod>(_ request: Request, as caller: AWSCaller, clientToken: String?) async
        -> Result<Request.Response, NetctlError>
    {
        guard RegionName.isValid(caller.region) else {
            return .failure(
                NetctlError(
                    .invalidParameterValue,
                    "The credential scope's region '\(caller.region)' is not a region name like us-east-1."))
        }
        let credential = caller.credential
        // The daemon's own process stands in for the kernel-reported peer: the key is the identity.
        let process = PeerCredentials(uid: getuid(), gid: getgid(), pid: getpid())
        let netctlCaller = Caller(
            credentials: process, accountId: credential.accountId, admin: credential.admin,
            readOnly: credential.readOnly, scope: Scope(accountId: credential.accountId, region: caller.region),
            accessKeyId: credential.accessKeyId)
        return await router.run(request, caller: netctlCaller, clientToken: clientToken)
    }
}
