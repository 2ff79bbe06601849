import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix datagram socket standing in for systemd's NOTIFY_SOCKET. A thread of its own reads it at
/// all times, as systemd does: netctld's sd_notify blocks once the socket's queue is full, and a test
/// that stops reading for a while (its task waiting for a slot on a busy machine) must not hang the
/// daemon it watches. Waiting for messages suspends the test's task instead of blocking its thread.
final class NotifySocket: Sendable {
    let path: String
    private let unread = NIOLockedValueBox<[String]>([])
    /// Every message with the moment the reader received it, kept for the whole test.
    private let history = NIOLockedValueBox<[(at: ContinuousClock.Instant, message: String)]>([])
    private let closed = NIOLockedValueBox(false)

    init(path: String) throws {
        self.path = path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let bound = withUnixAddress(path) { bind(fd, $0, $1) }
        guard bound == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        // The reader looks at `closed` at least this often.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let unread = self.unread
        let history = self.history
        let closed = self.closed
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !closed.withLockedValue({ $0 }) {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count > 0 {
                    let message = String(decoding: buffer[..<count], as: UTF8.self)
                    unread.withLockedValue { $0.append(message) }
                    history.withLockedValue { $0.append((.now, message)) }
                }
            }
            close(fd)
        }
        reader.start()
    }

    deinit { closed.withLockedValue { $0 = true } }

    /// When each message containing `text` arrived, timed by the reader thread: unlike the test's own
    /// waits, these times hold on a machine so busy that a task wakes seconds late.
    func arrivals(of text: String) -> [ContinuousClock.Instant] {
        history.withLockedValue { $0.filter { $0.message.contains(text) }.map(\.at) }
    }

    /// What had arrived unread, and every message that arrives within `seconds`.
    func collect(for seconds: Double) async -> [String] {
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        return unread.withLockedValue { messages in
            defer { messages.removeAll() }
            return messages
        }
    }

    /// Messages up to the first that contains `text`, or all that came within 20 s.
    func waitFor(_ text: String) async -> [String] {
        var taken: [String] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let found = unread.withLockedValue { messages -> Bool in
                while !messages.isEmpty {
                    let message = messages.removeFirst()
                    taken.append(message)
                    if message.contains(text) { return true }
                }
                return false
            }
            if found { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return taken
    }
}
