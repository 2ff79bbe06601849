import Foundation
import NetctlAPI

/// AWS's timing rules for peerings (SEMANTICS.md 2.2).
public enum PeeringRules {
    /// Unanswered requests expire after 7 days; not adjustable.
    public static let pendingLifetime: TimeInterval = 7 * 24 * 3600
    public static let shortWindow: TimeInterval = 2 * 3600
    public static let longWindow: TimeInterval = 2 * 24 * 3600
    public static let mtuInRegion = 9001
    public static let mtuInterRegion = 1500

    public enum Side: Sendable { case requester, accepter }

    /// How long a terminal peering stays visible to one side after its last status change; nil
    /// while it is not terminal (visible), `0` when that side never sees it.
    public static func window(_ peering: Peering, for side: Side) -> TimeInterval? {
        let same = peering.isSameAccount
        switch peering.status.code {
        case PeeringStatus.failed:
            return side == .requester || same ? shortWindow : 0
        case PeeringStatus.expired:
            return longWindow
        case PeeringStatus.rejected:
            return same ? shortWindow : (side == .requester ? longWindow : shortWindow)
        case PeeringStatus.deleted:
            if same { return shortWindow }
            let sideAccount = side == .requester ? peering.requester.accountId : peering.accepter.accountId
            return peering.deletedBy == sideAccount ? shortWindow : longWindow
        default:
            return nil
        }
    }

    /// The sides of the peering that `scope` is (both for a same-account, same-region peering).
    public static func sides(of peering: Peering, for scope: Scope) -> [Side] {
        var sides: [Side] = []
        if peering.requesterScope == scope { sides.append(.requester) }
        if peering.accepterScope == scope { sides.append(.accepter) }
        return sides
    }

    public static func isVisible(_ peering: Peering, to scope: Scope, at now: Date) -> Bool {
        sides(of: peering, for: scope).contains { isVisible(peering, side: $0, at: now) }
    }

    static func isVisible(_ peering: Peering, side: Side, at now: Date) -> Bool {
        guard let window = window(peering, for: side) else { return true }
        return now < peering.statusUpdatedAt.addingTimeInterval(window)
    }

    /// When a terminal peering has left every listing and can be forgotten.
    static func purgeTime(_ peering: Peering) -> Date? {
        guard let requester = window(peering, for: .requester), let accepter = window(peering, for: .accepter) else {
            return nil
        }
        return peering.statusUpdatedAt.addingTimeInterval(max(requester, accepter))
    }

    /// The peering as one side sees it: tags belong to the requester's account only.
    static func view(_ peering: Peering, for scope: Scope) -> Peering {
        guard peering.requesterScope != scope else { return peering }
        var view = peering
        view.tags = [:]
        return view
    }
}

extension PeeringRules {
    /// AWS shows the accepter's CIDRs only once the request is accepted: until then the requester
    /// learns nothing of the other side's addressing.
    public static func showsAccepterCidrs(_ peering: Peering) -> Bool {
        [PeeringStatus.provisioning, PeeringStatus.active, PeeringStatus.deleting].contains(peering.status.code)
    }
}
