/// What a service model says about one operation: its input and output shapes and, for REST
/// protocols, the HTTP method, URI pattern and success status it is served with.
struct OperationShapes: Sendable {
    var input: String?
    var output: String?
    var method: String?
    var requestURI: String?
    var successStatus: Int
}
