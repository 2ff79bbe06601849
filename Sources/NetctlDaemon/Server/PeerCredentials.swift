import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Who is on the other end of a Unix socket, as the kernel reports it (SO_PEERCRED): it cannot be
/// forged by the client.
public struct PeerCredentials: Sendable, Hashable {
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32

    /// Supplementary groups of the peer process (SO_PEERCRED only carries the primary group).
    public var supplementaryGroups: Set<UInt32>

    public init(uid: UInt32, gid: UInt32, pid: Int32, supplementaryGroups: Set<UInt32> = []) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.supplementaryGroups = supplementaryGroups
    }

    /// The `Groups:` line of /proc/PID/status, read when the connection is accepted: the peer is
    /// connected then, so its pid cannot have been reused yet. Empty when /proc is not readable.
    static func supplementaryGroups(of pid: Int32) -> Set<UInt32> {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Groups:") })
        else { return [] }
        return Set(line.dropFirst("Groups:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { UInt32($0) })
    }
}

extension PeerCredentials {
    /// Reads SO_PEERCRED from an accepted Unix-domain channel.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        let credentials: EventLoopFuture<KernelUcred> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map {
            PeerCredentials(uid: $0.uid, gid: $0.gid, pid: $0.pid, supplementaryGroups: supplementaryGroups(of: $0.pid))
        }
    }
}

/// Linux's `struct ucred` (pid, uid, gid), which Glibc's Swift module hides behind _GNU_SOURCE. A
/// Swift struct of three 32-bit fields has the same layout.
struct KernelUcred: Sendable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32
}
