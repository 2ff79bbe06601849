#!/usr/bin/env python3
"""What a plain client gets from netctld: JSON-RPC lines over the Unix socket from Python's standard
library (socket, json, time), one request at a time on one connection, the way a small script would
talk to the daemon. Prints one JSON line in the format of `netctl-bench --json` (for `--summary`):
throughput and latency percentiles, latency from before encoding a request until its answer is
decoded.

    scripts/python-client-bench.py SOCKET reads|creates [REQUESTS [MAX_SECONDS]]

reads: `vpc.get` by ID over 8 VPCs it creates first; creates: `vpc.create` (durable: answered after
the commit's fsync). At most REQUESTS requests (default 20000) and at most MAX_SECONDS seconds
(default 60) of them; a run cut short by the time says so in its note. Every wait on the daemon is
bounded too (10 s per answer).
"""
import json
import socket
import sys
import time

# The workload names `netctl-bench --summary` judges these lines by (Recorded in Measurement.swift).
WORKLOADS = {
    "reads": "vpc.get from a plain Python client",
    "creates": "vpc.create from a plain Python client",
}
ANSWER_TIMEOUT = 10.0


class Connection:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(ANSWER_TIMEOUT)
        self.sock.connect(path)
        self.buffer = b""
        self.next_id = 0

    def call(self, method, params):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                break
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("netctld closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer[:end], self.buffer[end + 1:]
        answer = json.loads(line)
        if "error" in answer:
            raise SystemExit("%s: %s" % (method, answer["error"].get("message", answer["error"])))
        if answer.get("id") != self.next_id:
            raise SystemExit("%s: an answer for id %r, not %d" % (method, answer.get("id"), self.next_id))
        return answer["result"]

    def wait_for_watcher(self, deadline):
        """Lets the watcher finish what came before (the VPCs made for reads), as netctl-bench does."""
        while self.call("system.status", {})["watcherLagEvents"] != 0:
            if time.monotonic() > deadline:
                raise SystemExit("the watcher did not catch up in time")
            time.sleep(0.01)


def percentile(ordered, p):
    """Nearest rank, in milliseconds, of nanosecond latencies in ascending order."""
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[min(len(ordered), rank) - 1] / 1e6


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in WORKLOADS:
        raise SystemExit(__doc__)
    path, workload = sys.argv[1], sys.argv[2]
    requests = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    max_seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60.0
    if requests < 1 or max_seconds <= 0:
        raise SystemExit("REQUESTS and MAX_SECONDS must be positive")

    connection = Connection(path)
    if workload == "reads":
        ids = [connection.call("vpc.create", {"cidrBlock": "10.0.0.0/16"})["vpcId"] for _ in range(8)]
        method, params = "vpc.get", [{"vpc": vpc} for vpc in ids]
    else:
        method, params = "vpc.create", [{"cidrBlock": "10.0.0.0/16"}]
    connection.wait_for_watcher(time.monotonic() + max_seconds)

    latencies = []
    started = time.perf_counter_ns()
    deadline = started + int(max_seconds * 1e9)
    for index in range(requests):
        begin = time.perf_counter_ns()
        if begin > deadline:
            break
        connection.call(method, params[index % len(params)])
        latencies.append(time.perf_counter_ns() - begin)
    seconds = (time.perf_counter_ns() - started) / 1e9

    latencies.sort()
    note = "one at a time over one connection; socket, json"
    if len(latencies) < requests:
        note += "; stopped at %g s after %d of %d" % (max_seconds, len(latencies), requests)
    print(json.dumps({
        "workload": WORKLOADS[workload],
        "clients": 1,
        "window": 1,
        "requests": len(latencies),
        "seconds": seconds,
        "throughput": len(latencies) / seconds,
        "p50Ms": percentile(latencies, 50),
        "p90Ms": percentile(latencies, 90),
        "p99Ms": percentile(latencies, 99),
        "maxMs": latencies[-1] / 1e6,
        "note": note,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
