#!/usr/bin/env bash
# What the watcher costs netctld per request: the mutation workload from 16 clients on fresh release
# daemons, watcher on and off in turn, with netctld's bytes written (/proc/PID/io wchar) and CPU time
# (/proc/PID/stat utime + stime) per request, including the watcher catching up afterwards.
#   scripts/watcher-cost.sh [ROUNDS [CLIENTS [ITERATIONS]]]     (after `swift build -c release`)
set -euo pipefail
bin=${BIN:-.build/release}
rounds=${1:-3}
clients=${2:-16}
iterations=${3:-250}
requests=$((clients * iterations * 2))
for round in $(seq "$rounds"); do
    for watcher in on off; do
        dir=$(mktemp -d /tmp/netctl-watcher-cost-XXXXXX)
        extra=()
        if [ "$watcher" = off ]; then extra=(--no-watcher); fi
        "$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" --quota vpcsPerRegion=1000000 \
            --log-level warning "${extra[@]}" &
        pid=$!
        for _ in $(seq 200); do [ -S "$dir/s.sock" ] && break; sleep 0.05; done
        written=$(awk '/^wchar/ {print $2}' "/proc/$pid/io")
        ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        line=$("$bin/netctl-bench" --socket "$dir/s.sock" --workload mutations --clients "$clients" \
            --iterations "$iterations" --watcher "$watcher" --json | tail -1)
        written=$(($(awk '/^wchar/ {print $2}' "/proc/$pid/io") - written))
        ticks=$(($(awk '{print $14 + $15}' "/proc/$pid/stat") - ticks))
        throughput=$(python3 -c 'import json, sys; print(round(json.loads(sys.argv[1])["throughput"]))' "$line")
        hz=$(getconf CLK_TCK)
        echo "watcher $watcher, round $round: $throughput requests/s," \
            "$((written / requests)) bytes written and $((ticks * 1000000 / hz / requests)) µs of CPU per request"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
        rm -rf "$dir"
    done
done
