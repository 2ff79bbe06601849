/// The CloudWatch operations netctld serves: each becomes netctl's own typed requests.
enum CloudWatchActions {
    static let all: [JSONAction] = []
}
