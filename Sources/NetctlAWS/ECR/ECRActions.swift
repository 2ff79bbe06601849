/// The ECR operations netctld serves: each becomes netctl's own typed requests.
enum ECRActions {
    static let all: [JSONAction] = []
}
