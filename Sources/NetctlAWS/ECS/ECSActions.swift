/// The ECS operations netctld serves: each becomes netctl's own typed requests.
enum ECSActions {
    static let all: [JSONAction] = []
}
