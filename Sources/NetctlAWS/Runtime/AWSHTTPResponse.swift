/// What the endpoint answers, for the daemon's HTTP server to send as is.
public struct AWSHTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var requestId: String
    public var extraHeaders: [(name: String, value: String)] = []
    public var body: [UInt8]

    public init(status: Int, contentType: String, requestId: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.requestId = requestId
        self.body = body
    }
}
