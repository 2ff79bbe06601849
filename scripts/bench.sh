#!/usr/bin/env bash
# `make bench`: starts release netctld daemons on a temporary directory, measures them through the
# socket with netctl-bench, with scripts/python-client-bench.py, and from /proc/PID/stat (netctld's CPU
# per request), and ends with a table of results beside issue 15's targets. Numbers depend on the
# disk (every commit is an fsync) and on whatever else runs: compare runs on the same machine only.
# The JSON lines of the run are kept in .build/bench/.
#
# Sizes can be made smaller for a quick run, e.g.
#   BENCH_SCALE_VPCS=1000 BENCH_SCALE_PEERINGS=5000 BENCH_READS=5000 make bench
set -euo pipefail
bin="$1"

reads=${BENCH_READS:-40000}                   # vpc.get requests per read workload
reads_one=${BENCH_READS_ONE:-10000}           # ... over one connection, one at a time
mutations_one=${BENCH_MUTATIONS_ONE:-1500}    # VPC-and-subnet pairs from one client
mutations_each=${BENCH_MUTATIONS_EACH:-250}   # ... per client of 16
creates_each=${BENCH_CREATES_EACH:-500}       # vpc.create alone per client of 16, for netctld's CPU per create
python_reads=${BENCH_PYTHON_READS:-20000}     # vpc.get from the Python client, one at a time
python_mutations=${BENCH_PYTHON_MUTATIONS:-5000}  # vpc.create from the Python client, one at a time
python_seconds=${BENCH_PYTHON_SECONDS:-30}    # ... each of the two stops after this long whatever its count
watcher_rounds=${BENCH_WATCHER_ROUNDS:-3}     # on/off pairs of the mutation workload (noisy: more is steadier)
workflow_vpcs=${BENCH_WORKFLOW_VPCS:-500}
workflow_peerings=${BENCH_WORKFLOW_PEERINGS:-1000}
workflow_gets=${BENCH_WORKFLOW_GETS:-2000}
scale_vpcs=${BENCH_SCALE_VPCS:-10000}
scale_peerings=${BENCH_SCALE_PEERINGS:-50000}
scale_samples=${BENCH_SCALE_SAMPLES:-2000}    # reach.analyze and peering.list {vpc} calls
scale_pages=${BENCH_SCALE_PAGES:-500}         # peering.list pages of 100 (no vpc), following nextToken

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

# netctld's CPU time so far in clock ticks: utime + stime of /proc/PID/stat (fields 14 and 15,
# counted after the parenthesised command name).
hz=$(getconf CLK_TCK)
cpu_ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
# Appends netctld's CPU per request over the workload just run as a measurement of its own: WORKLOAD
# (a name `netctl-bench --summary` judges, Recorded in Measurement.swift), the ticks it took, and a
# note; the requests, clients and watcher come from that workload's JSON line, the last one so far.
record_cpu() {
    python3 - "$results" "$1" "$2" "$hz" "$3" <<'EOF'
import json, sys
path, workload, ticks, hz, note = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(path, encoding="utf-8") as results:
    run = json.loads(results.read().splitlines()[-1])
if run.get("drainSeconds") is not None:
    note += ", %.2f s after the last answer" % run["drainSeconds"]
line = {"workload": workload, "clients": run["clients"], "requests": run["requests"],
        "value": ticks * 1e6 / hz / run["requests"], "unit": "µs",
        "note": "%s; %d ticks of %g ms (utime + stime) over %s requests" % (note, ticks, 1000 / hz, f"{run['requests']:,}")}
if "watcher" in run:
    line["watcher"] = run["watcher"]
with open(path, "a", encoding="utf-8") as results:
    results.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
print("%s: %.1f µs (%s)" % (workload, line["value"], line["note"]))
EOF
}
python_client() {
    python3 "$(dirname "$0")/python-client-bench.py" "$dir/s.sock" "$1" "$2" "$python_seconds" | tee -a "$results"
}

section "reads"
fresh
bench --workload reads --clients 1 --requests "$reads_one"
ticks=$(cpu_ticks)
bench --workload reads --clients 16 --requests "$reads"
record_cpu "CPU of netctld per vpc.get" $(($(cpu_ticks) - ticks)) "over vpc.get, 16 connections one at a time"
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

# From the start of the creates until the watcher has caught up with them (the workload ends there).
section "vpc.create alone, watcher on: netctld's CPU per create"
fresh
ticks=$(cpu_ticks)
bench --workload creates --clients 16 --iterations "$creates_each" --watcher on
record_cpu "CPU of netctld per vpc.create, until the watcher caught up" $(($(cpu_ticks) - ticks)) \
    "from the start of vpc.create alone until the watcher caught up"

section "plain Python client, one request at a time"
fresh
python_client reads "$python_reads"
python_client creates "$python_mutations"

section "scale: $scale_vpcs VPCs, $scale_peerings peerings"
fresh
bench --workload scale --clients 16 --vpcs "$scale_vpcs" --peerings "$scale_peerings" --samples "$scale_samples" \
    --pages "$scale_pages" --page-size 100

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
