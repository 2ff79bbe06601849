import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain blocking Unix-socket connection, for tests that must send exactly the bytes they choose
/// (garbage, oversized lines) and see exactly what comes back.
final class RawSocket {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// `nonBlocking` connects as Python, Go and NIO clients do (SOCK_NONBLOCK): when the daemon's accept
    /// queue is full, connect fails at once with EAGAIN instead of waiting. Blocking again once connected.
    init(path: String, nonBlocking: Bool = false) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        let result = withUnixAddress(path) { connect(fd, $0, $1) }
        guard result == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EIO
            close(fd)
            throw POSIXError(code)
        }
        if nonBlocking { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
        var timeout = timeval(tv_sec: 90, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                // The daemon may close the connection while we are still writing an oversized line.
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }

    /// The next line, or nil when the daemon closed the connection.
    func readLine() throws -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0a) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { return nil }
            if count < 0 {
                if errno == ECONNRESET { return nil }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            buffer += chunk[..<count]
        }
    }

    /// Sends one line and returns the decoded JSON of the response line.
    func exchange(_ line: String) throws -> [String: Any]? {
        try send(line + "\n")
        guard let response = try readLine() else { return nil }
        return try JSONSerialization.jsonObject(with: Data(response.utf8)) as? [String: Any]
    }
}
