#!/usr/bin/env bash
# `make bench`: starts a release netctld on a temporary socket and measures it with netctl-bench.
# Numbers depend on the disk (every commit is an fsync): compare runs on the same machine only.
set -euo pipefail
bin="$1"
dir=$(mktemp -d /tmp/netctl-bench-XXXXXX)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" --quota vpcsPerRegion=1000000 --log-level warning &
pid=$!
for _ in $(seq 100); do [ -S "$dir/s.sock" ] && break; sleep 0.1; done
"$bin/netctl-bench" --socket "$dir/s.sock" --clients 1 --requests 2000
"$bin/netctl-bench" --socket "$dir/s.sock" --clients 16 --requests 500
"$bin/netctl-bench" --socket "$dir/s.sock" --clients 16 --requests 2000 --method vpc.get

# The same mutations with the watcher off, to see what logging and metrics cost the write path.
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$dir/data"
"$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" --quota vpcsPerRegion=1000000 --log-level warning --no-watcher &
pid=$!
for _ in $(seq 100); do [ -S "$dir/s.sock" ] && break; sleep 0.1; done
echo "watcher off:"
"$bin/netctl-bench" --socket "$dir/s.sock" --clients 1 --requests 2000
"$bin/netctl-bench" --socket "$dir/s.sock" --clients 16 --requests 500

# Reachability at scale, on a fresh daemon: 2,000 VPCs in overlapping meshes of 11 (about 11,000
# active peerings), then reach.analyze between random pairs.
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$dir/data"
"$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" --quota vpcsPerRegion=1000000 --log-level warning &
pid=$!
for _ in $(seq 100); do [ -S "$dir/s.sock" ] && break; sleep 0.1; done
"$bin/netctl-bench" --socket "$dir/s.sock" --method reach-scale --vpcs 2000 --requests 500
echo "resident memory of netctld: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
