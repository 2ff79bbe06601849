#!/usr/bin/env bash
# Restart to ready on a data directory that already holds a state, as `make bench`'s "restart" section
# measures it but without building the state first: each run starts release netctld on a fresh copy
# of DATA_DIR (the copy is not timed; the original is never opened) and times from just before the
# start until `vpc.get PROBE` succeeds; then netctld's CPU time until then (utime + stime from
# /proc/PID/stat, every thread), which a shared machine's other work changes less than the time. A
# state of issue 15's scale is what `netctl-bench --workload scale` leaves (see BENCHMARKS.md); let
# its watcher catch up first, as `make bench` does, or every start also logs the backlog.
#
#   scripts/restart-bench.sh BIN_DIR DATA_DIR [RUNS [PROBE]]
#   e.g. scripts/restart-bench.sh .build/release /tmp/scale/data 5 s0
set -euo pipefail
bin="$1"
data="$2"
runs="${3:-5}"
probe="${4:-s0}"

dir=$(mktemp -d /tmp/netctl-restart-XXXXXX)
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

for run in $(seq "$runs"); do
    rm -rf "$dir/data" "$dir/s.sock"
    cp -r "$data" "$dir/data"
    begin=$(date +%s%N)
    # The same flags as `make bench`, so the daemon starts as it does there.
    "$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" --quota vpcsPerRegion=1000000 \
        --quota outstandingPeeringsPerAccount=1000000 --log-level warning &
    pid=$!
    echo -n "run $run of $runs: "
    "$bin/netctl-bench" --socket "$dir/s.sock" --workload ready --since-epoch-ns "$begin" --probe "$probe"
    ticks=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
    echo "  netctld CPU until ready: $((ticks * 1000 / $(getconf CLK_TCK))) ms; load $(cut -d' ' -f1-3 /proc/loadavg)"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
done
