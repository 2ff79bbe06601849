#!/usr/bin/env bash
# `make bench`: starts release netctld daemons on a temporary directory, measures them through the
# socket with netctl-bench (issue 9's workloads), and ends with a table of results beside targets.
# Numbers depend on the disk (every commit is an fsync) and on whatever else runs: compare runs on
# the same machine only. The JSON lines of the run are kept in .build/bench/.
#
# Sizes can be made smaller for a quick run, e.g.
#   BENCH_SCALE_VPCS=1000 BENCH_SCALE_PEERINGS=5000 BENCH_READS=5000 make bench
set -euo pipefail
bin="$1"

reads=${BENCH_READS:-40000}                   # vpc.get requests per read workload
reads_one=${BENCH_READS_ONE:-10000}           # ... over one connection, one at a time
mutations_one=${BENCH_MUTATIONS_ONE:-1500}    # VPC-and-subnet pairs from one client
mutations_each=${BENCH_MUTATIONS_EACH:-250}   # ... per client of 16
watcher_rounds=${BENCH_WATCHER_ROUNDS:-3}     # on/off pairs of the mutation workload (noisy: more is steadier)
workflow_vpcs=${BENCH_WORKFLOW_VPCS:-500}
workflow_peerings=${BENCH_WORKFLOW_PEERINGS:-1000}
workflow_gets=${BENCH_WORKFLOW_GETS:-2000}
scale_vpcs=${BENCH_SCALE_VPCS:-10000}
scale_peerings=${BENCH_SCALE_PEERINGS:-50000}
scale_samples=${BENCH_SCALE_SAMPLES:-2000}    # reach.analyze and peering.list {vpc} calls

dir=$(mktemp -d /tmp/netctl-bench-XXXXXX)
mkdir -p .build/bench
results=".build/bench/results-$(date +%Y%m%dT%H%M%S).jsonl"
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

# The workloads need more than AWS's defaults: 10,000 VPCs in one region, and 1,000 peering
# requests outstanding before the workflow accepts them.
quotas=(--quota vpcsPerRegion=1000000 --quota outstandingPeeringsPerAccount=1000000)

launch() {
    "$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" "${quotas[@]}" --log-level warning "$@" &
    pid=$!
}
stop() {
    if [ -n "$pid" ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; fi
}
# A daemon on an empty data directory; extra arguments go to netctld.
fresh() {
    stop
    rm -rf "$dir/data" "$dir/s.sock"
    launch "$@"
    for _ in $(seq 200); do [ -S "$dir/s.sock" ] && return; sleep 0.05; done
    echo "netctld did not start" >&2
    exit 1
}
bench() { "$bin/netctl-bench" --socket "$dir/s.sock" --record "$results" "$@"; }
section() { echo "== $* ($(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }
nanoseconds() { date +%s%N; }

section "reads"
fresh
bench --workload reads --clients 1 --requests "$reads_one"
bench --workload reads --clients 16 --requests "$reads"
bench --workload reads --clients 1 --window 64 --requests "$reads"
bench --workload reads --clients 1 --window 256 --requests "$reads"
bench --workload reads --clients 16 --window 16 --requests "$reads"
bench --workload reads-typed --clients 16 --requests "$reads"

section "peering workflow"
fresh
bench --workload workflow --clients 16 --vpcs "$workflow_vpcs" --peerings "$workflow_peerings" --gets "$workflow_gets"

# On and off alternate, each on a fresh daemon, so a change in the machine's load falls on both.
for round in $(seq "$watcher_rounds"); do
    for watcher in on off; do
        section "mutations, watcher $watcher (round $round of $watcher_rounds)"
        if [ "$watcher" = on ]; then fresh; else fresh --no-watcher; fi
        bench --workload mutations --clients 1 --iterations "$mutations_one" --watcher "$watcher"
        bench --workload mutations --clients 16 --iterations "$mutations_each" --watcher "$watcher"
    done
done

section "scale: $scale_vpcs VPCs, $scale_peerings peerings"
fresh
bench --workload scale --clients 16 --vpcs "$scale_vpcs" --peerings "$scale_peerings" --samples "$scale_samples"

section "restart"
begin=$(nanoseconds)
stop
end=$(nanoseconds)
seconds=$(awk -v d=$((end - begin)) 'BEGIN { printf "%.3f", d / 1e9 }')
echo "restart: SIGTERM to exit: $seconds s"
printf '{"workload":"restart: SIGTERM to exit","seconds":%s}\n' "$seconds" >>"$results"
# netctld removes its socket on a clean stop, so the probe's first attempts find nothing to connect to.
begin=$(nanoseconds)
launch
bench --workload ready --since-epoch-ns "$begin" --probe s0
bench --workload memory --label "resident memory of netctld after restart"
stop

echo
echo "netctl-bench, $(date '+%F %R'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
"$bin/netctl-bench" --summary "$results"
echo "JSON lines: $results"
