import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// netctld logs to the journal through sd_journal_sendv when systemd connected its stderr there. Without
/// systemd as PID 1, a private mount namespace gets a fresh /run where a small Python journald
/// listens on /run/systemd/journal/socket and records what arrives.
@Suite("Journald logging")
struct JournalTests {
    static let fakeJournald = #"""
        import json, os, socket, subprocess, sys, time
        os.makedirs("/run/systemd/journal")
        journal = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        journal.bind("/run/systemd/journal/socket")
        journal.settimeout(1)
        netctld, directory = sys.argv[1], sys.argv[2]
        stderr = os.fstat(2)
        env = dict(os.environ, JOURNAL_STREAM="%d:%d" % (stderr.st_dev, stderr.st_ino))
        env.pop("NOTIFY_SOCKET", None)
        daemon = subprocess.Popen([netctld, "--socket", directory + "/s.sock", "--data-dir", directory + "/data",
                                   "--log-level", "debug"], env=env)

        def parse(datagram):
            # The native protocol: FIELD=value lines, or FIELD, a 64-bit little-endian length and raw bytes.
            fields, i = {}, 0
            while i < len(datagram):
                end = datagram.index(b"\n", i)
                line = datagram[i:end]
                if b"=" in line:
                    name, value = line.split(b"=", 1)
                    i = end + 1
                else:
                    name, size = line, int.from_bytes(datagram[end + 1:end + 9], "little")
                    value = datagram[end + 9:end + 9 + size]
                    i = end + 9 + size + 1
                fields[name.decode()] = value.decode()
            return fields

        entries, deadline, sent = [], time.time() + 60, False
        while time.time() < deadline:
            if not sent:
                try:
                    client = socket.socket(socket.AF_UNIX)
                    client.connect(directory + "/s.sock")
                    client.sendall(b'{"jsonrpc":"2.0","id":1,"method":"vpc.create","params":{"cidrBlock":"10.0.0.0/16"}}\n')
                    client.recv(65536)
                    sent = True
                except OSError:
                    time.sleep(0.05)
            try:
                entries.append(parse(journal.recv(1 << 20)))
            except socket.timeout:
                pass
            if sent and any(e.get("NETCTL_RESOURCE_ID", "").startswith("vpc-") for e in entries) \
                    and any(e.get("NETCTL_METHOD") == "vpc.create" for e in entries):
                break
        daemon.terminate()
        # Keep reading as journald would: a datagram socket holds only a few unread messages, and a
        # full one blocks the sender.
        while daemon.poll() is None:
            try:
                entries.append(parse(journal.recv(1 << 20)))
            except socket.timeout:
                pass
        print(json.dumps(entries))
        """#

    @Test("with JOURNAL_STREAM naming its stderr, netctld sends structured entries to the journal socket")
    func structuredEntries() throws {
        try #require(getuid() == 0, "needs root for a private mount namespace")
        let directory = try TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "--mount", "--propagation", "private", "sh", "-c", "mount -t tmpfs tmpfs /run && exec python3 -c \"$0\" \"$@\"",
            Self.fakeJournald, Binaries.netctld, directory.path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "unshare/python failed: \(stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])

        let starting = try #require(entries.first { $0["MESSAGE"]?.hasPrefix("netctld ") == true && $0["MESSAGE"]?.hasSuffix(" starting") == true })
        #expect(starting["PRIORITY"] == "6")
        #expect(starting["SYSLOG_IDENTIFIER"] == "netctld")
        #expect(starting["CODE_FILE"]?.contains("Netctld.swift") == true)
        #expect(Int(starting["CODE_LINE"] ?? "") != nil)
        #expect(starting["NETCTL_SOCKET"] == directory.path + "/s.sock")

        let request = try #require(entries.first { $0["NETCTL_METHOD"] == "vpc.create" })
        #expect(request["PRIORITY"] == "7")
        #expect(request["NETCTL_ACCOUNT"] == "000000000000")
        #expect(request["NETCTL_OUTCOME"] == "ok")
        let change = try #require(entries.first { $0["NETCTL_RESOURCE_ID"]?.hasPrefix("vpc-") == true })
        #expect(change["NETCTL_ACTION"] == "create")
        #expect(change["NETCTL_ACCOUNT"] == "000000000000")
        // Nothing went to stderr: the journal took every line.
        #expect(!stderr.contains("netctld:"), "\(stderr)")
    }
}
