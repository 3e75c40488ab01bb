import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that notes when each connection arrives and closes it
/// at once: the far end of "process start to first request". Plain sockets on its own
/// thread, so nothing of the harness's async machinery sits between the connection and
/// its timestamp.
final class ConnectionStamps: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var stamps: [ContinuousClock.Instant] = []

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0, listen(socket, 128) == 0 else {
            close(socket)
            throw BenchError(description: "cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &actualLength) } }
        self.socket = socket
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The first connection that arrived at or after `instant`.
    func first(after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        lock.withLock { stamps.first { $0 >= instant } }
    }

    /// Ends the accept loop (shutdown wakes a blocked accept).
    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            let now = ContinuousClock.now
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.withLock { stamps.append(now) }
            close(client)
        }
    }
}
