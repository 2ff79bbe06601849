/// The ServiceDiscovery operations netctld serves: each becomes netctl's own typed requests.
enum ServiceDiscoveryActions {
    static let all: [JSONAction] = []
}
