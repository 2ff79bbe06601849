import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// Sends EMF lines to a CloudWatch agent: `udp://HOST:PORT` (one datagram per line, as the agent's
/// default listener 25888 expects) or `tcp://HOST:PORT` (newline-delimited, reconnected on failure).
/// Sending never blocks the watcher for long: a line that cannot be sent is dropped and counted.
final class EMFEndpoint: Sendable, CustomStringConvertible {
    enum Transport: String, Sendable { case udp, tcp }

    let transport: Transport
    let host: String
    let port: UInt16
    /// The URL as configured.
    let description: String
    private let socketFD = NIOLockedValueBox<Int32>(-1)
    private let droppedLines = NIOLockedValueBox<Int>(0)

    var dropped: Int { droppedLines.withLockedValue { $0 } }

    init(_ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme, let transport = Transport(rawValue: scheme),
            let host = url.host, let port = url.port, (1...65535).contains(port)
        else {
            throw ConfigurationError(
                description: "emfEndpoint '\(text)' must be udp://HOST:PORT or tcp://HOST:PORT, e.g. udp://127.0.0.1:25888")
        }
        self.description = text
        self.transport = transport
        self.host = host
        self.port = UInt16(port)
        guard Self.address(host, port: self.port) != nil else {
            throw ConfigurationError(description: "emfEndpoint host '\(host)' is not an IPv4 address")
        }
    }

    static func address(_ host: String, port: UInt16) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        return address
    }

    func send(_ lines: [Data]) {
        socketFD.withLockedValue { fd in
            for line in lines {
                if fd < 0 { fd = connect() }
                guard fd >= 0 else {
                    droppedLines.withLockedValue { $0 += 1 }
                    continue
                }
                let sent = line.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
                if sent != line.count {
                    droppedLines.withLockedValue { $0 += 1 }
                    if transport == .tcp {
                        close(fd)
                        fd = -1
                    }
                }
            }
        }
    }

    private func connect() -> Int32 {
        guard var address = Self.address(host, port: port) else { return -1 }
        let fd = socket(AF_INET, Int32(transport == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            return -1
        }
        return fd
    }

    deinit {
        let fd = socketFD.withLockedValue { $0 }
        if fd >= 0 { close(fd) }
    }
}
